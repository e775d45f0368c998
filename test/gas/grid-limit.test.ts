// The 10,000,000-cell grid as Google counts it: every tab's rows × columns, empty cells included;
// growth past the limit refused whole with Google's message; deletions give room back, clearing does not.
import { afterAll, describe, expect, it } from 'vitest';
import { loadBundle, removeBundles } from './bundle-fixture.js';
import { GRID_LIMIT_CELLS } from './cost-model.js';
import type { GasRuntime, GasRuntimeOptions } from './runtime.js';

afterAll(removeBundles);

const TRY = `function tryIt(code) {
  var ss = SpreadsheetApp.getActiveSpreadsheet(); var sh = ss.getSheets()[0];
  try { return String(new Function('ss', 'sh', code)(ss, sh)); } catch (e) { return String(e); }
}`;

const refusal = (limit: number) =>
  `Exception: This action would increase the number of cells in the workbook above the limit of ${limit} cells.`;

async function workbook(options: GasRuntimeOptions = {}): Promise<{ rt: GasRuntime; run: (code: string) => string }> {
  const rt = await loadBundle(TRY, options);
  return { rt, run: (code) => rt.invoke('tryIt', 'menu', code) as string };
}

describe('the grid limit', () => {
  it('counts every tab, empty cells included: a new tab is 1,000 × 26', async () => {
    const { rt, run } = await workbook();
    expect(rt.spreadsheet.gridCells()).toBe(1000 * 26);
    expect(run(`var t = ss.insertSheet('Two'); return [t.getMaxRows(), t.getMaxColumns()];`)).toBe('1000,26');
    expect(rt.spreadsheet.gridCells()).toBe(2 * 1000 * 26);
    run(`sh.insertRowsAfter(1000, 500); sh.insertColumnsAfter(26, 4);`);
    expect(rt.spreadsheet.gridCells()).toBe(1500 * 30 + 1000 * 26);
  });

  it("refuses growth past Google's 10,000,000 cells with Google's message, and changes nothing", async () => {
    const { rt, run } = await workbook();
    const rowsToLimit = Math.floor(GRID_LIMIT_CELLS / 26) - 1000;
    expect(run(`sh.insertRowsAfter(1000, ${rowsToLimit}); return sh.getMaxRows();`)).toBe(String(1000 + rowsToLimit));
    const before = rt.spreadsheet.gridCells();
    expect(GRID_LIMIT_CELLS - before).toBeLessThan(26);
    expect(run(`sh.insertRowsAfter(1, 1)`)).toBe(refusal(10_000_000));
    expect(run(`sh.insertColumnsAfter(1, 1)`)).toBe(refusal(10_000_000));
    expect(run(`ss.insertSheet('More')`)).toBe(refusal(10_000_000));
    expect(rt.spreadsheet.gridCells()).toBe(before);
    expect(rt.spreadsheet.getSheetByName('More')).toBeNull();
  });

  it('refuses each way of growing, the whole growth at once', async () => {
    const { rt, run } = await workbook({ cellLimit: 60_000 });
    expect(run(`ss.insertSheet('Two'); return ss.getNumSheets();`)).toBe('2');
    expect(run(`ss.insertSheet('Three')`)).toBe(refusal(60_000));
    expect(run(`sh.insertRowsBefore(1, 400)`)).toBe(refusal(60_000));
    expect(run(`sh.insertRows(1, 400)`)).toBe(refusal(60_000));
    expect(run(`sh.insertRowAfter(1); return sh.getMaxRows();`)).toBe('1001');
    expect(run(`sh.insertColumnsBefore(1, 10)`)).toBe(refusal(60_000));
    expect(run(`sh.insertColumns(1, 10)`)).toBe(refusal(60_000));
    expect(rt.spreadsheet.gridCells()).toBe(1001 * 26 + 1000 * 26);
  });

  it('appendRow fills the grid first and then needs room for a whole row; setValues never grows it', async () => {
    const { rt, run } = await workbook({ cellLimit: 26_000 });
    expect(run(`sh.getRange(999, 1).setValue('x'); sh.appendRow(['within']); return sh.getLastRow();`)).toBe('1000');
    expect(run(`sh.appendRow(['past'])`)).toBe(refusal(26_000));
    expect(run(`sh.getRange(1001, 1, 1, 1).setValues([['x']])`)).toBe(
      'Exception: The coordinates of the range are outside the dimensions of the sheet.',
    );
    expect([rt.spreadsheet.gridCells(), rt.spreadsheet.getSheets()[0]!.getLastRow()]).toEqual([26_000, 1000]);
  });

  it('deleting rows, columns and tabs gives room back; clearing does not', async () => {
    const { rt, run } = await workbook({ cellLimit: 52_000 });
    run(`ss.insertSheet('Two'); sh.getRange(1, 1, 2, 2).setValues([[1, 2], [3, 4]]);`);
    expect(run(`sh.clear(); sh.getRange('A1:Z1000').clearContent(); ss.insertSheet('Three')`)).toBe(refusal(52_000));
    expect(
      run(`sh.deleteRows(501, 500); sh.deleteColumns(14, 13); return [sh.getMaxRows(), sh.getMaxColumns()];`),
    ).toBe('500,13');
    expect(rt.spreadsheet.gridCells()).toBe(500 * 13 + 26_000);
    expect(run(`ss.insertSheet('Three'); return ss.getNumSheets();`)).toBe(refusal(52_000));
    expect(run(`ss.deleteSheet(ss.getSheetByName('Two')); ss.insertSheet('Three'); return ss.getNumSheets();`)).toBe(
      '2',
    );
  });

  it('deleteColumns moves the cells, widths and rules right of the deleted columns left', async () => {
    const { rt, run } = await workbook();
    run(`sh.getRange(1, 1, 1, 5).setValues([['a', 'b', 'c', 'd', 'e']]); sh.setColumnWidth(5, 250);
      sh.hideColumns(4);
      sh.setConditionalFormatRules([SpreadsheetApp.newConditionalFormatRule().whenTextEqualTo('e')
        .setBackground('#ff0000').setRanges([sh.getRange('E1:E9')]).build()]);
      sh.deleteColumns(2, 2);`);
    const sheet = rt.spreadsheet.getSheets()[0]!;
    expect(sheet.values()[0]).toEqual(['a', 'd', 'e']);
    expect([sheet.getColumnWidth(3), sheet.isColumnHiddenByUser(2), sheet.getMaxColumns()]).toEqual([250, true, 24]);
    expect(run(`return sh.getConditionalFormatRules()[0].getRanges()[0].getA1Notation();`)).toBe('C1:C9');
    expect(run(`sh.deleteColumn(30)`)).toBe('Exception: Those columns are out of bounds.');
  });
});

