// A layout-1 tab and a layout-2 tab, each written by the script as it was, with a column someone
// added after Version and a filter on the header, converted in place to layout 3 by the first
// batch of the new script (contract §8, §14): every cell kept, columns inserted not rows
// rewritten, resync asked once, the new cells filled by the resync (and, for usage, by the usage
// ops that follow it) without a second row for any request.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Request } from '../../proto/contract.js';
import {
  COL,
  LAYOUT1_HEADERS,
  LAYOUT2_HEADERS,
  LAYOUT3_HEADERS,
  USAGE_COLUMNS,
} from '../../appsscript/src/ledger/layout.js';
import { makeBatch, makeBatchV2, makeRequest, upsert, usageOp } from './fixtures.js';
import { Sheet, buildBundle } from './harness.js';
import { LAYOUT1_BUNDLE_DIR } from './layout1-bundle.js';
import { LAYOUT2_BUNDLE_DIR } from './layout2-bundle.js';

const ROWS = 3000;

let bundle: ReturnType<typeof buildBundle>;
beforeAll(() => {
  bundle = buildBundle();
});
afterAll(() => bundle.remove());

function decided(r: Request, i: number): Request {
  if (i % 3 !== 0) return r;
  const review = { author: `rev-${i}`, state: 'APPROVED' as const, reason: '', created: '2025-11-23T12:30:00.000Z' };
  return { ...r, state: 'APPROVED', reviews: [review], resolveReason: 'ok' };
}

const OLD = {
  layout1: { dir: LAYOUT1_BUNDLE_DIR, headers: LAYOUT1_HEADERS as readonly string[], inserts: 3 },
  layout2: { dir: LAYOUT2_BUNDLE_DIR, headers: LAYOUT2_HEADERS as readonly string[], inserts: 1 },
};

/**
 * The calls of the conversion alone: find it and read the Version column again (7), the inserts, the
 * header (2), the number formats at 2 calls each (dates, Sessions, and from layout 1 the durations),
 * hide Version.
 */
const CONVERSION_CALLS = { layout1: 7 + 3 + 2 + 3 * 2 + 1, layout2: 7 + 1 + 2 + 2 * 2 + 1 };
/**
 * What the first batch costs with its own: from layout 1 it creates the History tab (26 calls), trims
 * it to its columns (4), measuring the grid before that growth (the tabs, then 2 per tab), and writes
 * (10); from layout 2 it adopts the History tab the old script wrote — lays it out again with the
 * Seal column, reads its rows and seals them as they stand (contract §15) — measures the grid (the 4
 * tabs the old script made), grows History's and writes (51 in all).
 */
const FIRST_BATCH_CALLS = { layout1: 26 + 4 + 5 + 10, layout2: 42 + 9 };

