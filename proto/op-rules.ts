// The contract's rules for one op (§3, §7), shared by both halves: the sheet refuses a batch
// holding an op that breaks them, and the relay checks each op against the same rules when it
// queues it, so one odd request cannot block every batch behind it. Messages name the field,
// never its value. Free of Node and Apps Script globals, like contract.ts.
import {
  REQUEST_STATES,
  REVIEW_STATES,
  USAGE_KINDS,
  type Op,
  type OpV2,
  type Request,
  type ResourceRef,
  type Review,
  type UsageOp,
} from './contract.js';

export const MAX_ID_CHARS = 256;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
/** §7: years 1970 to 9999 only. */
const CONTRACT_YEAR = /^(19[7-9]\d|[2-9]\d{3})-/;

export class Invalid extends Error {}

type Obj = Record<string, unknown>;

export function object(value: unknown, path: string): Obj {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new Invalid(`${path} must be an object`);
  return value as Obj;
}

export function string(o: Obj, key: string, path: string): string {
  const value = o[key];
  if (typeof value !== 'string') throw new Invalid(`${path}.${key} must be a string`);
  return value;
}

export function id(value: unknown, path: string): string {
  if (typeof value !== 'string' || value === '' || value.length > MAX_ID_CHARS) {
    throw new Invalid(`${path} must be a non-empty string of at most ${MAX_ID_CHARS} characters`);
  }
  return value;
}

/** An ISO time the sheet accepts: the contract's shape, a real date, a year from 1970 to 9999. */
export function isContractTime(value: unknown): value is string {
  return typeof value === 'string' && ISO_TIME.test(value) && CONTRACT_YEAR.test(value) && !isNaN(Date.parse(value));
}

export function time(value: unknown, path: string): string {
  if (!isContractTime(value)) throw new Invalid(`${path} must be an ISO time from 1970 to 9999`);
  return value;
}

function timeOrNull(o: Obj, key: string, path: string): string | null {
  return o[key] === null ? null : time(o[key], `${path}.${key}`);
}

/** §7: optional fields an older relay leaves out (missing means null); checked when present. */
function optionalTimes<K extends string>(o: Obj, keys: readonly K[], path: string): Partial<Record<K, string | null>> {
  const out: Partial<Record<K, string | null>> = {};
  for (const key of keys) if (o[key] !== undefined) out[key] = timeOrNull(o, key, path);
  return out;
}

export function list<T>(value: unknown, path: string, item: (v: unknown, p: string) => T): T[] {
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
    ...optionalTimes(o, ['assumeStart', 'maxDuration'], path),
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

/** One op as the sheet reads it from the body; throws Invalid naming the first bad field. */
export function op(value: unknown, path: string): Op {
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

function count(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0)
    throw new Invalid(`${path} must be an integer of at least 0`);
  return value;
}

/** §13: a `usage` op, as a version 2 body carries it. */
function usage(o: Obj, path: string): UsageOp {
  const kinds = list(o.kinds, `${path}.kinds`, (v, p) => oneOf(v, USAGE_KINDS, p));
  return {
    op: 'usage',
    id: id(o.id, `${path}.id`),
    assumed: timeOrNull(o, 'assumed', path),
    firstUsed: timeOrNull(o, 'firstUsed', path),
    lastUsed: timeOrNull(o, 'lastUsed', path),
    sessions: count(o.sessions, `${path}.sessions`),
    kinds,
  };
}

/** One op of a version 2 body (§13): version 1's ops, or `usage`. */
export function opV2(value: unknown, path: string): OpV2 {
  const o = object(value, path);
  if (o.op === 'usage') return usage(o, path);
  if (o.op === 'upsert' || o.op === 'delete' || o.op === 'sync' || o.op === 'heartbeat') return op(o, path);
  throw new Invalid(`${path}.op must be upsert, delete, sync, heartbeat or usage`);
}

/** Null when the sheet would accept `value` as an op of a body of `version`, else what it would refuse. */
export function opProblem(value: unknown, version: 1 | 2 = 1): string | null {
  try {
    if (version === 2) opV2(value, 'op');
    else op(value, 'op');
    return null;
  } catch (e) {
    if (e instanceof Invalid) return e.message;
    throw e;
  }
}
