// Known answers for the History events of contract §9: one op on one row at a time, carried from
// mark to mark the way the sheet will, so exactly-once is checked over whole sequences.
import { describe, expect, it } from 'vitest';
import type { Request, RowStatus } from '../../../proto/contract.js';
import { decisionOf, nextResolvedMark, type ResolvedMark } from '../../../appsscript/src/ledger/decision.js';
import {
  GONE_DETAIL,
  emptyHistoryMark,
  historyStep,
  historyValues,
  isAway,
  packHistoryMark,
  unpackHistoryMark,
  type HistoryEvent,
  type HistoryMark,
} from '../../../appsscript/src/ledger/history.js';
import { CLUSTER, ID, at, request, review } from './requests.js';

const ROLES = 'db-admin, auditor';
const KEY = `${CLUSTER}/${ID}`;

/** One row as the sheet keeps it: its marks and status, stepped by ops. */
class Row {
  history: HistoryMark = emptyHistoryMark();
  resolved: ResolvedMark | null = null;
  status: RowStatus = 'PENDING';

  upsert(req: Request, hhmm: string): HistoryEvent[] {
    const now = new Date(at(hhmm));
    this.resolved = nextResolvedMark(this.resolved, req.state, now);
    this.status = req.state;
    const decision = decisionOf(req, this.status, this.resolved);
    return this.take(historyStep(this.history, { kind: 'upsert', request: req, decision }, CLUSTER, now));
  }

  away(hhmm: string): HistoryEvent[] {
    if (this.status === 'PENDING') this.status = 'EXPIRED';
    const row = { id: ID, user: 'alice', roles: ROLES };
    const effect = { kind: 'away', row, status: this.status } as const;
    return this.take(historyStep(this.history, effect, CLUSTER, new Date(at(hhmm))));
  }

  private take(step: { events: HistoryEvent[]; mark: HistoryMark }): HistoryEvent[] {
    this.history = step.mark;
    return step.events;
  }
}

/** The columns that vary between events, as [Event, Time (hh:mm), By, Detail, key tail]. */
function brief(events: HistoryEvent[]): [string, string, string, string, string][] {
  return events.map((e) => [e.event, e.time.toISOString().slice(11, 16), e.by, e.detail, e.key.slice(KEY.length)]);
}

describe('historyStep: a request seen from the start', () => {
  it('records requested, each review, and the decision once each, with their own times and authors', () => {
    const row = new Row();
    const requested = row.upsert(request(), '12:00');
    expect(requested).toEqual([
      {
        time: new Date(at('12:00')),
        cluster: CLUSTER,
        requestId: ID,
        user: 'alice',
        roles: ROLES,
        event: 'requested',
        by: 'alice',
        detail: 'incident 42',
        key: `${CLUSTER}/${ID}/requested`,
      },
    ]);
    const first = [review('bob', 'APPROVED', '12:30', 'fine')];
    expect(brief(row.upsert(request({ reviews: first }), '12:31'))).toEqual([
      ['reviewed', '12:30', 'bob', 'APPROVED — fine', '/review/1'],
    ]);
    const both = [...first, review('carol', 'APPROVED', '13:00')];
    const approved = request({ state: 'APPROVED', reviews: both, resolveReason: 'two approvals' });
    expect(brief(row.upsert(approved, '13:01'))).toEqual([
      ['reviewed', '13:00', 'carol', 'APPROVED', '/review/2'],
      ['approved', '13:00', 'bob, carol', 'two approvals', '/state/APPROVED'],
    ]);
  });

  it('records nothing when the same upsert is applied again, or a stale one is skipped', () => {
    const row = new Row();
    const req = request({ state: 'APPROVED', reviews: [review('bob', 'APPROVED', '12:30')] });
    expect(row.upsert(req, '12:31')).toHaveLength(3);
    const mark = row.history;
    expect(row.upsert(req, '12:40')).toEqual([]);
    expect(row.history).toEqual(mark);
    const stale = historyStep(mark, { kind: 'stale' }, CLUSTER, new Date(at('12:50')));
    expect(stale).toEqual({ events: [], mark });
    expect(historyStep(mark, { kind: 'none' }, CLUSTER, new Date(at('12:50')))).toEqual({ events: [], mark });
  });
});

describe('historyStep: a request first seen in a later state', () => {
  it('gets its whole past at once with Teleport times, a review that differs from the final state included', () => {
    const req = request({
      state: 'DENIED',
      resolveReason: 'not during the freeze',
      reviews: [review('bob', 'APPROVED', '12:30'), review('carol', 'DENIED', '14:00', 'freeze')],
    });
    expect(brief(new Row().upsert(req, '18:00'))).toEqual([
      ['requested', '12:00', 'alice', 'incident 42', '/requested'],
      ['reviewed', '12:30', 'bob', 'APPROVED', '/review/1'],
      ['reviewed', '14:00', 'carol', 'DENIED — freeze', '/review/2'],
      ['denied', '14:00', 'carol', 'not during the freeze', '/state/DENIED'],
    ]);
  });

  it('an administrator resolving without a review: decided when the sheet applied it, by (no review)', () => {
    const req = request({ state: 'APPROVED', resolveReason: 'break glass' });
    expect(brief(new Row().upsert(req, '15:00'))).toEqual([
      ['requested', '12:00', 'alice', 'incident 42', '/requested'],
      ['approved', '15:00', '(no review)', 'break glass', '/state/APPROVED'],
    ]);
  });

  it('promotion appends the access list to the resolution reason', () => {
    const reviews = [review('bob', 'PROMOTED', '12:45')];
    const req = request({ state: 'PROMOTED', resolveReason: 'use the list', promotedTo: 'On-call DBAs', reviews });
    expect(brief(new Row().upsert(req, '13:00')).slice(1)).toEqual([
      ['reviewed', '12:45', 'bob', 'PROMOTED', '/review/1'],
      ['promoted', '12:45', 'bob', 'use the list → On-call DBAs', '/state/PROMOTED'],
    ]);
    const bare = request({ state: 'PROMOTED', promotedTo: 'On-call DBAs', reviews });
    expect(new Row().upsert(bare, '13:00')[2]?.detail).toBe(' → On-call DBAs');
  });
});

