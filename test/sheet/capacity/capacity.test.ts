// Capacity measured: a realistic life of 10,000 requests through the real bundle — requests,
// reviews, decisions, expiries, Dashboard refreshes inside POSTs, a quarter's evidence export —
// and the grid cells per request it leaves, counted as Google counts them.
import { describe, expect, it } from 'vitest';
import { GRID_LIMIT_CELLS } from '../../gas/cost-model.js';
import { HISTORY_SHEET_NAME } from '../../../appsscript/src/ledger/layout.js';
import { bundleForThisFile } from '../file-bundle.js';
import { Sheet } from '../harness.js';
import { REALISTIC_LIFE, liveALife } from './life.js';

const bundle = bundleForThisFile();

// Issue 18's goal: at most 66 cells per request, so that one spreadsheet holds at least 150,000
// requests (tabs as wide as their columns, grids grown by a twentieth, evidence in its own spreadsheet).
// The bundle before it left 271.
const CELLS_PER_REQUEST_BOUND = 66;

describe('capacity', () => {
  it('counts the grid cells a realistic life leaves per request', { timeout: 600_000 }, async () => {
    // The quarter's export reads the whole ledger: more than the default 30 s on a busy machine.
    const sheet = await Sheet.open(bundle.dir, { runtime: { executionTimeoutMs: 300_000 } });
    const life = liveALife(sheet, REALISTIC_LIFE);
    const ss = sheet.rt.spreadsheet;
    expect(sheet.tab()!.getLastRow()).toBe(REALISTIC_LIFE.requests + 1);
    // Each export is recorded by a sealed `exported` event.
    expect(ss.getSheetByName(HISTORY_SHEET_NAME)!.getLastRow()).toBe(life.events + life.exports.length + 1);
    expect(life.exports).toEqual(['2026-Q1']);
    // The quarter's evidence lives in a spreadsheet of its own, listed on the small Exports tab.
    expect(ss.getSheetByName('Evidence 2026-Q1')).toBeNull();
    expect(sheet.rt.drive.list().map((s) => s.getSheetByName('Evidence 2026-Q1') !== null)).toEqual([true]);
    expect(ss.getSheetByName('Exports')!.getLastRow()).toBe(2);
    expect(life.gridCells).toBe(life.tabs.reduce((sum, t) => sum + t.rows * t.columns, 0));
    expect(life.filledCells).toBeLessThan(life.gridCells);
    expect(life.cellsPerRequest).toBeLessThanOrEqual(CELLS_PER_REQUEST_BOUND);
    expect(life.requestsPerSpreadsheet).toBeGreaterThanOrEqual(150_000);
    expect(life.requestsPerSpreadsheet).toBeGreaterThanOrEqual(Math.floor(GRID_LIMIT_CELLS / CELLS_PER_REQUEST_BOUND));
  });
});
