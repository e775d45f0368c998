import { toTimestamp } from './schema.js';
import { expiryOf, type StandInRequest, type StoredRequest } from './store.js';

// The stand-in's model as Teleport puts it on the wire. Besides what the relay reads, every
// message carries the fields a real Auth Service fills (thresholds, annotations, reviewer roles,
// threshold indexes, login hint, session TTL, access-list promotion...) so that a trimmed decoder
// is proven to skip them. Zero values are left out, as Go's proto3 encoder does — which is why
// the INIT event carries no Type field at all.

type Wire = Record<string, unknown>;

const HOUR = 3_600_000;

/** Drops '' / false / 0 / [] / undefined, recursively, keeping messages themselves. */
function compact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(compact);
  if (value === null || typeof value !== 'object') return value;
  const out: Wire = {};
  for (const [key, v] of Object.entries(value)) {
    if (v === undefined || v === '' || v === false || v === 0) continue;
    if (Array.isArray(v) && v.length === 0) continue;
    out[key] = compact(v);
  }
  return out;
}

function labelValues(entries: Record<string, string[]>): Wire {
  return { Values: Object.fromEntries(Object.entries(entries).map(([k, values]) => [k, { Values: values }])) };
}

function reviewsOf(r: StandInRequest): Wire[] {
  return r.reviews.map((review) => ({
    Author: review.author,
    Roles: ['reviewer'],
    ProposedState: review.state,
    Reason: review.reason,
    Created: toTimestamp(review.created),
    Annotations: labelValues({ 'reviewed-via': ['web'] }),
    ThresholdIndexes: [0],
    accessList: review.state === 'PROMOTED' ? { Name: `al-${r.id.slice(0, 8)}`, Title: r.promotedTo ?? '' } : undefined,
  }));
}

function specOf(r: StandInRequest): Wire {
  const sessionEnds = new Date(Math.min(r.created.getTime() + 8 * HOUR, r.accessExpires.getTime()));
  const resolved = r.state !== 'PENDING' && r.state !== 'NONE';
  return {
    User: r.user,
    Roles: r.roles,
    State: r.state,
    Created: toTimestamp(r.created),
    Expires: toTimestamp(r.accessExpires),
    RequestReason: r.reason,
    ResolveReason: r.resolveReason,
    ResolveAnnotations: resolved ? labelValues({ ticket: ['OPS-1234'] }) : undefined,
    SystemAnnotations: labelValues({ pagerduty_services: ['on-call'], 'teleport.dev/requested-roles': r.roles }),
    Thresholds: [{ Name: 'default', Filter: '!equals(request.user, review.author)', Approve: 1, Deny: 1 }],
    Reviews: reviewsOf(r),
    SuggestedReviewers: r.suggestedReviewers,
    RequestedResourceIDs: r.resources.map((res) => ({
      ClusterName: res.cluster,
      Kind: res.kind,
      Name: res.name,
      SubResourceName: res.subResource,
    })),
    LoginHint: r.resources.some((res) => res.kind === 'node') ? 'ubuntu' : '',
    // Without a max duration, Go's zero time is still on the wire (seconds -62135596800).
    MaxDuration: toTimestamp(r.maxDuration),
    SessionTTL: toTimestamp(sessionEnds),
    accessList: r.state === 'PROMOTED' ? { Name: `al-${r.id.slice(0, 8)}`, Title: r.promotedTo ?? '' } : undefined,
    // A nullable time in Teleport: left off the wire when unset.
    AssumeStartTime: r.assumeStart === null ? undefined : toTimestamp(r.assumeStart),
    ResourceExpiry: r.requestExpires === null ? undefined : toTimestamp(r.requestExpires),
  };
}

/** types.AccessRequestV3, as in PUT events and listings. */
export function accessRequestMessage(stored: StoredRequest): Wire {
  const r = stored.request;
  return compact({
    Kind: 'access_request',
    Version: 'v3',
    Metadata: {
      Name: r.id,
      Namespace: 'default',
      Labels: { 'teleport.dev/origin': 'stand-in' },
      Expires: toTimestamp(expiryOf(r)),
      Revision: stored.revision,
    },
    Spec: specOf(r),
  }) as Wire;
}

export function putEvent(stored: StoredRequest): Wire {
  return { Type: 'PUT', AccessRequest: accessRequestMessage(stored) };
}

/** DELETE events carry only a header; the id is Metadata.Name. */
export function deleteEvent(id: string): Wire {
  return {
    Type: 'DELETE',
    ResourceHeader: compact({ Kind: 'access_request', Version: 'v3', Metadata: { Name: id, Namespace: 'default' } }),
  };
}

export function initEvent(kinds: Wire[]): Wire {
  return {
    WatchStatus: { Kind: 'watch_status', Version: 'v1', Metadata: { Name: 'watch_status' }, Spec: { Kinds: kinds } },
  };
}
