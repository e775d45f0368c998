// Known answers for the five decision columns of layout 2 (contract §8) and the remembered time
// the sheet first applied a resolved state.
import { describe, expect, it } from 'vitest';
import {
  NO_REVIEW,
  decisionOf,
  nextResolvedMark,
  readResolvedMark,
  type Decision,
  type ResolvedMark,
} from '../../../appsscript/src/ledger/decision.js';
import { at, request, review } from './requests.js';

const EMPTY: Decision = {
  decidedBy: '',
  decided: null,
  timeToDecision: null,
  accessStarts: null,
  accessDuration: null,
};
const HOUR = 1 / 24;

function date(hhmm: string): Date {
  return new Date(at(hhmm));
}

describe('decisionOf: unresolved rows', () => {
  it('leaves every column empty for PENDING, NONE and EXPIRED, even with reviews or an old mark', () => {
    const mark: ResolvedMark = { state: 'APPROVED', at: at('13:00') };
    const reviewed = request({ reviews: [review('bob', 'APPROVED', '12:30')] });
    expect(decisionOf(request(), 'PENDING', null)).toEqual(EMPTY);
    expect(decisionOf(reviewed, 'PENDING', mark)).toEqual(EMPTY);
    expect(decisionOf(request({ state: 'NONE' }), 'NONE', null)).toEqual(EMPTY);
    expect(decisionOf(reviewed, 'EXPIRED', mark)).toEqual(EMPTY);
  });
});

describe('decisionOf: resolved rows', () => {
  it('APPROVED by one review: its author and time; access from then until Access expires', () => {
    const req = request({ state: 'APPROVED', reviews: [review('bob', 'APPROVED', '12:30')] });
    expect(decisionOf(req, 'APPROVED', null)).toEqual({
      decidedBy: 'bob',
      decided: date('12:30'),
      timeToDecision: 0.5 * HOUR,
      accessStarts: date('12:30'),
      accessDuration: 7.5 * HOUR,
    });
  });

  it('several matching reviews: every author in review order, Decided from the last', () => {
    const req = request({
      state: 'APPROVED',
      reviews: [review('carol', 'APPROVED', '13:00'), review('bob', 'APPROVED', '14:00')],
    });
    const d = decisionOf(req, 'APPROVED', { state: 'APPROVED', at: at('14:01') });
    expect(d.decidedBy).toBe('carol, bob');
    expect(d.decided).toEqual(date('14:00'));
    expect(d.timeToDecision).toBe(2 * HOUR);
  });

  it('a review whose state differs from the final one is not the decision', () => {
    const req = request({
      state: 'DENIED',
      reviews: [review('bob', 'APPROVED', '12:30', 'fine'), review('carol', 'DENIED', '15:00', 'no')],
    });
    expect(decisionOf(req, 'DENIED', null)).toEqual({
      decidedBy: 'carol',
      decided: date('15:00'),
      timeToDecision: 3 * HOUR,
      accessStarts: null,
      accessDuration: null,
    });
  });

  it('an administrator resolving without a review: (no review), at the time the sheet first applied it', () => {
    const req = request({ state: 'APPROVED', resolveReason: 'break glass' });
    const mark = nextResolvedMark(null, 'APPROVED', date('14:00'));
    expect(decisionOf(req, 'APPROVED', mark)).toEqual({
      decidedBy: NO_REVIEW,
      decided: date('14:00'),
      timeToDecision: 2 * HOUR,
      accessStarts: date('14:00'),
      accessDuration: 6 * HOUR,
    });
    expect(NO_REVIEW).toBe('(no review)');
  });

  it('an administrator denying after an approval: Decided is when the sheet first applied DENIED', () => {
    const reviews = [review('bob', 'APPROVED', '12:30')];
    const approved = nextResolvedMark(null, 'APPROVED', date('12:31'));
    const denied = nextResolvedMark(approved, 'DENIED', date('16:00'));
    expect(denied).toEqual({ state: 'DENIED', at: at('16:00') });
    expect(decisionOf(request({ state: 'DENIED', reviews }), 'DENIED', denied)).toEqual({
      decidedBy: NO_REVIEW,
      decided: date('16:00'),
      timeToDecision: 4 * HOUR,
      accessStarts: null,
      accessDuration: null,
    });
  });

  it('promotion: the promoting reviewer, and access from the decision', () => {
    const req = request({
      state: 'PROMOTED',
      promotedTo: 'On-call DBAs',
      reviews: [review('bob', 'PROMOTED', '12:45')],
    });
    expect(decisionOf(req, 'PROMOTED', null)).toEqual({
      decidedBy: 'bob',
      decided: date('12:45'),
      timeToDecision: 0.75 * HOUR,
      accessStarts: date('12:45'),
      accessDuration: 7.25 * HOUR,
    });
  });

  it('assumeStart, when set, is when access starts; unset or missing, Decided is', () => {
    const reviews = [review('bob', 'APPROVED', '12:30')];
    const later = decisionOf(request({ state: 'APPROVED', reviews, assumeStart: at('18:00') }), 'APPROVED', null);
    expect(later.accessStarts).toEqual(date('18:00'));
    expect(later.accessDuration).toBe(2 * HOUR);
    expect(later.decided).toEqual(date('12:30'));
    const unset = decisionOf(request({ state: 'APPROVED', reviews, assumeStart: null }), 'APPROVED', null);
    expect(unset.accessStarts).toEqual(date('12:30'));
    const missing = decisionOf(request({ state: 'APPROVED', reviews }), 'APPROVED', null);
    expect(missing).toEqual(unset);
  });

  it('no Access duration without Access expires, and no Decided without a review or a mark for the state', () => {
    const reviewed = request({ state: 'APPROVED', reviews: [review('bob', 'APPROVED', '12:30')], accessExpires: null });
    expect(decisionOf(reviewed, 'APPROVED', null).accessDuration).toBeNull();
    const direct = request({ state: 'APPROVED', assumeStart: at('18:00') });
    expect(decisionOf(direct, 'APPROVED', { state: 'DENIED', at: at('13:00') })).toEqual({
      decidedBy: NO_REVIEW,
      decided: null,
      timeToDecision: null,
      accessStarts: date('18:00'),
      accessDuration: 2 * HOUR,
    });
  });
});

describe('nextResolvedMark', () => {
  it('remembers the first time a resolved state was applied, and forgets unresolved states', () => {
    const first = nextResolvedMark(null, 'APPROVED', date('14:00'));
    expect(first).toEqual({ state: 'APPROVED', at: at('14:00') });
    expect(nextResolvedMark(first, 'APPROVED', date('17:00'))).toBe(first);
    expect(nextResolvedMark(first, 'PROMOTED', date('17:00'))).toEqual({ state: 'PROMOTED', at: at('17:00') });
    expect(nextResolvedMark(null, 'PENDING', date('14:00'))).toBeNull();
    expect(nextResolvedMark(null, 'NONE', date('14:00'))).toBeNull();
  });

  it('reads back only a well-formed mark', () => {
    expect(readResolvedMark(JSON.parse(JSON.stringify({ state: 'DENIED', at: at('16:00') })))).toEqual({
      state: 'DENIED',
      at: at('16:00'),
    });
    expect(readResolvedMark({ state: 'PENDING', at: at('16:00') })).toBeNull();
    expect(readResolvedMark({ state: 'DENIED', at: 'yesterday' })).toBeNull();
    expect(readResolvedMark({ state: 'DENIED' })).toBeNull();
    expect(readResolvedMark('DENIED')).toBeNull();
    expect(readResolvedMark(null)).toBeNull();
  });
});
