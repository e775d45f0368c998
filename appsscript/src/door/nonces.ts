// The replay record (contract §2 step 4), pure. A nonce must be refused again for as long as its ts
// is acceptable, and the script cache may forget anything at any time, so forgetting must show:
// nonces are kept per minute of their ts, one cache value per minute (a bucket), and an index lists
// the buckets made since the record was complete. A bucket the index lists but the cache lacks was
// lost, as is the whole record when the index itself is gone; after a loss every ts that a POST
// accepted before it could have carried is refused until it leaves the window. How late a POST may
// have been accepted is bounded by a lease kept in Properties and moved an hour ahead at a time, so
// that a record which merely expired during a long silence costs nothing.
import { TS_WINDOW_SECONDS } from '../../../proto/contract.js';

export const BUCKET_SECONDS = 60;
/** A cache value holds at most 100 KB; nonces are ASCII, so characters are bytes. */
export const MAX_BUCKET_CHARS = 100_000;

export interface ReplayIndex {
  /** The first bucket the record is complete from: earlier ones may hold nonces it no longer has. */
  from: number;
  /** The buckets made since, still inside the window: each must be in the cache. */
  made: number[];
  /** Unix seconds: no POST is accepted after this without first moving it (a copy of the property). */
  lease: number;
}

export type Freshness = 'fresh' | 'replayed' | 'busy';

/** What to answer, and what to write back (absent: nothing). */
export interface NonceClaim {
  verdict: Freshness;
  index?: ReplayIndex;
  bucket?: string;
}

export const LEASE_SECONDS = 3600;

export function bucketOf(ts: number): number {
  return Math.floor(ts / BUCKET_SECONDS);
}

/** Seconds a bucket must outlive `now`: until the last ts it can hold leaves the window. */
export function bucketLifetime(bucket: number, now: number): number {
  return (bucket + 1) * BUCKET_SECONDS + TS_WINDOW_SECONDS - now;
}

/**
 * The record rebuilt at `now` when the cache has lost it. No POST was accepted after the lease (none
 * at all when there is none), so none carried a ts past min(now, lease) + 300 s: the record is complete
 * from the bucket after that one. After a long silence that bucket has left the window already.
 */
export function rebuiltIndex(now: number, lease: number | null): ReplayIndex {
  if (lease === null) return { from: 0, made: [], lease: 0 };
  return { from: bucketOf(Math.min(now, lease) + TS_WINDOW_SECONDS) + 1, made: [], lease };
}

export function parseIndex(text: string | null | undefined): ReplayIndex | null {
  if (!text) return null;
  try {
    const o = JSON.parse(text) as Partial<ReplayIndex>;
    const made = Array.isArray(o.made) ? o.made : null;
    if (typeof o.from !== 'number' || typeof o.lease !== 'number') return null;
    if (!made || !made.every((b) => typeof b === 'number')) return null;
    return { from: o.from, made, lease: o.lease };
  } catch {
    return null;
  }
}

function holds(bucket: string, nonce: string): boolean {
  return ` ${bucket} `.includes(` ${nonce} `);
}

/**
 * Checks a verified POST's nonce against the record and records it; `bucket` is ts's bucket as read.
 * A fresh claim past the lease moves it: the caller saves the new lease before accepting the POST.
 */
export function claim(index: ReplayIndex, bucket: string | null, ts: number, nonce: string, now: number): NonceClaim {
  const b = bucketOf(ts);
  if (b < index.from) return { verdict: 'busy' };
  const made = index.made.includes(b);
  if (bucket === null && made) return { verdict: 'busy', index: rebuiltIndex(now, index.lease) };
  if (bucket !== null && holds(bucket, nonce)) return { verdict: 'replayed' };
  const next = bucket ? `${bucket} ${nonce}` : nonce;
  if (next.length > MAX_BUCKET_CHARS) return { verdict: 'busy' };
  const live = index.made.filter((m) => bucketLifetime(m, now) > 0);
  const lease = index.lease >= now ? index.lease : now + LEASE_SECONDS;
  return { verdict: 'fresh', index: { from: index.from, made: made ? live : [...live, b], lease }, bucket: next };
}
