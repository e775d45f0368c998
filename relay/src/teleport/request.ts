// Turns a decoded types.AccessRequestV3 into the contract's Request (contract §3). Pure.
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

export function timestampToIso(ts: WireTimestamp | null | undefined): string | null {
  if (!ts || Number(ts.seconds) <= UNSET_SECONDS) return null;
  return new Date(Number(ts.seconds) * 1000 + Math.floor(Number(ts.nanos) / 1e6)).toISOString();
}

function requestState(value: unknown): RequestState {
  return REQUEST_STATES.includes(value as RequestState) ? (value as RequestState) : 'NONE';
}

function reviews(spec: WireAccessRequestSpec): Review[] {
  return (spec.Reviews ?? [])
    .filter((r) => REVIEW_STATES.includes(r.ProposedState as ReviewState))
    .map((r) => ({
      author: r.Author,
      state: r.ProposedState as ReviewState,
      reason: r.Reason,
      created: timestampToIso(r.Created) ?? new Date(0).toISOString(),
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
  const pendingExpiry =
    timestampToIso(spec.ResourceExpiry) ??
    // Before resource expiry existed, Metadata.Expires held it while pending (and the access expiry after).
    (state === 'PENDING' || state === 'NONE' ? timestampToIso(wire.Metadata?.Expires) : null);
  const promoted = state === 'PROMOTED' && spec.accessList ? spec.accessList.Title || spec.accessList.Name : '';
  return {
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
    created: timestampToIso(spec.Created) ?? new Date(0).toISOString(),
    requestExpires: pendingExpiry,
    accessExpires: timestampToIso(spec.Expires),
    suggestedReviewers: [...(spec.SuggestedReviewers ?? [])],
    reviews: reviews(spec),
    promotedTo: promoted || null,
  };
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
