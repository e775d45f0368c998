// Strict parsing of a verified body (contract §3, step 5 of §2): every field of every op is
// checked, and the first problem rejects the whole batch. Messages name the field, never its value.
import {
  CONTRACT_VERSION,
  MAX_OPS_PER_BATCH,
  REQUEST_STATES,
  REVIEW_STATES,
  type Batch,
  type Op,
  type Request,
  type ResourceRef,
  type Review,
} from '../../proto/contract.js';

export type ParseResult = { ok: true; batch: Batch } | { ok: false; message: string };

const MAX_ID_CHARS = 256;
/** Cluster and webUrl go into every row's Version cell, which must stay whole. */
const MAX_NAME_CHARS = 1024;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

class Invalid extends Error {}

type Obj = Record<string, unknown>;

function object(value: unknown, path: string): Obj {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new Invalid(`${path} must be an object`);
  return value as Obj;
}

function string(o: Obj, key: string, path: string): string {
  const value = o[key];
  if (typeof value !== 'string') throw new Invalid(`${path}.${key} must be a string`);
  return value;
}

function id(value: unknown, path: string): string {
  if (typeof value !== 'string' || value === '' || value.length > MAX_ID_CHARS) {
    throw new Invalid(`${path} must be a non-empty string of at most ${MAX_ID_CHARS} characters`);
  }
  return value;
}

function time(value: unknown, path: string): string {
  if (typeof value !== 'string' || !ISO_TIME.test(value) || isNaN(Date.parse(value))) {
    throw new Invalid(`${path} must be an ISO time`);
  }
  return value;
}

function timeOrNull(o: Obj, key: string, path: string): string | null {
  return o[key] === null ? null : time(o[key], `${path}.${key}`);
}

function list<T>(value: unknown, path: string, item: (v: unknown, p: string) => T): T[] {
  if (!Array.isArray(value)) throw new Invalid(`${path} must be an array`);
  return value.map((v, i) => item(v, `${path}[${i}]`));
}

function text(value: unknown, path: string): string {
  if (typeof value !== 'string') throw new Invalid(`${path} must be a string`);
  return value;
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], path: string): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new Invalid(`${path} must be one of ${allowed.join(', ')}`);
  }
  return value as T;
}

function resource(value: unknown, path: string): ResourceRef {
  const o = object(value, path);
  return {
    cluster: string(o, 'cluster', path),
    kind: string(o, 'kind', path),
    name: string(o, 'name', path),
    subResource: string(o, 'subResource', path),
  };
}

function review(value: unknown, path: string): Review {
  const o = object(value, path);
  return {
    author: string(o, 'author', path),
    state: oneOf(o.state, REVIEW_STATES, `${path}.state`),
    reason: string(o, 'reason', path),
    created: time(o.created, `${path}.created`),
  };
}

function request(value: unknown, path: string): Request {
  const o = object(value, path);
  return {
    id: id(o.id, `${path}.id`),
    user: string(o, 'user', path),
    roles: list(o.roles, `${path}.roles`, text),
    resources: list(o.resources, `${path}.resources`, resource),
    state: oneOf(o.state, REQUEST_STATES, `${path}.state`),
    reason: string(o, 'reason', path),
    resolveReason: string(o, 'resolveReason', path),
    created: time(o.created, `${path}.created`),
    requestExpires: timeOrNull(o, 'requestExpires', path),
    accessExpires: timeOrNull(o, 'accessExpires', path),
    suggestedReviewers: list(o.suggestedReviewers, `${path}.suggestedReviewers`, text),
    reviews: list(o.reviews, `${path}.reviews`, review),
    promotedTo: o.promotedTo === null ? null : string(o, 'promotedTo', path),
  };
}

function stats(value: unknown, path: string): Record<string, number> {
  const o = object(value, path);
  const out: Record<string, number> = {};
  for (const [key, n] of Object.entries(o)) {
    if (typeof n !== 'number' || !isFinite(n)) throw new Invalid(`${path} values must be finite numbers`);
    out[key] = n;
  }
  return out;
}

function op(value: unknown, path: string): Op {
  const o = object(value, path);
  switch (o.op) {
    case 'upsert':
      return { op: 'upsert', request: request(o.request, `${path}.request`) };
    case 'delete':
      return { op: 'delete', id: id(o.id, `${path}.id`) };
    case 'sync':
      return { op: 'sync', ids: list(o.ids, `${path}.ids`, id) };
    case 'heartbeat': {
      const at = time(o.at, `${path}.at`);
      return o.stats === undefined
        ? { op: 'heartbeat', at }
        : { op: 'heartbeat', at, stats: stats(o.stats, `${path}.stats`) };
    }
    default:
      throw new Invalid(`${path}.op must be upsert, delete, sync or heartbeat`);
  }
}

function batch(value: unknown): Batch {
  const o = object(value, 'body');
  if (o.v !== CONTRACT_VERSION) throw new Invalid(`body.v must be ${CONTRACT_VERSION}`);
  const cluster = string(o, 'cluster', 'body');
  const webUrl = string(o, 'webUrl', 'body');
  if (cluster === '' || cluster.length > MAX_NAME_CHARS)
    throw new Invalid(`body.cluster must be 1 to ${MAX_NAME_CHARS} characters`);
  if (webUrl.length > MAX_NAME_CHARS) throw new Invalid(`body.webUrl must be at most ${MAX_NAME_CHARS} characters`);
  if (!Array.isArray(o.ops) || o.ops.length > MAX_OPS_PER_BATCH) {
    throw new Invalid(`body.ops must be an array of at most ${MAX_OPS_PER_BATCH} ops`);
  }
  return {
    v: CONTRACT_VERSION,
    cluster,
    webUrl,
    relay: string(o, 'relay', 'body'),
    ops: o.ops.map((v, i) => op(v, `ops[${i}]`)),
  };
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
