// The hidden Version column (contract §4, col 16): compact JSON carrying everything planning needs,
// so one read of that column plans a whole batch. A cell that does not parse is not ours: such a
// row is never matched, changed or counted.
import { REQUEST_STATES, type RequestState, type RowStatus } from '../../proto/contract.js';

export interface RowMeta {
  id: string;
  cluster: string;
  /** The request's state as last upserted (Status shows EXPIRED instead when gone and PENDING). */
  state: RequestState;
  rank: number;
  reviews: number;
  /** The "View in Teleport" target, '' for none. */
  url: string;
  /** Hash of the rendered row except Updated, so an identical upsert rewrites nothing. */
  hash: string;
  /** Teleport no longer has the request (delete or sync). */
  gone: boolean;
}

export function statusOf(meta: Pick<RowMeta, 'state' | 'gone'>): RowStatus {
  return meta.gone && meta.state === 'PENDING' ? 'EXPIRED' : meta.state;
}

export function encodeMeta(meta: RowMeta): string {
  return JSON.stringify({
    i: meta.id,
    c: meta.cluster,
    s: meta.state,
    r: meta.rank,
    n: meta.reviews,
    u: meta.url,
    h: meta.hash,
    ...(meta.gone ? { g: 1 } : {}),
  });
}

export function decodeMeta(cell: unknown): RowMeta | null {
  if (typeof cell !== 'string' || !cell.startsWith('{')) return null;
  let raw: unknown;
  try {
    raw = JSON.parse(cell);
  } catch {
    return null;
  }
  if (typeof raw !== 'object' || raw === null) return null;
  const o = raw as Record<string, unknown>;
  const ok =
    typeof o.i === 'string' &&
    o.i !== '' &&
    typeof o.c === 'string' &&
    typeof o.s === 'string' &&
    (REQUEST_STATES as readonly string[]).includes(o.s) &&
    Number.isInteger(o.r) &&
    Number.isInteger(o.n) &&
    typeof o.u === 'string' &&
    typeof o.h === 'string';
  if (!ok) return null;
  return {
    id: o.i as string,
    cluster: o.c as string,
    state: o.s as RequestState,
    rank: o.r as number,
    reviews: o.n as number,
    url: o.u as string,
    hash: o.h as string,
    gone: o.g === 1,
  };
}

/** Two independent 32-bit FNV-1a passes: a change detector, not a security measure. */
export function contentHash(parts: readonly string[]): string {
  const text = parts.join('\u0000');
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193) ^ (b >>> 15);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}
