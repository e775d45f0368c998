// Turns a decoded types.AccessRequestV3 into the contract's Request (contract §3, §7). Pure.
import {
  REQUEST_STATES,
  REVIEW_STATES,
  type Request,
  type RequestState,
  type Review,
  type ReviewState,
} from '../../../proto/contract.js';
import type { WireAccessRequest, WireAccessRequestSpec, WireTimestamp } from './api.js';

/** 0001-01-01T00:00:00Z: how Teleport sends a timestamp it left unset. */
export const UNSET_SECONDS = -62_135_596_800;
/** §7: the contract's times run from 1970 to the end of 9999. */
const FIRST_SECONDS = 0;
const LAST_SECONDS = 253_402_300_799;
const EPOCH = new Date(0).toISOString();

type Conversion = { kind: 'time'; iso: string } | { kind: 'unset' } | { kind: 'out_of_range' };

function convert(ts: WireTimestamp | null | undefined): Conversion {
  if (!ts || Number(ts.seconds) <= UNSET_SECONDS) return { kind: 'unset' };
  const seconds = Number(ts.seconds);
  if (!(seconds >= FIRST_SECONDS && seconds <= LAST_SECONDS)) return { kind: 'out_of_range' };
  return { kind: 'time', iso: new Date(seconds * 1000 + Math.floor(Number(ts.nanos) / 1e6)).toISOString() };
}

/** The ISO time, or null when Teleport left it unset or it lies outside 1970–9999. */
export function timestampToIso(ts: WireTimestamp | null | undefined): string | null {
  const c = convert(ts);
  return c.kind === 'time' ? c.iso : null;
}

// Which fields of a Request were given null (or the epoch, where a time is required) because
// Teleport sent a time outside 1970–9999: kept beside the Request, not in it, so the wire shape
// stays the contract's and whoever queues the Request can count them.
const outOfRange = new WeakMap<Request, readonly string[]>();

/** The fields of `request` whose Teleport time lay outside 1970–9999 (§7). */
export function timesOutOfRange(request: Request): readonly string[] {
  return outOfRange.get(request) ?? [];
}

/** Converts times for one request, noting each one out of range under its field name. */
function timeReader(odd: string[]) {
  return (ts: WireTimestamp | null | undefined, field: string): string | null => {
    const c = convert(ts);
    if (c.kind === 'out_of_range') odd.push(field);
    return c.kind === 'time' ? c.iso : null;
  };
}

function requestState(value: unknown): RequestState {
  return REQUEST_STATES.includes(value as RequestState) ? (value as RequestState) : 'NONE';
}

function reviews(spec: WireAccessRequestSpec, time: ReturnType<typeof timeReader>): Review[] {
  return (spec.Reviews ?? [])
    .filter((r) => REVIEW_STATES.includes(r.ProposedState as ReviewState))
    .map((r, i) => ({
      author: r.Author,
      state: r.ProposedState as ReviewState,
      reason: r.Reason,
      created: time(r.Created, `reviews[${i}].created`) ?? EPOCH,
    }));
}

const EMPTY_SPEC: WireAccessRequestSpec = {
  User: '',
  Roles: [],
  State: 'NONE',
  Created: null,
  Expires: null,
  RequestReason: '',
  ResolveReason: '',
  Reviews: [],
  SuggestedReviewers: [],
  RequestedResourceIDs: [],
  accessList: null,
  ResourceExpiry: null,
};

export function toRequest(wire: WireAccessRequest): Request {
  const spec = wire.Spec ?? EMPTY_SPEC;
  const state = requestState(spec.State);
  const odd: string[] = [];
  const time = timeReader(odd);
  const pendingExpiry =
    time(spec.ResourceExpiry, 'requestExpires') ??
    // Before resource expiry existed, Metadata.Expires held it while pending (and the access expiry after).
    (state === 'PENDING' || state === 'NONE' ? time(wire.Metadata?.Expires, 'requestExpires') : null);
  const promoted = state === 'PROMOTED' && spec.accessList ? spec.accessList.Title || spec.accessList.Name : '';
  const request: Request = {
    id: wire.Metadata?.Name ?? '',
    user: spec.User,
    roles: [...(spec.Roles ?? [])],
    resources: (spec.RequestedResourceIDs ?? []).map((r) => ({
      cluster: r.ClusterName,
      kind: r.Kind,
      name: r.Name,
      subResource: r.SubResourceName,
    })),
    state,
    reason: spec.RequestReason,
    resolveReason: spec.ResolveReason,
    created: time(spec.Created, 'created') ?? EPOCH,
    requestExpires: pendingExpiry,
    accessExpires: time(spec.Expires, 'accessExpires'),
    suggestedReviewers: [...(spec.SuggestedReviewers ?? [])],
    reviews: reviews(spec, time),
    promotedTo: promoted || null,
    assumeStart: time(spec.AssumeStartTime, 'assumeStart'),
    maxDuration: time(spec.MaxDuration, 'maxDuration'),
  };
  if (odd.length > 0) outOfRange.set(request, odd);
  return request;
}

/**
 * Teleport deletes a request at its expiry, but backends may do so late: a pending request past
 * its request expiry, or a resolved one past its access expiry, counts as gone.
 */
export function isExpired(request: Request, nowMs: number): boolean {
  const unresolved = request.state === 'PENDING' || request.state === 'NONE';
  const expiry = unresolved ? request.requestExpires : request.accessExpires;
  return expiry !== null && nowMs > Date.parse(expiry);
}
