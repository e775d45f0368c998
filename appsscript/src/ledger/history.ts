// The History events (contract §9) of one op applied to one row, and what the row remembers so
// that each event is recorded exactly once whatever is redelivered, resent or sent late.
import { REVIEW_STATES, type Request, type ReviewState, type RowStatus } from '../../../proto/contract.js';
import { isResolved, toDate, type Decision } from './decision.js';
import { kindsText, type UsageMark } from './usage.js';

export type HistoryEventType =
  | 'requested'
  | 'reviewed'
  | 'approved'
  | 'denied'
  | 'promoted'
  | 'expired'
  | 'removed'
  | 'restored'
  | 'assumed'
  | 'used'
  | 'exported'
  | 'archived';

export interface HistoryEvent {
  time: Date;
  cluster: string;
  requestId: string;
  user: string;
  /** As the main tab shows them. */
  roles: string;
  event: HistoryEventType;
  by: string;
  detail: string;
  key: string;
}

/**
 * What the History already holds for a row. The row is away (gone from Teleport) exactly when it
 * has gone more times than it came back, so that is derived, never stored twice.
 */
export interface HistoryMark {
  requested: boolean;
  /** Reviews 1..reviews are recorded. */
  reviews: number;
  /** States whose state/<STATE> event is recorded. */
  states: ReviewState[];
  gone: number;
  back: number;
  /** §14: the `assumed` and `used` events are recorded. */
  assumed: boolean;
  used: boolean;
}

/** The row as the main tab shows it, for the events of a row going away (the op carries only its id). */
export interface RowPerson {
  id: string;
  user: string;
  roles: string;
}

export type HistoryEffect =
  /** An applied upsert; `decision` is the row's decision columns after it (decision.ts). */
  | { kind: 'upsert'; request: Request; decision: Decision }
  | { kind: 'stale' }
  /** A delete or sync took the row away; `status` is what the row shows afterwards. */
  | { kind: 'away'; row: RowPerson; status: RowStatus }
  /** A usage op was merged into the row; `usage` is the row's usage after it. */
  | { kind: 'usage'; row: RowPerson; usage: UsageMark }
  | { kind: 'none' };

export interface HistoryStep {
  events: HistoryEvent[];
  mark: HistoryMark;
}

export const GONE_DETAIL = 'no longer in Teleport';

export function emptyHistoryMark(): HistoryMark {
  return { requested: false, reviews: 0, states: [], gone: 0, back: 0, assumed: false, used: false };
}

/** What the History already holds for a request, from its keys (for a row whose own cell was lost). */
export function markFromKeys(has: (key: string) => boolean, cluster: string, id: string): HistoryMark {
  const key = (tail: string) => has(`${cluster}/${id}/${tail}`);
  const count = (prefix: string) => {
    let n = 0;
    while (key(`${prefix}/${n + 1}`)) n++;
    return n;
  };
  const gone = count('gone');
  return {
    requested: key('requested'),
    reviews: count('review'),
    states: REVIEW_STATES.filter((s) => key(`state/${s}`)),
    gone,
    back: Math.min(gone, count('back')),
    assumed: key('assumed'),
    used: key('used'),
  };
}

export function isAway(mark: HistoryMark): boolean {
  return mark.gone > mark.back;
}

export function rolesText(roles: readonly string[]): string {
  return roles.join(', ');
}

export function historyStep(mark: HistoryMark, effect: HistoryEffect, cluster: string, now: Date): HistoryStep {
  switch (effect.kind) {
    case 'upsert':
      return upsertStep(mark, effect.request, effect.decision, cluster, now);
    case 'away':
      return awayStep(mark, effect.row, effect.status, cluster, now);
    case 'usage':
      return usageStep(mark, effect.row, effect.usage, cluster);
    case 'stale':
    case 'none':
      return { events: [], mark };
  }
}

function upsertStep(mark: HistoryMark, request: Request, decision: Decision, cluster: string, now: Date): HistoryStep {
  const person = { id: request.id, user: request.user, roles: rolesText(request.roles) };
  const event = eventMaker(cluster, person);
  const events: HistoryEvent[] = [];
  const next: HistoryMark = { ...mark, states: [...mark.states] };
  if (isAway(mark)) {
    next.back = mark.gone;
    events.push(event('restored', `back/${next.back}`, now, '', ''));
  }
  if (!mark.requested) {
    next.requested = true;
    events.push(event('requested', 'requested', toDate(request.created) ?? now, request.user, request.reason));
  }
  request.reviews.slice(mark.reviews).forEach((review, i) => {
    const n = mark.reviews + i + 1;
    const detail = review.state + (review.reason !== '' ? ` — ${review.reason}` : '');
    events.push(event('reviewed', `review/${n}`, toDate(review.created) ?? now, review.author, detail));
  });
  next.reviews = Math.max(mark.reviews, request.reviews.length);
  const state = request.state;
  if (isResolved(state) && !mark.states.includes(state)) {
    next.states.push(state);
    const promoted = state === 'PROMOTED' && request.promotedTo ? ` → ${request.promotedTo}` : '';
    const type = state.toLowerCase() as HistoryEventType;
    events.push(
      event(type, `state/${state}`, decision.decided ?? now, decision.decidedBy, request.resolveReason + promoted),
    );
  }
  return { events, mark: next };
}

