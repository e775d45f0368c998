// Properties are the source of truth but cost quota (50,000 reads and writes a day) and a call each;
// the cache in front of them may forget anything at any time. Every store here reads the same way:
// the cache first, Properties when it has forgotten, and the answer cached again.
import type { Cache, Platform, Store } from '../gas/platform.js';

/** Six hours, the longest Apps Script's cache keeps anything. */
export const CACHE_TTL_SECONDS = 21_600;

/** The script's Properties and its cache, shared by every user of the script. */
export type ScriptStores = Pick<Platform, 'scriptProperties' | 'scriptCache'>;

export interface ReadThrough {
  /** What the cache holds while Properties hold nothing, so that a missing value costs no read either. */
  absent?: string;
  /** Reads Properties when the cache has forgotten; the key's own value by default. */
  load?: () => string | null;
}

/** A Properties value through its cache; null when neither holds it. */
export function readThrough(store: Store, cache: Cache, key: string, how: ReadThrough = {}): string | null {
  const cached = cache.get(key);
  if (cached !== null) return cached === how.absent ? null : cached;
  const stored = how.load ? how.load() : store.get(key);
  const kept = stored ?? how.absent;
  if (kept !== undefined) cache.put(key, kept, CACHE_TTL_SECONDS);
  return stored;
}
