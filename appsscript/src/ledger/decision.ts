// The five decision columns of layout 2 (contract §8): who decided, when, how long it took, and
// when the granted access starts and for how long, from a Request plus one remembered value.
import type { Request, RequestState, ReviewState, RowStatus } from '../../../proto/contract.js';
import { DAY_MS } from '../records/zone.js';

export const NO_REVIEW = '(no review)';
const RESOLVED: readonly string[] = ['APPROVED', 'DENIED', 'PROMOTED'] satisfies ReviewState[];

/**
 * What the sheet remembers per row: the resolved state it last applied and when it first applied
 * it. It is Decided for a request resolved without a matching review (an administrator acted), so
 * it must survive later upserts of the same state, and restart when the state changes (an
 * administrator can turn APPROVED into DENIED).
 */
export interface ResolvedMark {
  state: ReviewState;
  /** ISO time. */
  at: string;
}

export interface Decision {
  /** '' when empty. */
  decidedBy: string;
  decided: Date | null;
  /** Days (Sheets' duration unit). */
  timeToDecision: number | null;
  accessStarts: Date | null;
  /** Days. */
  accessDuration: number | null;
}

export function isResolved(state: RowStatus): state is ReviewState {
  return RESOLVED.includes(state);
}

/** The mark after an applied upsert of `state` at `now`. Never call it for a stale upsert. */
export function nextResolvedMark(prev: ResolvedMark | null, state: RequestState, now: Date): ResolvedMark | null {
  if (!isResolved(state)) return null;
  if (prev !== null && prev.state === state) return prev;
  return { state, at: now.toISOString() };
}

/** A mark read back from the row's bookkeeping, or null when it is not one. */
export function readResolvedMark(value: unknown): ResolvedMark | null {
  if (typeof value !== 'object' || value === null) return null;
  const { state, at } = value as Record<string, unknown>;
  if (typeof state !== 'string' || !isResolved(state as RowStatus)) return null;
  if (typeof at !== 'string' || toDate(at) === null) return null;
  return { state: state as ReviewState, at };
}

/** `status` is what the row shows: the request's state, or EXPIRED once the sheet marked it so. */
export function decisionOf(request: Request, status: RowStatus, mark: ResolvedMark | null): Decision {
  const decidedBy = decidedByOf(request, status);
  const decided = decidedAt(request, status, mark);
  const grants = status === 'APPROVED' || status === 'PROMOTED';
  const accessStarts = grants ? (toDate(request.assumeStart ?? null) ?? decided) : null;
  return {
    decidedBy,
    decided,
    timeToDecision: daysBetween(toDate(request.created), decided),
    accessStarts,
    accessDuration: daysBetween(accessStarts, toDate(request.accessExpires)),
  };
}

function decidedByOf(request: Request, status: RowStatus): string {
  if (!isResolved(status)) return '';
  const authors = request.reviews.filter((r) => r.state === status).map((r) => r.author);
  return authors.length > 0 ? authors.join(', ') : NO_REVIEW;
}

function decidedAt(request: Request, status: RowStatus, mark: ResolvedMark | null): Date | null {
  if (!isResolved(status)) return null;
  const matching = request.reviews.filter((r) => r.state === status);
  const last = matching[matching.length - 1];
  if (last !== undefined) return toDate(last.created);
  // Without its mark (none yet, or one for another state) the sheet does not know when: empty, not a guess.
  return mark !== null && mark.state === status ? toDate(mark.at) : null;
}

function daysBetween(from: Date | null, to: Date | null): number | null {
  return from === null || to === null ? null : (to.getTime() - from.getTime()) / DAY_MS;
}

export function toDate(iso: string | null): Date | null {
  if (iso === null) return null;
  const date = new Date(iso);
  return isNaN(date.getTime()) ? null : date;
}
