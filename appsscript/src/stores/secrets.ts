// The relay secret lives only where the owner's executions read it: the owner's User Properties,
// fronted by the owner's user cache because every POST needs it. The web app runs as the owner, and
// the secret menu items refuse anyone else, so no other user's execution ever reads or writes it.
import type { Crypto, Platform } from '../gas/platform.js';
import { noteAcceptedUntil } from '../door/replay.js';
import type { Secrets } from '../door/verify.js';
import { readThrough, type ScriptStores } from './cached-properties.js';

type Kept = ScriptStores & Pick<Platform, 'userProperties' | 'userCache' | 'now'>;

const KEY = 'teleport.secrets';
/** Where the previous version cached its settings, the secret among them, for every user to read. */
const OLD_CONFIG_CACHE_KEY = 'teleport.config';

export const NO_SECRETS: Secrets = { current: null, previous: null, rotatedAt: null };

function parseSecrets(json: string | null): Secrets {
  if (!json) return NO_SECRETS;
  try {
    const o = JSON.parse(json) as Partial<Secrets>;
    return {
      current: typeof o.current === 'string' ? o.current : null,
      previous: typeof o.previous === 'string' ? o.previous : null,
      rotatedAt: typeof o.rotatedAt === 'number' ? o.rotatedAt : null,
    };
  } catch {
    return NO_SECRETS;
  }
}

/** A secret left in Script Properties by the previous version moves to the owner's own store. */
function migrate(p: Kept): string | null {
  const old = p.scriptProperties.get(KEY);
  if (old === null) return null;
  p.userProperties.set(KEY, old);
  // That version accepted POSTs whose nonces the new replay record never saw.
  noteAcceptedUntil(p, Math.floor(p.now() / 1000));
  p.scriptProperties.delete(KEY);
  p.scriptCache.remove(OLD_CONFIG_CACHE_KEY);
  return old;
}

/** The owner's secrets. Call only from the web app or after the owner check. */
export function secrets(p: Kept): Secrets {
  const load = () => p.userProperties.get(KEY) ?? migrate(p);
  return parseSecrets(readThrough(p.userProperties, p.userCache, KEY, { absent: '{}', load }));
}

export function saveSecrets(p: Kept, next: Secrets): void {
  p.userProperties.set(KEY, JSON.stringify(next));
  p.userCache.remove(KEY);
}

/** 256 bits: SHA-256 over three random v4 UUIDs (366 random bits). */
export function newSecret(crypto: Crypto): string {
  return crypto.sha256Hex(crypto.uuid() + crypto.uuid() + crypto.uuid());
}