function awayStep(mark: HistoryMark, row: RowPerson, status: RowStatus, cluster: string, now: Date): HistoryStep {
  if (isAway(mark)) return { events: [], mark };
  const next: HistoryMark = { ...mark, gone: mark.gone + 1 };
  // Only a PENDING row is marked EXPIRED; a resolved (or NONE) row keeps its status and is "removed".
  const type: HistoryEventType = status === 'EXPIRED' ? 'expired' : 'removed';
  return { events: [eventMaker(cluster, row)(type, `gone/${next.gone}`, now, '', GONE_DETAIL)], mark: next };
}

/** §14: `assumed` and `used` once each, at Teleport's times, the first time the row knows them. */
function usageStep(mark: HistoryMark, row: RowPerson, usage: UsageMark, cluster: string): HistoryStep {
  const event = eventMaker(cluster, row);
  const events: HistoryEvent[] = [];
  const next: HistoryMark = { ...mark };
  if (!mark.assumed && usage.assumed !== null) {
    next.assumed = true;
    events.push(event('assumed', 'assumed', new Date(usage.assumed), row.user, ''));
  }
  if (!mark.used && usage.firstUsed !== null) {
    next.used = true;
    events.push(event('used', 'used', new Date(usage.firstUsed), row.user, kindsText(usage.kinds)));
  }
  return { events, mark: next };
}

function eventMaker(cluster: string, row: RowPerson) {
  return (event: HistoryEventType, keyTail: string, time: Date, by: string, detail: string): HistoryEvent => ({
    time,
    cluster,
    requestId: row.id,
    user: row.user,
    roles: row.roles,
    event,
    by,
    detail,
    key: `${cluster}/${row.id}/${keyTail}`,
  });
}

/** The event's cells in History column order (layout.ts HISTORY_HEADERS); text is still to be made literal. */
export function historyValues(e: HistoryEvent): [Date, string, string, string, string, string, string, string, string] {
  return [e.time, e.cluster, e.requestId, e.user, e.roles, e.event, e.by, e.detail, e.key];
}

const STATE_LETTERS: Record<ReviewState, string> = { APPROVED: 'A', DENIED: 'D', PROMOTED: 'P' };

/** The mark as it lives in the row's Version cell: short keys, defaults left out (`{}` for a new row). */
export interface PackedHistoryMark {
  q?: 1;
  n?: number;
  s?: string;
  g?: number;
  b?: number;
  a?: 1;
  u?: 1;
}

export function packHistoryMark(mark: HistoryMark): PackedHistoryMark {
  const packed: PackedHistoryMark = {};
  if (mark.requested) packed.q = 1;
  if (mark.reviews > 0) packed.n = mark.reviews;
  if (mark.states.length > 0) packed.s = mark.states.map((s) => STATE_LETTERS[s]).join('');
  if (mark.gone > 0) packed.g = mark.gone;
  if (mark.back > 0) packed.b = mark.back;
  if (mark.assumed) packed.a = 1;
  if (mark.used) packed.u = 1;
  return packed;
}

/** The mark packed by packHistoryMark, or null when `value` is not one. */
export function unpackHistoryMark(value: unknown): HistoryMark | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const o = value as Record<string, unknown>;
  const counts = [o.n, o.g, o.b].map((v) => (v === undefined ? 0 : v));
  if (!counts.every((v) => Number.isInteger(v) && (v as number) >= 0)) return null;
  if ([o.q, o.a, o.u].some((flag) => flag !== undefined && flag !== 1)) return null;
  const states = unpackStates(o.s);
  if (states === null) return null;
  const [reviews, gone, back] = counts as [number, number, number];
  if (back > gone) return null;
  return { requested: o.q === 1, reviews, states, gone, back, assumed: o.a === 1, used: o.u === 1 };
}

function unpackStates(value: unknown): ReviewState[] | null {
  if (value === undefined) return [];
  if (typeof value !== 'string') return null;
  const states: ReviewState[] = [];
  for (const letter of value) {
    const state = (Object.keys(STATE_LETTERS) as ReviewState[]).find((s) => STATE_LETTERS[s] === letter);
    if (state === undefined || states.includes(state)) return null;
    states.push(state);
  }
  return states;
}
