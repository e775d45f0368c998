// The key that seals what the script writes (Version cells, History rows, export records) lives
// where only the owner's executions read it: the owner's User Properties, fronted by the owner's
// user cache, like the relay secrets (secrets.ts). The web app runs as the owner; a menu item runs
// as whoever clicks, so callers say whether that is the owner, and nobody else ever reads, moves or
// makes the key (an editor's execution would otherwise seal with a key of their own).
import type { Platform } from '../gas/platform.js';
import { readThrough } from './cached-properties.js';
import { newSecret } from './secrets.js';

type Kept = Pick<Platform, 'userProperties' | 'userCache' | 'scriptProperties' | 'scriptCache' | 'crypto'>;

const KEY = 'teleport.sealingKey';
/** Where versions before contract §15 kept it, readable by every editor in Project Settings. */
const LEGACY_KEY = 'teleport.rowKey';

/**
 * The key moves once, as it is: the cells it sealed stay verifiable. It was readable by every
 * editor until then, which docs/integrity.md tells the owner.
 */
function migrate(p: Kept): string | null {
  const legacy = p.scriptProperties.get(LEGACY_KEY);
  if (legacy === null) return null;
  p.userProperties.set(KEY, legacy);
  p.scriptProperties.delete(LEGACY_KEY);
  p.scriptCache.remove(LEGACY_KEY);
  return legacy;
}

/**
 * The owner's sealing key, made (under the script lock) when `create` and none exists yet; null
 * for anyone but the owner, whose executions can verify nothing and must not pretend to.
 */
export function sealingKey(p: Kept, who: { owner: boolean; create: boolean }): string | null {
  if (!who.owner) return null;
  const key = readThrough(p.userProperties, p.userCache, KEY, { load: () => p.userProperties.get(KEY) ?? migrate(p) });
  if (key !== null || !who.create) return key;
  const made = newSecret(p.crypto);
  p.userProperties.set(KEY, made);
  p.userCache.remove(KEY);
  return made;
}
