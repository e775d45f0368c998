// What a Dashboard refresh costs, through the real bundle: a constant number of spreadsheet calls
// whatever the size of the two tabs (at most 13 for the refresh itself), pinned here on sheets of
// two sizes; the bench (npm run bench) measures the 50,000-row / 200,000-event sheet and the time
// the computation takes, which nothing asserts.
import { describe, expect, it } from 'vitest';
import { HISTORY_WIDTH } from '../../../appsscript/src/ledger/history-seal.js';
import { COLUMN_COUNT } from '../../../appsscript/src/rows/columns.js';
import { Sheet } from '../harness.js';
import { bundleForThisFile } from '../file-bundle.js';
import { bigLedger } from './big-ledger.js';
import { NOW } from './ledger.js';
import { seedLedger } from './seed-ledger.js';
import { seedRowKey } from '../seed.js';

const bundle = bundleForThisFile();

/** Opening the spreadsheet the person has open, whether they own it, the flush before the lock goes, the toast. */
const AROUND = [
  ...['SpreadsheetApp.getActiveSpreadsheet', 'Spreadsheet.getId', 'Spreadsheet.getOwner', 'SpreadsheetApp.flush'],
  ...['SpreadsheetApp.getUi', 'Spreadsheet.toast'],
];

describe('a refresh', () => {
  it.each([
    [500, 2_000],
    [5_000, 20_000],
  ])('of a %i-row sheet with %i History events costs the same calls', { timeout: 60_000 }, async (n, m) => {
    const sheet = await Sheet.open(bundle.dir);
    sheet.nowMs = NOW.getTime();
    sheet.rt.spreadsheet.setSpreadsheetTimeZone('America/New_York');
    const { rows, history } = bigLedger(NOW, n, m);
    seedLedger(sheet.rt.spreadsheet, rows, history, seedRowKey(sheet));
    const urls = { prod: 'https://prod.example.com', lab: 'https://lab.example.com' };
    sheet.rt.properties.setProperty('teleport.webUrls', JSON.stringify(urls));
    sheet.menu('refreshDashboard');
    expect(sheet.rt.spreadsheet.getSheetByName('Dashboard')!.charts()).toHaveLength(2);

    sheet.advance(60_000);
    sheet.rt.counters.reset();
    sheet.menu('refreshDashboard');
    const calls = sheet.rt.counters.byMethod;
    const refresh = Object.entries(calls).filter(([method]) => !AROUND.includes(method));
    expect(Object.fromEntries(refresh)).toEqual({
      'Spreadsheet.getSpreadsheetTimeZone': 1,
      'Spreadsheet.getRange': 2,
      'Range.getValues': 2,
      // The Dashboard tab, and the Exports tab (for the archived requests' line).
      'Spreadsheet.getSheetByName': 2,
      'Sheet.getMaxRows': 1,
      'Sheet.getRange': 2,
      'Range.setValues': 1,
      'Sheet.getCharts': 1,
      'Range.setRichTextValues': 1,
    });
    // Without a link in Waiting longest, the last two (a range and its rich text) are not made.
    expect(refresh.reduce((sum, [, c]) => sum + c, 0)).toBe(13);
    // Each tab read once, to the end of its grid (a new tab has 1000 rows), Version and Seal included.
    const grid = (count: number) => Math.max(count + 1, 1000);
    expect(sheet.rt.counters.cellsRead).toBe(grid(n) * COLUMN_COUNT + grid(m) * HISTORY_WIDTH);
    const figures = sheet.rt.spreadsheet.getSheetByName('Dashboard')!.getRange('B6:B10').getValues().flat();
    expect(figures[0]).toBe(rows.filter((r) => r.status === 'PENDING').length);
  });
});
