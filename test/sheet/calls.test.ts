// The cost model: spreadsheet service calls per batch stay constant whatever the batch size and
// the sizes of the main and History tabs. These assert counts (the runtime's counter), never timings.
// Since contract §15 the History write reads the range it is about to write (one row above it, the
// rows it fills) before writing it: one call, never a read of the History tab.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Request } from '../../proto/contract.js';
import { COL, HISTORY_COL } from '../../appsscript/src/ledger/layout.js';
import { rowsToGrow } from '../../appsscript/src/capacity/grid-size.js';
import { HISTORY_WIDTH } from '../../appsscript/src/ledger/history-seal.js';
import { makeBatch, makeBatchV2, makeRequest, upsert, usageOp } from './fixtures.js';
import { okReply } from './ok-reply.js';
import { Sheet } from './harness.js';
import { bundleForThisFile } from './file-bundle.js';
import { seedHistory, seedRows } from './seed.js';

const bundle = bundleForThisFile();

const ROWS = 50_000;
const HISTORY_ROWS = 200_000;
const approve = (r: Request): Request => ({
  ...r,
  state: 'APPROVED',
  reviews: [{ author: 'bob', state: 'APPROVED', reason: '', created: '2025-11-23T12:30:00Z' }],
});

describe('service calls per batch', () => {
  let sheet: Sheet;
  let seeded: Request[];

  beforeAll(async () => {
    sheet = await Sheet.open(bundle.dir);
    seeded = Array.from({ length: ROWS }, () => makeRequest());
    seedRows(sheet, seeded);
    seedHistory(sheet, HISTORY_ROWS);
    // The first batch after a cold cache asks the History tab where its end is, once.
    expect(sheet.post(makeBatch([upsert(approve(seeded[0]!))]))).toMatchObject({ ok: true, applied: 1 });
  });

  it('a 500-op batch (250 new, 250 decisions on newest rows) into 50,000 rows and 200,000 of History: 11 calls', () => {
    sheet.rt.counters.reset();
    const ops = [
      ...seeded.slice(-250).map((r) => upsert(approve(r))),
      ...Array.from({ length: 250 }, () => upsert(makeRequest())),
    ];
    expect(sheet.post(makeBatch(ops))).toEqual(okReply(500));
    expect(sheet.rt.counters.calls).toBe(11);
    // The Version column, then the History row above the cursor and the 750 rows the events fill.
    expect(sheet.rt.counters.cellsRead).toBe(rowsToGrow(0, ROWS + 1) + 751 * HISTORY_WIDTH);
    const tab = sheet.tab()!;
    expect(tab.cell(ROWS + 1, COL.status).value).toBe('APPROVED');
    expect(tab.cell(ROWS + 251, COL.id).kind).toBe('text');
    expect(tab.cell(ROWS + 252, COL.id).kind).toBe('empty');
    const history = sheet.rt.spreadsheet.getSheetByName('History')!;
    // 250 reviews and 250 approvals, then 250 requests, after the seeded rows and the warm-up's two.
    const last = HISTORY_ROWS + 3 + 750;
    expect(history.cell(last, HISTORY_COL.event).value).toBe('requested');
    expect(history.cell(last + 1, HISTORY_COL.event).kind).toBe('empty');
  });

  it('a 500-op batch whose updates leave untouched rows between them reads them: 16 calls', () => {
    sheet.rt.counters.reset();
    const scattered = seeded.filter((_, i) => i >= ROWS - 5000 && i < ROWS - 250 && i % 20 === 0);
    const ops = [
      ...scattered.map((r) => upsert(approve(r))),
      ...Array.from({ length: 500 - scattered.length }, () => upsert(makeRequest())),
    ];
    expect(sheet.post(makeBatch(ops))).toMatchObject({ ok: true, applied: 500 });
    // The decisions, 19 rows apart, are one block whose rows between are read and written back; the
    // new requests, over 300 rows below the last of them, are a block of its own (rows/row-runs.ts).
    expect(sheet.rt.counters.calls).toBe(16);
    expect(sheet.rt.counters.byMethod['Range.getValues']).toBe(3);
    expect(sheet.rt.counters.byMethod['Range.setRichTextValues']).toBe(2);
  });

  it('a decision on the oldest row and a new request: two blocks, never the rows between', () => {
    sheet.rt.counters.reset();
    expect(sheet.post(makeBatch([upsert(approve(seeded[1]!)), upsert(makeRequest())]))).toMatchObject({ applied: 2 });
    // The batch's 11, and a second block: its range, its values, its links' range and rich text.
    expect(sheet.rt.counters.calls).toBe(11 + 4);
    expect(sheet.rt.counters.cellsWritten).toBeLessThan(3 * COL.version + 10 * HISTORY_WIDTH);
    expect(sheet.tab()!.cell(3, COL.status).value).toBe('APPROVED');
  });

  it('a 500-op version 2 batch (200 decisions, their 200 usage ops, 100 new) into 50,000 rows: 11 calls', () => {
    const decided = Array.from({ length: 200 }, () => makeRequest());
    expect(sheet.post(makeBatch(decided.map(upsert)))).toMatchObject({ ok: true, applied: 200 });
    sheet.rt.counters.reset();
    const at = (m: number) => new Date(sheet.nowMs + m * 60_000).toISOString();
    const used = { assumed: at(1), firstUsed: at(2), lastUsed: at(9), sessions: 2, kinds: ['ssh' as const] };
    const ops = [
      ...decided.map((r) => upsert(approve(r))),
      ...decided.map((r) => usageOp(r.id, used)),
      ...Array.from({ length: 100 }, () => upsert(makeRequest())),
    ];
    expect(sheet.post(makeBatchV2(ops))).toMatchObject({ ok: true, applied: 500, stale: 0 });
    expect(sheet.rt.counters.calls).toBe(11);
    const ids = sheet.tab()!.getRange(1, COL.id, sheet.tab()!.getLastRow(), 1).getValues().flat();
    const row = ids.indexOf(decided[0]!.id) + 1;
    expect([sheet.tab()!.cell(row, COL.status).value, sheet.tab()!.cell(row, COL.sessions).value]).toEqual([
      ...['APPROVED', 2],
    ]);
  });

  it('a 500-op batch of usage ops alone reads and writes the usage columns on, never Link: 10 calls', () => {
    sheet.rt.counters.reset();
    const at = (m: number) => new Date(sheet.nowMs + m * 60_000).toISOString();
    const use = { firstUsed: at(20), lastUsed: at(30), sessions: 3, kinds: ['kube' as const] };
    const ops = seeded.slice(-500).map((r) => usageOp(r.id, use));
    expect(sheet.post(makeBatchV2(ops))).toMatchObject({ ok: true, applied: 500, stale: 0 });
    // Open, the Version column (2), the span's usage-to-Version columns read (1) and written (2), History (3), flush.
    expect(sheet.rt.counters.calls).toBe(10);
    expect(sheet.rt.counters.byMethod['Range.setRichTextValues']).toBeUndefined();
    // Besides the Version column and the span, the History row above the cursor and the 500 `used` rows it fills.
    const span = 500 * (COL.version - COL.assumed + 1);
    expect(sheet.rt.counters.cellsRead).toBe(rowsToGrow(0, ROWS + 1) + span + 501 * HISTORY_WIDTH);
    const tab = sheet.tab()!;
    expect(tab.cell(ROWS + 1, COL.usedFor).value).toBe('kube');
    expect(tab.cell(ROWS + 1, COL.link).link).toMatch(/^https:/);
    expect(tab.cell(ROWS + 1, COL.status).value).toBe('APPROVED');
  });

  it('a batch of one costs the same few calls, and a resync of unchanged requests only checks its rows', () => {
    sheet.rt.counters.reset();
    expect(sheet.post(makeBatch([upsert(makeRequest())]))).toMatchObject({ ok: true, applied: 1 });
    expect(sheet.rt.counters.calls).toBe(11);
    sheet.rt.counters.reset();
    const untouched = seeded.slice(1000, 1500);
    expect(sheet.post(makeBatch(untouched.map(upsert)))).toEqual(okReply(500));
    // The Version column, then the 500 rows, read once to check they still show what their seals say.
    expect(sheet.rt.counters.calls).toBe(6);
    expect(sheet.rt.counters.cellsWritten).toBe(0);
  });

  it('a batch of heartbeats only costs no spreadsheet call at all', () => {
    sheet.rt.counters.reset();
    const beat = { op: 'heartbeat' as const, at: new Date(sheet.nowMs).toISOString(), stats: { pending: 1 } };
    expect(sheet.post(makeBatch([beat]))).toEqual(okReply(1));
    expect(sheet.rt.counters.calls).toBe(0);
  });

  it('growing a grid adds its insert and a measurement of the grid first (contract §12)', () => {
    const tab = sheet.tab()!;
    let last = tab.getMaxRows();
    while (tab.cell(last, COL.id).kind === 'empty') last--;
    tab.deleteRows(last + 1, tab.getMaxRows() - last);
    sheet.rt.counters.reset();
    const fresh = () => makeBatch(Array.from({ length: 500 }, () => upsert(makeRequest())));
    expect(sheet.post(fresh())).toMatchObject({ ok: true, applied: 500 });
    // The batch's 11, the insert and the span's extra read, then the measurement: the tabs, and the
    // rows and columns of each of the three.
    expect(sheet.rt.counters.calls).toBe(13 + 1 + 2 * 3);
    expect(sheet.rt.counters.byMethod['Sheet.insertRowsAfter']).toBe(1);
    const history = sheet.rt.spreadsheet.getSheetByName('History')!;
    const end = history.getLastRow();
    history.deleteRows(end + 1, history.getMaxRows() - end);
    // The cache forgets where History's next row goes, as it may: the script asks the tab again.
    sheet.rt.cache.remove('teleport.historyCursor');
    sheet.rt.counters.reset();
    expect(sheet.post(fresh())).toMatchObject({ ok: true, applied: 500 });
    expect(history.getLastRow()).toBe(end + 500);
    expect(history.getMaxRows()).toBe(end + rowsToGrow(end, end + 500));
  });
});
