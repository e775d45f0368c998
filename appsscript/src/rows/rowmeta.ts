// The hidden Version cell (contract §8): compact JSON carrying everything planning needs, so one
// read of that column plans a whole batch, sealed with a MAC keyed by a secret only the script
// holds. Any editor can type into the cell; a cell whose MAC fails is not ours, and nothing in it
// (status, version, link, history) is ever believed.
import { REQUEST_STATES, TRUNCATION_MARKER, type RequestState, type RowStatus } from '../../../proto/contract.js';
import { readResolvedMark, type ResolvedMark } from '../ledger/decision.js';
import { isAway, packHistoryMark, unpackHistoryMark, type HistoryMark } from '../ledger/history.js';
import { packUsage, unpackUsage, type UsageMark } from '../ledger/usage.js';
import { constantTimeEqual } from '../door/verify.js';

export interface RowMeta {
  id: string;
  cluster: string;
  /** The request's state as last upserted (Status shows EXPIRED instead when away and PENDING). */
  state: RequestState;
  rank: number;
  reviews: number;
  /** Hash of the cells an upsert renders (not Updated, not usage), so an identical upsert rewrites nothing. */
  hash: string;
  /** When the sheet first applied the resolved state (Decided without a matching review). */
  resolved: ResolvedMark | null;
  /** What the History tab holds for this row; also says whether the request is gone from Teleport. */
  history: HistoryMark;
  /** User and Roles as the row shows them, for the History events of a row going away. */
  user: string;
  roles: string;
  /** The keyed digest of the visible cells the script wrote (cover.ts); '' in a cell sealed before §15. */
  cover: string;
  /** The Updated cell as written, in whole seconds; 0 in a cell sealed before §15. */
  updated: number;
  /**
   * The signed ts (unix seconds) of the latest batch that upserted the row; 0 in a cell written
   * before contract §15. A `sync` or `delete` signed before it never takes the row away.
   */
  sentAt: number;
  /** §13: every usage op merged so far, or null before the first (the usage cells stay empty). */
  usage: UsageMark | null;
}

/** Keyed HMAC of a Version cell's JSON, lowercase hex. */
export type Mac = (json: string) => string;

/** What an unverified Version cell says it is: enough to find the row, never to believe it. */
export interface Claim {
  id: string;
  cluster: string;
  /** The cell says the request is gone from Teleport (true or not, a sealed row like that needs no change). */
  away: boolean;
}

const TAG_CHARS = 32;
const TAGGED = /^[0-9a-f]{32}\{/;
/** The cell must stay under the 50,000-character limit whatever User and Roles hold. */
const MAX_JSON_CHARS = 40_000;
const SHORT_PERSON_CHARS = 1000;

export function isGone(meta: Pick<RowMeta, 'history'>): boolean {
  return isAway(meta.history);
}

export function statusOf(meta: Pick<RowMeta, 'state' | 'history'>): RowStatus {
  return isGone(meta) && meta.state === 'PENDING' ? 'EXPIRED' : meta.state;
}

function cut(text: string, max: number): string {
  return text.length <= max ? text : text.slice(0, max - TRUNCATION_MARKER.length) + TRUNCATION_MARKER;
}

function encode(meta: RowMeta, personChars: number): string {
  return JSON.stringify({
    i: meta.id,
    c: meta.cluster,
    s: meta.state,
    r: meta.rank,
    n: meta.reviews,
    h: meta.hash,
    ...(meta.resolved ? { d: meta.resolved } : {}),
    m: packHistoryMark(meta.history),
    u: cut(meta.user, personChars),
    o: cut(meta.roles, personChars),
    w: meta.cover,
    t: meta.updated,
    ...(meta.sentAt > 0 ? { a: meta.sentAt } : {}),
    ...(meta.usage ? { x: packUsage(meta.usage) } : {}),
  });
}

export function encodeMeta(meta: RowMeta): string {
  const json = encode(meta, MAX_JSON_CHARS);
  return json.length <= MAX_JSON_CHARS ? json : encode(meta, SHORT_PERSON_CHARS);
}

/** The Version cell's text: the MAC's first 128 bits, then the JSON. */
export function sealMeta(meta: RowMeta, mac: Mac): string {
  const json = encodeMeta(meta);
  return mac(json).slice(0, TAG_CHARS) + json;
}

/** The bookkeeping of a Version cell the script wrote, or null for anything else. */
export function openMeta(cell: unknown, mac: Mac): RowMeta | null {
  if (typeof cell !== 'string' || !TAGGED.test(cell)) return null;
  const json = cell.slice(TAG_CHARS);
  if (!constantTimeEqual(mac(json).slice(0, TAG_CHARS), cell.slice(0, TAG_CHARS))) return null;
  return decodeMeta(json);
}

function parseObject(json: string): Record<string, unknown> | null {
  try {
    const raw: unknown = JSON.parse(json);
    return typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** The (cluster, id) a Version cell claims, sealed or not, this layout's or layout 1's. */
export function claimOf(cell: unknown): Claim | null {
  if (typeof cell !== 'string') return null;
  const json = TAGGED.test(cell) ? cell.slice(TAG_CHARS) : cell.startsWith('{') ? cell : null;
  const o = json === null ? null : parseObject(json);
  if (!o || typeof o.i !== 'string' || o.i === '' || typeof o.c !== 'string') return null;
  const mark = unpackHistoryMark(o.m);
  return { id: o.i, cluster: o.c, away: mark !== null && isAway(mark) };
}

export function decodeMeta(json: string): RowMeta | null {
  const o = parseObject(json);
  if (!o) return null;
  const history = unpackHistoryMark(o.m);
  const resolved = o.d === undefined ? null : readResolvedMark(o.d);
  const usage = o.x === undefined ? null : unpackUsage(o.x);
  const ok =
    typeof o.i === 'string' &&
    o.i !== '' &&
    typeof o.c === 'string' &&
    typeof o.s === 'string' &&
    (REQUEST_STATES as readonly string[]).includes(o.s) &&
    Number.isInteger(o.r) &&
    Number.isInteger(o.n) &&
    typeof o.h === 'string' &&
    typeof o.u === 'string' &&
    typeof o.o === 'string' &&
    history !== null &&
    (o.d === undefined || resolved !== null) &&
    usage !== undefined;
  if (!ok) return null;
  return {
    id: o.i as string,
    cluster: o.c as string,
    state: o.s as RequestState,
    rank: o.r as number,
    reviews: o.n as number,
    hash: o.h as string,
    resolved,
    history: history!,
    user: o.u as string,
    roles: o.o as string,
    cover: typeof o.w === 'string' ? o.w : '',
    updated: Number.isInteger(o.t) ? (o.t as number) : 0,
    sentAt: Number.isInteger(o.a) ? (o.a as number) : 0,
    usage: usage as UsageMark | null,
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
