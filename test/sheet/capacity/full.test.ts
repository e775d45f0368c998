// Never silently full (contract §12), through the real bundle on a spreadsheet whose grid really
// stands near Google's 10,000,000 cells (a tab of someone's takes the rest): a batch that needs room
// the sheet does not have is answered `full` before Google's own refusal and applies nothing; a
// heartbeat still gets `ok` with the count; once Archive… gives room back, the same batch applies,
// every request is right and History has every event once.
import { describe, expect, it } from 'vitest';
import { GRID_CELL_LIMIT } from '../../../proto/contract.js';
import { COL, HISTORY_COL } from '../../../appsscript/src/ledger/layout.js';
import { archiveLedger, archiveQ1, liveLedger } from '../archive/archive-life.js';
import { bundleForThisFile } from '../file-bundle.js';
import { CLUSTER, makeBatch, makeRequest, upsert } from '../fixtures.js';
import { Sheet } from '../harness.js';

const bundle = bundleForThisFile();

/** Someone's own tab, sized so that fewer than `room` cells are left under the limit. */
function fillTo(sheet: Sheet, room: number): void {
  const ss = sheet.rt.spreadsheet;
  const filler = ss.getSheetByName('Filler') ?? ss.insertSheet('Filler');
  const rows = Math.floor((GRID_CELL_LIMIT - room - (ss.gridCells() - filler.getMaxRows() * 26)) / 26);
  if (rows > filler.getMaxRows()) filler.insertRowsAfter(filler.getMaxRows(), rows - filler.getMaxRows());
  else filler.deleteRows(rows + 1, filler.getMaxRows() - rows);
}

describe('a sheet one batch from full', () => {
  it('answers full and applies nothing, then applies the same batch once Archive… gave room back', async () => {
    const sheet = await Sheet.open(bundle.dir);
    const ledger = archiveLedger();
    liveLedger(sheet, ledger);
    // Room for less than the rows a 500-request batch needs (each row of the main tab is 21 cells).
    fillTo(sheet, 5_000);
    const ss = sheet.rt.spreadsheet;
    const before = {
      main: ss.getSheetByName('Access Requests')!.values(),
      history: ss.getSheetByName('History')!.values(),
    };
    const fresh = Array.from({ length: 500 }, (_, i) =>
      makeRequest({ user: `new-${i}`, created: '2026-04-30T10:00:00.000Z' }),
    );
    sheet.advance(60_000);
    sheet.rt.counters.reset();
    const reply = sheet.post(makeBatch(fresh.map(upsert)));
    expect(reply).toEqual({
      ok: false,
      error: 'full',
      message: expect.stringMatching(/cell limit; nothing was applied/),
    });
    // Answered before Google refused anything: the script never tried to grow a grid.
    expect(sheet.rt.counters.byMethod['Sheet.insertRowsAfter']).toBeUndefined();
    expect(ss.getSheetByName('Access Requests')!.values()).toEqual(before.main);
    expect(ss.getSheetByName('History')!.values()).toEqual(before.history);
    expect(ss.gridCells()).toBeLessThanOrEqual(GRID_CELL_LIMIT);

    sheet.advance(60_000);
    const beat = sheet.post(makeBatch([{ op: 'heartbeat', at: new Date(sheet.nowMs).toISOString() }]));
    expect(beat).toMatchObject({ ok: true, cells: ss.gridCells() });

    archiveQ1(sheet);
    expect(sheet.rt.ui.alerts.at(-1)?.prompt).toMatch(/^Archived 24 requests/);
    fillTo(sheet, 40_000);
    sheet.advance(60_000);
    expect(sheet.post(makeBatch(fresh.map(upsert)))).toMatchObject({ ok: true, applied: 500, stale: 0 });
    // Redelivered, as a relay that never read the reply would: nothing more.
    sheet.advance(60_000);
    expect(sheet.post(makeBatch(fresh.map(upsert)))).toMatchObject({ ok: true, applied: 500 });

    const rows = ss
      .getSheetByName('Access Requests')!
      .values()
      .slice(1)
      .filter((r) => r[0] !== '');
    const ids = rows.map((r) => r[COL.id - 1]);
    expect(new Set(ids).size).toBe(ids.length);
    const expected = [...ledger.kept, ...ledger.later, ...fresh].map((r) => r.id).sort();
    expect([...ids].sort()).toEqual(expected);
    for (const r of fresh) expect(rows.find((row) => row[COL.id - 1] === r.id)![COL.status - 1]).toBe('PENDING');
    const history = ss
      .getSheetByName('History')!
      .values()
      .slice(1)
      .filter((r) => r[0] !== '');
    const keys = history.map((r) => r[HISTORY_COL.key - 1]);
    expect(new Set(keys).size).toBe(keys.length);
    for (const r of fresh) expect(keys).toContain(`${CLUSTER}/${r.id}/requested`);
  });
});
