// A large, varied sheet for the Dashboard's cost test and bench: `rows` requests over the last
// 120 days in several clusters, roles and states, and `events` History rows about them.
import type { HistoryRow, MainRow } from '../../../appsscript/src/records/rows.js';
import { HOUR, ago, decided, historyRow, mainRow } from './rows.js';

const STATES = ['PENDING', 'APPROVED', 'DENIED', 'EXPIRED', 'PROMOTED', 'APPROVED', 'APPROVED'];
const CLUSTERS = ['prod', 'staging', 'lab'];

export function bigLedger(now: Date, rows: number, events: number): { rows: MainRow[]; history: HistoryRow[] } {
  const main = Array.from({ length: rows }, (_, i) => {
    const row = mainRow({
      id: `req-${i}`,
      created: ago(now, (i * 120) / rows),
      user: `user-${i % 300}`,
      roles: [`role-${i % 40}`, `role-${(i * 7) % 40}`],
      cluster: CLUSTERS[i % CLUSTERS.length]!,
    });
    const state = STATES[i % STATES.length]!;
    if (state === 'PENDING' || state === 'EXPIRED') return { ...row, status: state };
    return decided(row, state, i % 11 === 0 ? '@bot' : `rev-${i % 25}`, ((i % 48) + 1) * HOUR);
  });
  const history = Array.from({ length: events }, (_, k) => {
    const row = main[k % rows]!;
    return historyRow({
      time: new Date(row.created.getTime() + (k % 5) * 3_600_000),
      cluster: row.cluster,
      requestId: row.id,
      event: 'reviewed',
      by: `rev-${k % 25}`,
      detail: k % 3 === 0 ? 'DENIED' : 'APPROVED',
      key: `${row.cluster}/${row.id}/review/${Math.floor(k / rows) + 1}`,
    });
  });
  return { rows: main, history };
}
