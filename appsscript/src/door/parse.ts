// Strict parsing of a verified body (contract §3, §13, step 5 of §2): every field of every op is
// checked (by the rules the relay shares, proto/op-rules.ts), and the first problem rejects the
// whole batch. A body is version 1 or 2; `usage` ops come only in version 2, and any other `v` is
// refused. Messages name the field, never its value.
import {
  CONTRACT_VERSION,
  MAX_OPS_PER_BATCH,
  USAGE_BODY_VERSION,
  type Batch,
  type BatchV2,
} from '../../../proto/contract.js';
import { Invalid, object, op, opV2, string } from '../../../proto/op-rules.js';

/** A body the sheet takes: version 1, or version 2 with its `usage` ops. */
export type ReceivedBatch = Batch | BatchV2;

export type ParseResult = { ok: true; batch: ReceivedBatch } | { ok: false; message: string };

/** Cluster and webUrl go into every row's Version cell, which must stay whole. */
const MAX_NAME_CHARS = 1024;
/** §7: a new top-level field needs a new `v`, so one this version does not know is refused. */
const BODY_FIELDS: readonly string[] = ['v', 'cluster', 'webUrl', 'relay', 'ops'];

function batch(value: unknown): ReceivedBatch {
  const o = object(value, 'body');
  const unknown = Object.keys(o).find((key) => !BODY_FIELDS.includes(key));
  if (unknown !== undefined) throw new Invalid('body has a field this sheet does not know');
  if (o.v !== CONTRACT_VERSION && o.v !== USAGE_BODY_VERSION)
    throw new Invalid(`body.v must be ${CONTRACT_VERSION} or ${USAGE_BODY_VERSION}`);
  const cluster = string(o, 'cluster', 'body');
  const webUrl = string(o, 'webUrl', 'body');
  if (cluster === '' || cluster.length > MAX_NAME_CHARS)
    throw new Invalid(`body.cluster must be 1 to ${MAX_NAME_CHARS} characters`);
  if (webUrl.length > MAX_NAME_CHARS) throw new Invalid(`body.webUrl must be at most ${MAX_NAME_CHARS} characters`);
  if (!Array.isArray(o.ops) || o.ops.length > MAX_OPS_PER_BATCH) {
    throw new Invalid(`body.ops must be an array of at most ${MAX_OPS_PER_BATCH} ops`);
  }
  const header = { cluster, webUrl, relay: string(o, 'relay', 'body') };
  if (o.v === USAGE_BODY_VERSION) return { v: o.v, ...header, ops: o.ops.map((v, i) => opV2(v, `ops[${i}]`)) };
  return { v: CONTRACT_VERSION, ...header, ops: o.ops.map((v, i) => op(v, `ops[${i}]`)) };
}

export function parseBatch(body: string): ParseResult {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return { ok: false, message: 'body is not valid JSON' };
  }
  try {
    return { ok: true, batch: batch(value) };
  } catch (e) {
    if (e instanceof Invalid) return { ok: false, message: e.message };
    throw e;
  }
}
