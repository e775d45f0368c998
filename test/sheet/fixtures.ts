// Requests, batches and signed web app events for the sheet's tests.
import { createHmac, randomBytes } from 'node:crypto';
import {
  encodeAsciiJson,
  signingString,
  signingStringV2,
  type Batch,
  type BatchV2,
  type Op,
  type OpV2,
  type Request,
  type UsageOp,
} from '../../proto/contract.js';
import { VECTOR } from '../contract-vector.js';
import { emptyHistoryMark } from '../../appsscript/src/ledger/history.js';
import { sealMeta, type Mac, type RowMeta } from '../../appsscript/src/rows/rowmeta.js';

export const SECRET = VECTOR.secret;
export const CLUSTER = 'example.teleport.sh';
export const WEB_URL = 'https://example.teleport.sh';

let counter = 0;

/** A UUID-shaped id, unique per call and sortable by creation order. */
export function newId(): string {
  counter++;
  const hex = counter.toString(16).padStart(12, '0');
  return `00000000-0000-4000-8000-${hex}`;
}

export function makeRequest(overrides: Partial<Request> = {}): Request {
  return {
    id: newId(),
    user: 'alice',
    roles: ['db-admin', 'auditor'],
    resources: [{ cluster: CLUSTER, kind: 'node', name: 'web-1', subResource: '' }],
    state: 'PENDING',
    reason: 'investigating incident 42',
    resolveReason: '',
    created: '2025-11-23T12:00:00.000Z',
    requestExpires: '2025-11-24T12:00:00.000Z',
    accessExpires: '2025-11-23T20:00:00.000Z',
    suggestedReviewers: ['bob'],
    reviews: [],
    promotedTo: null,
    ...overrides,
  };
}

export function makeBatch(ops: Op[], overrides: Partial<Batch> = {}): Batch {
  return { v: 1, cluster: CLUSTER, webUrl: WEB_URL, relay: 'relay-a/1.0.0', ops, ...overrides };
}

/** §13: a version 2 body, as a relay sends it once the sheet replied `accepts: 2`. */
export function makeBatchV2(ops: OpV2[], overrides: Partial<BatchV2> = {}): BatchV2 {
  return { v: 2, cluster: CLUSTER, webUrl: WEB_URL, relay: 'relay-a/1.0.0', ops, ...overrides };
}

/** A usage op stating nothing seen yet, unless `o` says otherwise. */
export function usageOp(id: string, o: Partial<Omit<UsageOp, 'op' | 'id'>> = {}): UsageOp {
  return { op: 'usage', id, assumed: null, firstUsed: null, lastUsed: null, sessions: 0, kinds: [], ...o };
}

export function upsert(request: Request): Op {
  return { op: 'upsert', request };
}

export interface SignOptions {
  secret?: string;
  ts?: number;
  nonce?: string;
  /** Signs v2 (contract §11) as this cluster, named in the query; v1 without. */
  cluster?: string;
}

/** The query parameters of a signed POST of `body`, as the relay computes them. */
export function signParams(body: string, nowSeconds: number, o: SignOptions = {}): Record<string, string> {
  const ts = String(o.ts ?? nowSeconds);
  const nonce = o.nonce ?? randomBytes(18).toString('base64url');
  const v2 = o.cluster !== undefined;
  const message = v2 ? signingStringV2(o.cluster!, ts, nonce, body) : signingString(ts, nonce, body);
  const sig = createHmac('sha256', o.secret ?? SECRET)
    .update(message)
    .digest('hex');
  return v2 ? { cluster: o.cluster!, ts, nonce, sig } : { ts, nonce, sig };
}

/** A doPost event as Apps Script builds it for a JSON POST. */
export function postEvent(body: string, params: Record<string, string>): unknown {
  const queryString = new URLSearchParams(params).toString();
  return {
    postData: { contents: body, type: 'application/json', length: Buffer.byteLength(body), name: 'postData' },
    parameter: { ...params },
    parameters: Object.fromEntries(Object.entries(params).map(([k, v]) => [k, [v]])),
    queryString,
    contentLength: Buffer.byteLength(body),
    contextPath: '',
  };
}

export function signedEvent(batch: Batch | BatchV2 | string, nowSeconds: number, o: SignOptions = {}): unknown {
  const body = typeof batch === 'string' ? batch : encodeAsciiJson(batch);
  return postEvent(body, signParams(body, nowSeconds, o));
}

/** The Version cells' MAC in the pure tests: any fixed key will do. */
export const TEST_MAC: Mac = (json) => createHmac('sha256', 'k').update(json).digest('hex');

/** A Version cell as the script seals it, for a PENDING request `a` unless `o` says otherwise. */
export function sealedMeta(o: Partial<RowMeta> = {}): string {
  const meta: RowMeta = {
    id: 'a',
    cluster: CLUSTER,
    state: 'PENDING',
    rank: 1,
    reviews: 0,
    hash: 'h',
    resolved: null,
    history: emptyHistoryMark(),
    usage: null,
    user: 'u',
    roles: 'r',
    cover: 'c',
    updated: 0,
    sentAt: 0,
  };
  return sealMeta({ ...meta, ...o }, TEST_MAC);
}
