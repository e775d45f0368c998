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

// The bound is what today's bundle achieves (every tab 26 columns wide, grids grown in 2,000- and
// 5,000-row steps, the quarter's evidence copied into a tab of the live sheet). Issue 18's goal is
// at most 66 cells per request, so that one spreadsheet holds at least 150,000 requests.
const CELLS_PER_REQUEST_BOUND = 271;

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
    expect(ss.getSheetByName('Evidence 2026-Q1')).not.toBeNull();
    expect(life.gridCells).toBe(life.tabs.reduce((sum, t) => sum + t.rows * t.columns, 0));
    expect(life.filledCells).toBeLessThan(life.gridCells);
    expect(life.cellsPerRequest).toBeLessThanOrEqual(CELLS_PER_REQUEST_BOUND);
    expect(life.requestsPerSpreadsheet).toBeGreaterThanOrEqual(Math.floor(GRID_LIMIT_CELLS / CELLS_PER_REQUEST_BOUND));
  });
});
