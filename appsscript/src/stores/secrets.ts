// The sheet-wide relay secret (contract §1; each enrolled cluster has its own, clusters.ts) lives
// only where the owner's executions read it: the owner's User Properties, fronted by the owner's
// user cache because every POST needs it. The web app runs as the owner, and the secret menu items
// refuse anyone else, so no other user's execution ever reads or writes it. Once the owner retires
// it (§11) it signs nothing any more, and a copy of when that was is kept where editors can see it.
import type { Crypto, Platform } from '../gas/platform.js';
import { noteAcceptedUntil } from '../door/replay.js';
import type { Secrets } from '../door/verify.js';
import { readThrough, type ScriptStores } from './cached-properties.js';

type Kept = ScriptStores & Pick<Platform, 'userProperties' | 'userCache' | 'now'>;

const KEY = 'teleport.secrets';
const RETIRED_KEY = 'teleport.sheetSecretRetiredAt';
/** Where the previous version cached its settings, the secret among them, for every user to read. */
const OLD_CONFIG_CACHE_KEY = 'teleport.config';

export interface SheetSecrets extends Secrets {
  /** Unix seconds: when the owner retired the sheet-wide secret; after that only v2 signs (§11). */
  retiredAt: number | null;
}

export const NO_SECRETS: SheetSecrets = { current: null, previous: null, rotatedAt: null, retiredAt: null };

function parseSecrets(json: string | null): SheetSecrets {
  if (!json) return NO_SECRETS;
  try {
    const o = JSON.parse(json) as Partial<SheetSecrets>;
    return {
      current: typeof o.current === 'string' ? o.current : null,
      previous: typeof o.previous === 'string' ? o.previous : null,
      rotatedAt: typeof o.rotatedAt === 'number' ? o.rotatedAt : null,
      retiredAt: typeof o.retiredAt === 'number' ? o.retiredAt : null,
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

/** The owner's sheet-wide secrets. Call only from the web app or after the owner check. */
export function secrets(p: Kept): SheetSecrets {
  const load = () => p.userProperties.get(KEY) ?? migrate(p);
  return parseSecrets(readThrough(p.userProperties, p.userCache, KEY, { absent: '{}', load }));
}

/** What a v1 signature is checked against: nothing once retired. */
export function v1Secrets(p: Kept): Secrets {
  const kept = secrets(p);
  return kept.retiredAt === null ? kept : NO_SECRETS;
}

export function saveSecrets(p: Kept, next: SheetSecrets): void {
  p.userProperties.set(KEY, JSON.stringify(next));
  p.userCache.remove(KEY);
  if (next.retiredAt !== null) p.scriptProperties.set(RETIRED_KEY, String(next.retiredAt));
}

/** When the sheet-wide secret was retired, as editors may read it (a copy: never used to verify). */
export function sheetSecretRetiredAt(p: ScriptStores): number | null {
  const at = Number(p.scriptProperties.get(RETIRED_KEY));
  return at > 0 ? at : null;
}

/** 256 bits: SHA-256 over three random v4 UUIDs (366 random bits). */
export function newSecret(crypto: Crypto): string {
  return crypto.sha256Hex(crypto.uuid() + crypto.uuid() + crypto.uuid());
}

/** A new current secret; the old one stays valid for the grace period (§2 step 3). */
export function rotated<S extends Secrets>(kept: S, secret: string, nowSeconds: number): S {
  return { ...kept, current: secret, previous: kept.current, rotatedAt: kept.current ? nowSeconds : null };
}

/** The previous secret ends at once. */
export function revoked<S extends Secrets>(kept: S): S {
  return { ...kept, previous: null, rotatedAt: null };
}
