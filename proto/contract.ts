// The relay ↔ sheet wire contract, version 1, as docs/contract.md describes it.
// Both halves import this file: the relay through tsc, the Apps Script bundle through esbuild,
// so it must stay free of Node and Apps Script globals.

export const CONTRACT_VERSION = 1;
/** §13: the body version that adds the `usage` op, sent only to a sheet whose replies say `accepts: 2`. */
export const USAGE_BODY_VERSION = 2;
export const MAX_OPS_PER_BATCH = 500;
export const MAX_BODY_BYTES = 1024 * 1024;
export const TS_WINDOW_SECONDS = 300;
export const NONCE_TTL_SECONDS = 6 * 60 * 60;
export const ROTATION_GRACE_SECONDS = 24 * 60 * 60;
export const MAX_CELL_CHARS = 50_000;
export const TRUNCATION_MARKER = ' …[truncated]';
export const SHEET_NAME = 'Access Requests';

export const NONCE_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;
/** §11: the `cluster` query parameter of a v2 POST (equal to the body's `cluster`). */
export const CLUSTER_PARAM_PATTERN = /^[A-Za-z0-9._-]{1,253}$/;
export const TS_PATTERN = /^[0-9]{1,12}$/;
export const SIG_PATTERN = /^[0-9a-f]{64}$/;
export const REQUEST_ID_PATTERN = /^[A-Za-z0-9-]{1,64}$/;

export type RequestState = 'NONE' | 'PENDING' | 'APPROVED' | 'DENIED' | 'PROMOTED';
export type ReviewState = 'APPROVED' | 'DENIED' | 'PROMOTED';
/** What the Status column can show: a request state, or EXPIRED once Teleport no longer has it. */
export type RowStatus = RequestState | 'EXPIRED';

export const REQUEST_STATES: readonly RequestState[] = ['NONE', 'PENDING', 'APPROVED', 'DENIED', 'PROMOTED'];
export const REVIEW_STATES: readonly ReviewState[] = ['APPROVED', 'DENIED', 'PROMOTED'];

export interface ResourceRef {
  cluster: string;
  kind: string;
  name: string;
  subResource: string;
}

export interface Review {
  author: string;
  state: ReviewState;
  reason: string;
  created: string;
}

export interface Request {
  id: string;
  user: string;
  roles: string[];
  resources: ResourceRef[];
  state: RequestState;
  reason: string;
  resolveReason: string;
  created: string;
  requestExpires: string | null;
  accessExpires: string | null;
  suggestedReviewers: string[];
  reviews: Review[];
  promotedTo: string | null;
  /** §7: optional, so an older relay's requests still parse; missing means null. */
  assumeStart?: string | null;
  maxDuration?: string | null;
}

export interface UpsertOp {
  op: 'upsert';
  request: Request;
}
export interface DeleteOp {
  op: 'delete';
  id: string;
}
export interface SyncOp {
  op: 'sync';
  ids: string[];
}
export interface HeartbeatOp {
  op: 'heartbeat';
  at: string;
  stats?: Record<string, number>;
}
export type Op = UpsertOp | DeleteOp | SyncOp | HeartbeatOp;

/** §13: what the audit log showed a request was used for, in the order the sheet lists them (§14). */
export type UsageKind = 'ssh' | 'kube' | 'db' | 'app' | 'desktop';
export const USAGE_KINDS: readonly UsageKind[] = ['ssh', 'kube', 'db', 'app', 'desktop'];

/** §13: everything the relay has seen of one request in Teleport's audit log so far. */
export interface UsageOp {
  op: 'usage';
  id: string;
  assumed: string | null;
  firstUsed: string | null;
  lastUsed: string | null;
  sessions: number;
  kinds: UsageKind[];
}
/** An op of a version 2 body: version 1's, or `usage`. */
export type OpV2 = Op | UsageOp;

export interface Batch {
  v: typeof CONTRACT_VERSION;
  cluster: string;
  webUrl: string;
  relay: string;
  ops: Op[];
}

/** §13: a body for a sheet that has replied `accepts: 2`. */
export interface BatchV2 {
  v: typeof USAGE_BODY_VERSION;
  cluster: string;
  webUrl: string;
  relay: string;
  ops: OpV2[];
}

export type ErrorCode = 'bad_request' | 'clock_skew' | 'bad_signature' | 'replayed' | 'busy' | 'internal' | 'full';
export const ERROR_CODES: readonly ErrorCode[] = [
  'bad_request',
  'clock_skew',
  'bad_signature',
  'replayed',
  'busy',
  'internal',
  'full',
];

/** §12: Google refuses to grow a spreadsheet past this many grid cells (every tab's rows × columns). */
export const GRID_CELL_LIMIT = 10_000_000;

export interface OkReply {
  ok: true;
  applied: number;
  stale: number;
  resync: boolean;
  /** §12: the spreadsheet's grid cells in use; optional (at least once an hour per relay). */
  cells?: number;
  /** §13: the highest body version the sheet takes (2 once it implements §13–§14). */
  accepts?: number;
}
export interface ErrorReply {
  ok: false;
  error: ErrorCode;
  message: string;
}
export type Reply = OkReply | ErrorReply;

/** §1 and §11: v1 is signed with the sheet-wide secret, v2 with the batch's cluster's own secret. */
export type SignatureVersion = 1 | 2;

/** The exact bytes both sides sign for v1: "v1\n" + ts + "\n" + nonce + "\n" + body. */
export function signingString(ts: string | number, nonce: string, body: string): string {
  return `v1\n${ts}\n${nonce}\n${body}`;
}

/** §11, v2: "v2\n" + cluster + "\n" + ts + "\n" + nonce + "\n" + body; `cluster` is the query's. */
export function signingStringV2(cluster: string, ts: string | number, nonce: string, body: string): string {
  return `v2\n${cluster}\n${ts}\n${nonce}\n${body}`;
}

/**
 * JSON with every character above U+007E written as \uXXXX (astral characters as surrogate
 * pairs, since JS strings are UTF-16), so the body is pure ASCII and hashes identically whatever
 * charset a library assumes.
 */
export function encodeAsciiJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\u007f-\uffff]/g, escapeCodeUnit);
}

function escapeCodeUnit(ch: string): string {
  return '\\u' + ch.charCodeAt(0).toString(16).padStart(4, '0');
}

const STATE_RANK: Record<RequestState, number> = { NONE: 0, PENDING: 1, APPROVED: 2, PROMOTED: 2, DENIED: 3 };

/** §5: (rank(state), number of reviews); Teleport only ever moves a request up this order. */
export type Version = readonly [rank: number, reviews: number];

export function versionOf(request: Pick<Request, 'state' | 'reviews'>): Version {
  return [STATE_RANK[request.state], request.reviews.length];
}

/** Negative when a is older than b, zero when equal, positive when newer. */
export function compareVersions(a: Version, b: Version): number {
  return a[0] - b[0] || a[1] - b[1];
}

/** The "View in Teleport" target, or null when either part fails validation (then: no link). */
export function requestLink(webUrl: string, id: string): string | null {
  if (!REQUEST_ID_PATTERN.test(id) || !isHttpsBaseUrl(webUrl)) return null;
  return `${webUrl.replace(/\/+$/, '')}/web/requests/${id}`;
}

/** An https origin with an optional path, nothing that could break out of a URL or an attribute. */
export function isHttpsBaseUrl(url: string): boolean {
  return /^https:\/\/[A-Za-z0-9.-]+(:[0-9]{1,5})?(\/[A-Za-z0-9._~/-]*)?$/.test(url);
}
