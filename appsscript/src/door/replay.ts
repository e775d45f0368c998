// The replay record in the script cache and its lease in Script Properties (nonces.ts decides).
// Call only under the script lock: the cache has no compare-and-set, so two executions checking the
// same nonce must take turns.
import type { Platform } from '../gas/platform.js';
import { CACHE_TTL_SECONDS, type ScriptStores } from '../stores/cached-properties.js';
import { bucketLifetime, bucketOf, claim, parseIndex, rebuiltIndex, type Freshness } from './nonces.js';

const INDEX_KEY = 'teleport.nonces';
const bucketKey = (bucket: number) => `teleport.nonces.${bucket}`;
const LEASE_PROPERTY = 'teleport.nonces.lease';
/** Kept a little past need, so that the cache's own expiry never looks like a loss. */
const BUCKET_MARGIN_SECONDS = 600;

/** For a script upgraded from a version without the record: POSTs were accepted until `now`. */
export function noteAcceptedUntil(p: Pick<Platform, 'scriptProperties'>, now: number): void {
  p.scriptProperties.set(LEASE_PROPERTY, String(now));
}

/** Refuses a nonce already accepted while its ts is acceptable, and records a new one. */
export function claimNonce(p: ScriptStores, ts: number, nonce: string, now: number): Freshness {
  const key = bucketKey(bucketOf(ts));
  const found = p.scriptCache.getAll([INDEX_KEY, key]);
  const stored = parseIndex(found[INDEX_KEY]);
  let index = stored;
  if (!index) {
    const lease = p.scriptProperties.get(LEASE_PROPERTY);
    index = rebuiltIndex(now, lease === null ? null : Number(lease));
  }
  const out = claim(index, found[key] ?? null, ts, nonce, now);
  if (out.index && out.index.lease !== index.lease) p.scriptProperties.set(LEASE_PROPERTY, String(out.index.lease));
  // The bucket before the index that lists it: cut short in between, the record stays complete.
  if (out.bucket !== undefined) {
    const ttl = Math.min(CACHE_TTL_SECONDS, bucketLifetime(bucketOf(ts), now) + BUCKET_MARGIN_SECONDS);
    p.scriptCache.put(key, out.bucket, ttl);
  }
  const nextIndex = out.index ?? (stored ? null : index);
  if (nextIndex) p.scriptCache.put(INDEX_KEY, JSON.stringify(nextIndex), CACHE_TTL_SECONDS);
  return out.verdict;
}