describe('SpreadsheetApp.create', () => {
  const MAKE = `function make(name, rows, cols) {
    var ss = rows ? SpreadsheetApp.create(name, rows, cols) : SpreadsheetApp.create(name);
    var sh = ss.getSheets()[0];
    sh.getRange(1, 1).setValue('kept');
    return [ss.getId(), ss.getUrl(), ss.getName(), sh.getMaxRows(), sh.getMaxColumns()];
  }
  function reopen(id) {
    try { var ss = SpreadsheetApp.openById(id); return [ss.getName(), ss.getSheets()[0].getRange(1, 1).getValue()]; }
    catch (e) { return String(e); }
  }
  function grow(id, rows) {
    try { SpreadsheetApp.openById(id).getSheets()[0].insertRowsAfter(1, rows); return 'grown'; }
    catch (e) { return String(e); }
  }`;

  it('makes a spreadsheet in the running user’s Drive that a later execution reopens by id', async () => {
    const rt = await loadBundle(MAKE);
    const [id, url, name, rows, cols] = rt.invoke('make', 'menu', 'Archive 2026', 100, 5) as unknown[];
    expect([url, name, rows, cols]).toEqual([
      `https://docs.google.com/spreadsheets/d/${String(id)}/edit`,
      'Archive 2026',
      100,
      5,
    ]);
    expect(rt.invoke('reopen', 'webapp', id)).toEqual(['Archive 2026', 'kept']);
    expect(rt.drive.byId(String(id))?.getOwner()?.getEmail()).toBe('owner@example.com');
    const plain = rt.invoke('make', 'menu', 'Plain') as unknown[];
    expect(plain.slice(3)).toEqual([1000, 26]);
    expect(rt.drive.list().map((s) => s.getName())).toEqual(['Archive 2026', 'Plain']);
    expect(rt.invokeAs('editor@example.com', 'reopen', 'menu', id)).toBe(
      'Exception: You do not have permission to access the requested document.',
    );
    expect(rt.invoke('reopen', 'menu', 'no-such-id')).toBe(
      'Exception: Unexpected error while getting the method or property openById on object SpreadsheetApp.',
    );
  });

  it('gives each spreadsheet its own grid budget', async () => {
    const rt = await loadBundle(MAKE);
    const [id] = rt.invoke('make', 'menu', 'Evidence', 10, 10) as [string];
    const made = rt.drive.byId(id)!;
    made.cellLimit = 1000;
    expect(rt.invoke('grow', 'menu', id, 91)).toBe(refusal(1000));
    expect(rt.invoke('grow', 'menu', id, 90)).toBe('grown');
    expect([made.gridCells(), rt.spreadsheet.gridCells()]).toEqual([1000, 26_000]);
  });
});
