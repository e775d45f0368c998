// A refresh builds only the History events the Dashboard reads: the model must not change for it.
import { describe, expect, it } from 'vitest';
import { buildDashboard, dashboardEvents } from '../../../appsscript/src/dashboard/model.js';
import type { HistoryRow } from '../../../appsscript/src/records/rows.js';
import { historyRows } from '../../../appsscript/src/records/ledger-rows.js';
import { ago, historyRow, mainRow } from './rows.js';
import { historyCells } from './seed-ledger.js';
import { intlZone } from './zones.js';

const NOW = new Date('2026-03-11T12:00:00.000Z');
const ROWS = [mainRow({ id: 'r1', created: ago(NOW, 2) }), mainRow({ id: 'r2', created: ago(NOW, 45) })];
const event = (days: number, requestId: string, name: string, by = 'bob', detail = 'APPROVED'): HistoryRow =>
  historyRow({ time: ago(NOW, days), requestId, event: name, by, detail });

const HISTORY: HistoryRow[] = [
  event(60, 'gone', 'requested', 'alice', ''),
  event(29, 'gone', 'reviewed', 'carol', 'DENIED — no'),
  event(31, 'gone', 'reviewed'),
  event(1, 'r1', 'reviewed'),
  event(1, 'r1', 'approved'),
  event(0.5, 'r1', 'expired', '', ''),
  event(40, 'r2', 'reviewed', 'dave'),
  event(3, 'r2', 'reviewed', '@bot', 'PROMOTED'),
  event(-1, 'r2', 'reviewed', 'erin'),
];

/** The cells a History tab gives back (getValues drops a literal's apostrophe). */
const cells = (events: readonly HistoryRow[]) =>
  events.map((e) => historyCells(e).map((c) => (typeof c === 'string' ? c.replace(/^'/, '') : c)));

describe('the History events a refresh builds', () => {
  const keep = dashboardEvents(NOW);

  it('are every requested event and the reviews of the last 30 days', () => {
    const kept = historyRows(cells(HISTORY), keep);
    expect(kept.map((e) => [e.requestId, e.event, e.by])).toEqual([
      ['gone', 'requested', 'alice'],
      ['gone', 'reviewed', 'carol'],
      ['r1', 'reviewed', 'bob'],
      ['r2', 'reviewed', '@bot'],
    ]);
    expect(historyRows(cells(HISTORY))).toHaveLength(HISTORY.length);
  });

  it('give the same Dashboard as the whole History', () => {
    const input = { rows: ROWS, relays: [], now: NOW, zone: intlZone('Europe/Amsterdam') };
    const whole = buildDashboard({ ...input, history: historyRows(cells(HISTORY)) });
    const read = buildDashboard({ ...input, history: historyRows(cells(HISTORY), keep) });
    expect(read).toEqual(whole);
    expect(whole.reviewers.map((r) => [r.reviewer, r.reviews, r.medianReview])).toEqual([
      ['@bot', 1, 42],
      ['bob', 1, 1],
      ['carol', 1, 31],
    ]);
  });
});
