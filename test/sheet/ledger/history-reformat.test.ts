// Known answers for Reformat's pass over the History tab: exact duplicate keys go (the first
// stays), then newest first with ties in tab order.
import { describe, expect, it } from 'vitest';
import { reformatHistory } from '../../../appsscript/src/ledger/history-reformat.js';

const K = 'example.teleport.sh/0b6c3a52';

/** A History row with only the cells the pass reads set: Time, an Event to tell rows apart, Key. */
function row(hhmm: string | null, event: string, key: string): unknown[] {
  const time = hhmm === null ? '' : new Date(`2025-11-23T${hhmm}:00.000Z`);
  return [time, 'example.teleport.sh', '0b6c3a52', 'alice', 'db-admin', event, '', '', key];
}

function events(rows: unknown[][]): unknown[] {
  return rows.map((r) => r[5]);
}

describe('reformatHistory', () => {
  it('sorts newest first, keeping tab order between rows of the same time', () => {
    const rows = [
      row('12:00', 'requested', `${K}/requested`),
      row('12:30', 'review 1', `${K}/review/1`),
      row('12:30', 'approved', `${K}/state/APPROVED`),
      row('15:00', 'removed', `${K}/gone/1`),
    ];
    const out = reformatHistory(rows, () => true);
    expect(events(out.rows)).toEqual(['removed', 'review 1', 'approved', 'requested']);
    expect(out.removed).toBe(0);
  });

  it('removes exact duplicate keys, keeping the first in tab order', () => {
    const rows = [
      row('12:00', 'requested', `${K}/requested`),
      row('13:00', 'expired first', `${K}/gone/1`),
      row('12:00', 'requested again', `${K}/requested`),
      row('13:05', 'expired again', `${K}/gone/1`),
      row('13:05', 'other cluster', `other.sh/0b6c3a52/gone/1`),
      row('13:05', 'case differs', `${K}/GONE/1`),
    ];
    const out = reformatHistory(rows, () => true);
    expect(events(out.rows)).toEqual(['other cluster', 'case differs', 'expired first', 'requested']);
    expect(out.removed).toBe(2);
  });

  it('keeps rows without a key and puts rows without a date last, in tab order', () => {
    const rows = [
      row(null, 'typed by hand', ''),
      row('12:00', 'a', ''),
      row('11:00', 'b', ''),
      row(null, 'no time', ''),
    ];
    expect(events(reformatHistory(rows, () => true).rows)).toEqual(['a', 'b', 'typed by hand', 'no time']);
  });

  it('returns an empty tab unchanged and leaves its input alone', () => {
    expect(reformatHistory([], () => true)).toEqual({ rows: [], removed: 0 });
    const rows = [row('12:00', 'a', `${K}/requested`), row('13:00', 'b', `${K}/review/1`)];
    const before = rows.slice();
    reformatHistory(rows, () => true);
    expect(rows).toEqual(before);
  });
});
