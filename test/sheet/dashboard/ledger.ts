// A small seeded sheet with known Dashboard figures (worked out by hand in the comments), shared
// by the Dashboard and evidence tests that run the real bundle.
import type { HistoryRow, MainRow } from '../../../appsscript/src/records/rows.js';
import { HOUR, MINUTE, ago, decided, historyRow, mainRow } from './rows.js';

export const NOW = new Date('2026-03-11T12:00:00.000Z');
export const ZONE_ID = 'Europe/Amsterdam';

const review = (row: MainRow, by: string, state: string): HistoryRow =>
  historyRow({ time: row.decided!, requestId: row.id, event: 'reviewed', by, detail: state });

const a1 = decided(mainRow({ id: 'a-1', created: ago(NOW, 5), roles: ['dev'] }), 'APPROVED', 'bob', 2 * HOUR);
const a2 = decided(mainRow({ id: 'a-2', created: ago(NOW, 10), roles: ['db'] }), 'APPROVED', '@bot', 30 * MINUTE);
const d1 = decided(mainRow({ id: 'd-1', created: ago(NOW, 20), roles: ['db'] }), 'DENIED', 'carol', 4 * HOUR);
const old = decided(mainRow({ id: 'old', created: ago(NOW, 40) }), 'APPROVED', 'bob', HOUR);

export const ROWS: MainRow[] = [
  mainRow({ id: 'p-1', created: ago(NOW, 2) }),
  mainRow({ id: 'p-2', created: ago(NOW, 3 * HOUR), roles: ['dev', 'db'] }),
  a1,
  a2,
  d1,
  mainRow({ id: 'e-1', created: ago(NOW, 6), status: 'EXPIRED' }),
  old,
];

const requested = (row: MainRow): HistoryRow =>
  historyRow({ time: row.created, requestId: row.id, event: 'requested', by: row.user });

export const HISTORY: HistoryRow[] = [
  requested(a1),
  review(a1, 'bob', 'APPROVED'),
  requested(d1),
  review(d1, 'carol', 'DENIED'),
];

/** Column B of the Figures block, rows 6–16 (layout.ts BLOCKS.figures). */
export const FIGURES: readonly unknown[] = [
  2, // pending now: p-1, p-2
  1, // pending for over 24 hours: p-1
  2, // oldest pending: p-1, 2 days
  4, // last 7 days: p-1, p-2, a-1, e-1
  6, // last 30 days: and a-2, d-1
  2 / 3, // approval rate: a-1, a-2 of a-1, a-2, d-1
  2 * HOUR, // median of 30 min, 2 h, 4 h (nearest rank 2 of 3)
  4 * HOUR, // 90th percentile: rank 3 of 3
  1, // expired: e-1
  1 / 3, // decided automatically: a-2 by @bot
  0, // with no review
];