describe('historyStep: a state that changes after it was recorded', () => {
  it('an administrator denying an approved request adds denied, at the time the sheet applied it', () => {
    const row = new Row();
    const reviews = [review('bob', 'APPROVED', '12:30')];
    row.upsert(request({ state: 'APPROVED', reviews }), '12:31');
    const denied = request({ state: 'DENIED', reviews, resolveReason: 'revoked' });
    expect(brief(row.upsert(denied, '16:00'))).toEqual([
      ['denied', '16:00', '(no review)', 'revoked', '/state/DENIED'],
    ]);
    expect(row.upsert(denied, '16:05')).toEqual([]);
  });
});

describe('historyStep: rows that go away and come back', () => {
  it('expire → restore → expire gives gone/1, back/1, gone/2 at the sheet’s times', () => {
    const row = new Row();
    row.upsert(request(), '12:00');
    expect(row.away('13:00')).toEqual([
      {
        time: new Date(at('13:00')),
        cluster: CLUSTER,
        requestId: ID,
        user: 'alice',
        roles: ROLES,
        event: 'expired',
        by: '',
        detail: 'no longer in Teleport',
        key: `${CLUSTER}/${ID}/gone/1`,
      },
    ]);
    expect(isAway(row.history)).toBe(true);
    expect(row.away('13:05')).toEqual([]);
    expect(brief(row.upsert(request(), '14:00'))).toEqual([['restored', '14:00', '', '', '/back/1']]);
    expect(isAway(row.history)).toBe(false);
    expect(row.upsert(request(), '14:01')).toEqual([]);
    expect(brief(row.away('15:00'))).toEqual([['expired', '15:00', '', GONE_DETAIL, '/gone/2']]);
  });

  it('a resolved request that goes away is removed; coming back in a new state records it too', () => {
    const row = new Row();
    row.upsert(request({ state: 'APPROVED', reviews: [review('bob', 'APPROVED', '12:30')] }), '12:31');
    expect(brief(row.away('13:00'))).toEqual([['removed', '13:00', '', GONE_DETAIL, '/gone/1']]);
    const denied = request({
      state: 'DENIED',
      reviews: [review('bob', 'APPROVED', '12:30'), review('eve', 'DENIED', '13:30')],
    });
    expect(brief(row.upsert(denied, '14:00'))).toEqual([
      ['restored', '14:00', '', '', '/back/1'],
      ['reviewed', '13:30', 'eve', 'DENIED', '/review/2'],
      ['denied', '13:30', 'eve', '', '/state/DENIED'],
    ]);
  });

  it('a NONE row keeps its status when it goes away, so it is removed, not expired', () => {
    const effect = { kind: 'away', row: { id: ID, user: 'alice', roles: ROLES }, status: 'NONE' } as const;
    const step = historyStep(emptyHistoryMark(), effect, CLUSTER, new Date(at('13:00')));
    expect(step.events.map((e) => [e.event, e.key])).toEqual([['removed', `${KEY}/gone/1`]]);
    expect(step.mark).toEqual({ ...emptyHistoryMark(), gone: 1 });
  });
});

describe('history rows and marks', () => {
  it('puts an event in History column order', () => {
    const [event] = new Row().upsert(request(), '12:00');
    expect(event && historyValues(event)).toEqual([
      new Date(at('12:00')),
      CLUSTER,
      ID,
      'alice',
      ROLES,
      'requested',
      'alice',
      'incident 42',
      `${CLUSTER}/${ID}/requested`,
    ]);
  });

  it('packs a mark into a few characters of JSON and reads it back', () => {
    expect(packHistoryMark(emptyHistoryMark())).toEqual({});
    const mark: HistoryMark = {
      ...{ requested: true, reviews: 3, states: ['APPROVED', 'DENIED'], gone: 2, back: 1 },
      ...{ assumed: true, used: false },
    };
    const json = JSON.stringify(packHistoryMark(mark));
    expect(json).toBe('{"q":1,"n":3,"s":"AD","g":2,"b":1,"a":1}');
    expect(unpackHistoryMark(JSON.parse(json))).toEqual(mark);
    expect(unpackHistoryMark({})).toEqual(emptyHistoryMark());
    expect(unpackHistoryMark({ s: 'P' })?.states).toEqual(['PROMOTED']);
  });

  it('refuses a packed mark that is not one', () => {
    for (const bad of [null, 'x', [], { q: true }, { n: -1 }, { n: 1.5 }, { s: 'X' }, { s: 'AA' }, { g: 1, b: 2 }]) {
      expect(unpackHistoryMark(bad)).toBeNull();
    }
  });
});
