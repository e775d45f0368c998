import { MAX_BODY_BYTES, MAX_CELL_CHARS, encodeAsciiJson, type Request } from '../../../proto/contract.js';

// Every op must fit one POST (1 MiB), or the sheet would refuse its batch forever and everything
// queued behind it would wait with it. Header, heartbeat and JSON framing get 64 KiB.
export const OP_BUDGET_BYTES = MAX_BODY_BYTES - 64 * 1024;

// One character past what a cell holds, so the sheet still cuts the text and shows its marker.
const KEEP_CHARS = MAX_CELL_CHARS + 1;

/**
 * The request as it can travel: text no cell could show is cut first; if it is still too big,
 * lists and review reasons are halved until it fits. The number of reviews is never changed, since
 * it is part of the request's version (contract §5).
 */
export function fitRequest(request: Request, budget = OP_BUDGET_BYTES): Request {
  let fitted = capText(request);
  if (sizeBound(fitted) <= budget) return fitted;
  while (bytesOf(fitted) > budget) {
    const smaller = shrink(fitted);
    if (!smaller) break;
    fitted = smaller;
  }
  return fitted;
}

/** An upper bound on the encoded size without encoding: at most 6 bytes a character (\uXXXX). */
function sizeBound(r: Request): number {
  let chars =
    r.id.length + r.user.length + r.reason.length + r.resolveReason.length + (r.promotedTo?.length ?? 0) + 200;
  for (const s of r.roles) chars += s.length + 3;
  for (const s of r.suggestedReviewers) chars += s.length + 3;
  for (const v of r.reviews) chars += v.author.length + v.reason.length + 100;
  for (const x of r.resources) chars += x.cluster.length + x.kind.length + x.name.length + x.subResource.length + 60;
  return chars * 6;
}

function bytesOf(request: Request): number {
  return encodeAsciiJson({ op: 'upsert', request }).length;
}

const cut = (text: string, max = KEEP_CHARS): string => (text.length > max ? text.slice(0, max) : text);

function capText(r: Request): Request {
  const long = (s: string) => s.length > KEEP_CHARS;
  const anyLong =
    [r.user, r.reason, r.resolveReason, r.promotedTo ?? '', ...r.roles, ...r.suggestedReviewers].some(long) ||
    r.reviews.some((v) => long(v.reason) || long(v.author)) ||
    r.resources.some((x) => long(x.name) || long(x.subResource) || long(x.kind) || long(x.cluster));
  if (!anyLong) return r;
  return {
    ...r,
    user: cut(r.user),
    reason: cut(r.reason),
    resolveReason: cut(r.resolveReason),
    promotedTo: r.promotedTo === null ? null : cut(r.promotedTo),
    roles: r.roles.map((s) => cut(s)),
    suggestedReviewers: r.suggestedReviewers.map((s) => cut(s)),
    reviews: r.reviews.map((v) => ({ ...v, author: cut(v.author), reason: cut(v.reason) })),
    resources: r.resources.map((x) => ({
      cluster: cut(x.cluster),
      kind: cut(x.kind),
      name: cut(x.name),
      subResource: cut(x.subResource),
    })),
  };
}

/** Halves the biggest part that can shrink without changing what the request is. */
function shrink(r: Request): Request | null {
  const parts: [number, () => Request][] = [
    [bytesOfValue(r.resources), () => ({ ...r, resources: r.resources.slice(0, Math.floor(r.resources.length / 2)) })],
    [
      bytesOfValue(r.reviews.map((v) => v.reason)),
      () => ({
        ...r,
        reviews: r.reviews.map((v) => ({ ...v, reason: cut(v.reason, Math.floor(v.reason.length / 2)) })),
      }),
    ],
    [bytesOfValue(r.roles), () => ({ ...r, roles: r.roles.slice(0, Math.floor(r.roles.length / 2)) })],
    [
      bytesOfValue(r.suggestedReviewers),
      () => ({ ...r, suggestedReviewers: r.suggestedReviewers.slice(0, Math.floor(r.suggestedReviewers.length / 2)) }),
    ],
    [
      bytesOfValue(r.reason) + bytesOfValue(r.resolveReason),
      () => ({
        ...r,
        reason: cut(r.reason, Math.floor(r.reason.length / 2)),
        resolveReason: cut(r.resolveReason, Math.floor(r.resolveReason.length / 2)),
      }),
    ],
  ];
  const [size, smaller] = parts.sort((a, b) => b[0] - a[0])[0]!;
  return size > 64 ? smaller() : null;
}

function bytesOfValue(value: unknown): number {
  return encodeAsciiJson(value).length;
}
