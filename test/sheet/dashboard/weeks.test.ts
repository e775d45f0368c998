// Requests per week: Monday-based weeks in the spreadsheet's zone, east and west of UTC and
// across daylight-saving changes, counted by the week of Created and the current Status.
import { describe, expect, it } from 'vitest';
import { buildDashboard } from '../../../appsscript/src/dashboard/model.js';
import type { MainRow } from '../../../appsscript/src/records/rows.js';
import type { Zone } from '../../../appsscript/src/records/zone.js';
import { intlZone } from './zones.js';
import { mainRow } from './rows.js';

const NOW = new Date('2026-03-11T12:00:00.000Z'); // Wednesday, after Los Angeles moved to PDT on 03-08

const created = (iso: string, status = 'PENDING') => mainRow({ id: iso, created: new Date(iso), status });

function weeks(rows: MainRow[], zone: Zone, now = NOW) {
  return buildDashboard({ rows, history: [], relays: [], now, zone }).weeks;
}

/** Week start → total requests in it, for the non-empty weeks. */
function totals(rows: MainRow[], zone: Zone, now = NOW): Record<string, number> {
  const out: Record<string, number> = {};
  for (const w of weeks(rows, zone, now)) {
    const n = w.approved + w.promoted + w.denied + w.expired + w.pending + w.other;
    if (n > 0) out[w.start.toISOString()] = n;
  }
  return out;
}

describe('requests per week', () => {
  it('has 12 Monday weeks ending with the current one, columns by current status', () => {
    const zone = intlZone('UTC');
    const rows = ['APPROVED', 'PROMOTED', 'DENIED', 'EXPIRED', 'PENDING', 'NONE', 'SOMETHING'].map((s) =>
      created('2026-03-09T00:00:00.000Z', s),
    );
    const table = weeks([...rows, created('2025-12-21T23:59:59.999Z'), created('2026-03-16T00:00:00.000Z')], zone);
    expect(table).toHaveLength(12);
    expect(table[0]!.start.toISOString()).toBe('2025-12-22T00:00:00.000Z');
    expect(table[11]).toEqual({
      start: new Date('2026-03-09T00:00:00.000Z'),
      ...{ approved: 1, promoted: 1, denied: 1, expired: 1, pending: 1, other: 2 },
    });
    expect(table.slice(0, 11).every((w) => w.pending + w.other === 0)).toBe(true);
  });

  it('starts weeks at local Monday midnight east of UTC (Tokyo)', () => {
    const tokyo = intlZone('Asia/Tokyo');
    const rows = [created('2026-03-08T14:59:59.999Z'), created('2026-03-08T15:00:00.000Z')];
    expect(totals(rows, tokyo)).toEqual({ '2026-03-01T15:00:00.000Z': 1, '2026-03-08T15:00:00.000Z': 1 });
  });

  it('starts weeks at local Monday midnight west of UTC, across the spring change (Los Angeles)', () => {
    const la = intlZone('America/Los_Angeles');
    // Monday 03-09 00:30 PDT is 07:30Z; under last week's PST it would still be Sunday.
    const rows = [created('2026-03-09T06:59:59.999Z'), created('2026-03-09T07:30:00.000Z')];
    const all = weeks(rows, la);
    expect(all[10]!.start.toISOString()).toBe('2026-03-02T08:00:00.000Z');
    expect(all[11]!.start.toISOString()).toBe('2026-03-09T07:00:00.000Z');
    expect(totals(rows, la)).toEqual({ '2026-03-02T08:00:00.000Z': 1, '2026-03-09T07:00:00.000Z': 1 });
  });

  it('follows the autumn change (Amsterdam, clocks back on Sunday 2026-10-25)', () => {
    const amsterdam = intlZone('Europe/Amsterdam');
    const now = new Date('2026-11-04T12:00:00.000Z');
    // 22:30Z on the 25th is Sunday 23:30 CET (a CEST reading would say Monday 00:30).
    const rows = [created('2026-10-25T22:30:00.000Z'), created('2026-10-25T23:00:00.000Z')];
    const all = weeks(rows, amsterdam, now);
    expect(all[9]!.start.toISOString()).toBe('2026-10-18T22:00:00.000Z');
    expect(all[10]!.start.toISOString()).toBe('2026-10-25T23:00:00.000Z');
    expect(totals(rows, amsterdam, now)).toEqual({ '2026-10-18T22:00:00.000Z': 1, '2026-10-25T23:00:00.000Z': 1 });
  });

  it('places the current week by the refresh’s local date, not UTC’s', () => {
    // Monday 2026-03-09 01:00 in Tokyo is still Sunday in UTC and in Los Angeles.
    const now = new Date('2026-03-08T16:00:00.000Z');
    expect(weeks([], intlZone('Asia/Tokyo'), now)[11]!.start.toISOString()).toBe('2026-03-08T15:00:00.000Z');
    expect(weeks([], intlZone('America/Los_Angeles'), now)[11]!.start.toISOString()).toBe('2026-03-02T08:00:00.000Z');
  });
});