for (const from of ['layout1', 'layout2'] as const) {
  const old = OLD[from];
  const width = old.headers.length;
  const oldCol = (header: string) => old.headers.indexOf(header) + 1;

  describe(`upgrading a ${from} tab to layout 3`, () => {
    let sheet: Sheet;
    let requests: Request[];
    let before: unknown[][];

    beforeAll(async () => {
      sheet = await Sheet.open(old.dir, { secretIn: from === 'layout1' ? 'script' : 'user' });
      requests = Array.from({ length: ROWS }, (_, i) => decided(makeRequest({ user: `user-${i}` }), i));
      for (let i = 0; i < ROWS; i += 500) {
        expect(sheet.post(makeBatch(requests.slice(i, i + 500).map(upsert)))).toMatchObject({ ok: true });
      }
      expect(sheet.post(makeBatch([{ op: 'delete', id: requests[1]!.id }]))).toMatchObject({ ok: true });
      const tab = sheet.tab()!;
      tab.getRange(1, width + 1, 3, 1).setValues([['Notes'], ['call back'], ['42']]);
      tab.getRange(1, 1, ROWS + 1, width + 1).createFilter();
      before = tab.values();
      await sheet.rt.deploy(bundle.dir);
      const at = () => new Date(sheet.nowMs).toISOString();
      if (from === 'layout1') {
        // The first version with the replay record refuses POSTs as busy while one the old version
        // accepted could still be replayed (docs/operating.md: upgrading the sheet).
        expect(sheet.post(makeBatch([{ op: 'heartbeat', at: at() }]))).toMatchObject({ ok: false, error: 'busy' });
        sheet.advance(7 * 60_000);
      } else sheet.advance(6 * 60_000);
      expect(sheet.post(makeBatch([{ op: 'heartbeat', at: at() }]))).toMatchObject({ ok: true, accepts: 2 });
    });

    it('converts the tab in place with a handful of calls, once, and asks for a resync once', () => {
      sheet.rt.counters.reset();
      const reply = sheet.post(makeBatch([{ op: 'heartbeat', at: new Date(sheet.nowMs).toISOString() }]));
      expect(reply).toMatchObject({ ok: true, resync: false });
      expect(sheet.rt.counters.calls).toBe(0);
      const oldEvents = Math.max(0, (sheet.rt.spreadsheet.getSheetByName('History')?.getLastRow() ?? 1) - 1);
      expect(sheet.post(makeBatch([upsert(makeRequest())]))).toMatchObject({ ok: true, applied: 1, resync: true });
      expect(sheet.rt.counters.byMethod['Sheet.insertColumnsAfter']).toBe(old.inserts);
      expect(sheet.rt.counters.calls).toBe(CONVERSION_CALLS[from] + FIRST_BATCH_CALLS[from]);
      // No row is rewritten: the batch writes the header, its new row, History's header and events,
      // and from layout 2 the seal of each History row the old script wrote.
      expect(sheet.rt.counters.cellsWritten).toBeLessThan(200 + oldEvents);
      sheet.rt.counters.reset();
      expect(sheet.post(makeBatch([upsert(makeRequest())]))).toMatchObject({ ok: true, resync: false });
      expect(sheet.rt.counters.byMethod['Sheet.insertColumnsAfter']).toBeUndefined();
    });

    it('keeps every cell, moved to its layout-3 column, and the added column after Version', () => {
      const after = sheet.tab()!.values();
      expect(after[0]!.slice(0, 27)).toEqual([...LAYOUT3_HEADERS, 'Notes']);
      const moved = old.headers.map((h) => LAYOUT3_HEADERS.indexOf(h as never));
      for (let row = 1; row <= ROWS; row++) {
        expect(moved.map((i) => after[row]![i])).toEqual(before[row]!.slice(0, width));
        expect(after[row]![26]).toEqual(before[row]![width]);
        expect(USAGE_COLUMNS.map((c) => after[row]![c - 1])).toEqual(['', '', '', '', '']);
      }
      expect(sheet.tab()!.cell(3, 27).value).toBe(42);
      expect(sheet.tab()!.cell(2, COL.link).link).toMatch(/^https:/);
    });

    it('keeps the protection, the status colours on Status, the hidden Version column and the filter', () => {
      const tab = sheet.tab()!;
      expect(tab.protect().isWarningOnly()).toBe(true);
      const statusRules = tab.getConditionalFormatRules().filter((r) => r.getBooleanCondition().getCriteriaType());
      expect(statusRules.length).toBeGreaterThan(0);
      for (const rule of statusRules) expect(rule.getRanges().map((r) => r.getColumn())).toEqual([COL.status]);
      expect(tab.isColumnHiddenByUser(COL.version)).toBe(true);
      expect(tab.isColumnHiddenByUser(oldCol('Version'))).toBe(false);
      expect(tab.getFilter()?.getRange().getA1Notation()).toBe(`A1:AA${ROWS + 1}`);
      expect(tab.getRange(2, COL.timeToDecision).getNumberFormat()).toBe('[h]:mm');
      expect(tab.getRange(2, COL.assumed).getNumberFormat()).toBe('yyyy-mm-dd hh:mm');
      expect(tab.getRange(2, COL.sessions).getNumberFormat()).toBe('0');
    });

    it('fills the new cells with the resync and the usage ops after it, one row per request', () => {
      const live = requests.filter((_, i) => i !== 1);
      sheet.rt.counters.reset();
      for (let i = 0; i < live.length; i += 500) {
        expect(sheet.post(makeBatch(live.slice(i, i + 500).map(upsert)))).toMatchObject({ ok: true, stale: 0 });
      }
      // A Version cell from before §15 carries no cover of the cells: the resync rewrites each row
      // once, and the next resync finds them all showing what their seals say.
      sheet.rt.counters.reset();
      for (let i = 0; i < live.length; i += 500) {
        expect(sheet.post(makeBatch(live.slice(i, i + 500).map(upsert)))).toMatchObject({ ok: true, stale: 0 });
      }
      expect(sheet.rt.counters.cellsWritten).toBe(0);
      const used = usageOp(requests[0]!.id, {
        ...{ assumed: '2025-11-23T13:00:00.000Z', firstUsed: '2025-11-23T13:01:00.000Z' },
        ...{ lastUsed: '2025-11-23T14:00:00.000Z', sessions: 2, kinds: ['ssh', 'kube'] },
      });
      expect(sheet.post(makeBatchV2([used, usageOp('not-a-row')]))).toMatchObject({ ok: true, applied: 1, stale: 1 });
      const tab = sheet.tab()!;
      const rows = tab.values().slice(1);
      const ids = rows.map((r) => r[COL.id - 1]).filter((id) => id !== '');
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).toHaveLength(ROWS + 2);
      const approvedRow = rows.find((r) => r[COL.id - 1] === requests[0]!.id)!;
      expect(approvedRow[COL.decidedBy - 1]).toBe('rev-0');
      expect(approvedRow[COL.timeToDecision - 1]).toBeCloseTo(0.5 / 24, 9);
      expect(USAGE_COLUMNS.map((c) => approvedRow[c - 1])).toEqual([
        ...[new Date(used.assumed!), new Date(used.firstUsed!), new Date(used.lastUsed!)],
        ...[2, 'ssh, kube'],
      ]);
      expect(tab.cell(2, 27).value).toBe('call back');
      expect(tab.getFilter()?.getRange().getA1Notation()).toBe(`A1:AA${ROWS + 1}`);
      const history = sheet.rt.spreadsheet.getSheetByName('History')!;
      // requested for all, a review and an approval for every third (the deleted one is not re-sent,
      // and from layout 2 its removal was recorded), plus assumed and used.
      const past = from === 'layout1' ? 2 + (ROWS - 1) + 2 * (ROWS / 3) : 2 + ROWS + 2 * (ROWS / 3) + 1;
      expect(history.getLastRow() - 1).toBe(past + 2);
    });
  });
}
