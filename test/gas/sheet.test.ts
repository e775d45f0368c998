import { afterAll, describe, expect, it } from 'vitest';
import { loadBundle, removeBundles } from './bundle-fixture.js';
import type { GasRuntime } from './runtime.js';

afterAll(removeBundles);

async function run(body: string, rt?: GasRuntime): Promise<{ rt: GasRuntime; out: unknown }> {
  const runtime =
    rt ??
    (await loadBundle(
      `function run() { var ss = SpreadsheetApp.getActiveSpreadsheet(); var sh = ss.getSheets()[0]; ${body} }`,
    ));
  return { rt: runtime, out: runtime.invoke('run', 'menu') };
}

function thrown(rt: GasRuntime, code: string): string {
  const probe = rt.invoke('tryIt', 'menu', code) as string;
  return probe;
}

describe('the grid', () => {
  it('is 1000 × 26 when new and grows and shrinks with row operations', async () => {
    const { out } = await run(`var sizes = [sh.getMaxRows(), sh.getMaxColumns(), sh.getLastRow()];
      sh.insertRowsAfter(1000, 5); sizes.push(sh.getMaxRows());
      sh.insertRowsBefore(1, 2); sizes.push(sh.getMaxRows());
      sh.deleteRows(1, 7); sizes.push(sh.getMaxRows());
      sh.getRange(1000, 1).setValue('last'); sh.appendRow(['x', 'y']); sizes.push(sh.getMaxRows(), sh.getLastRow());
      return sizes;`);
    expect(out).toEqual([1000, 26, 0, 1005, 1007, 1000, 1001, 1001]);
  });

  it("throws Google's messages", async () => {
    const rt = await loadBundle(`function tryIt(code) { var sh = SpreadsheetApp.getActiveSheet();
      try { new Function('sh', code)(sh); return 'no error'; }
      catch (e) { return (e instanceof Error) + ' ' + e.message; } }`);
    expect(thrown(rt, `sh.getRange(1, 1, 2, 2).setValues([[1, 2]])`)).toBe(
      'true The number of rows in the data does not match the number of rows in the range. ' +
        'The data has 1 but the range has 2.',
    );
    expect(thrown(rt, `sh.getRange(1, 1, 1, 2).setValues([[1, 2, 3]])`)).toBe(
      'true The number of columns in the data does not match the number of columns in the range. ' +
        'The data has 3 but the range has 2.',
    );
    expect(thrown(rt, `sh.getRange(1001, 1)`)).toBe(
      'true The coordinates of the range are outside the dimensions of the sheet.',
    );
    expect(thrown(rt, `sh.getRange('A999:A1001')`)).toBe(
      'true The coordinates of the range are outside the dimensions of the sheet.',
    );
    expect(thrown(rt, `sh.getRange(1, 27)`)).toBe(
      'true The coordinates of the range are outside the dimensions of the sheet.',
    );
    expect(thrown(rt, `sh.getRange(1, 1).setValue('x'.repeat(50001))`)).toBe(
      'true Your input contains more than the maximum of 50000 characters in a single cell.',
    );
    expect(thrown(rt, `sh.getRange(1, 1).frobnicate()`)).toMatch(/^true .*frobnicate is not a function/);
  });

  it('writes nothing when any value of a setValues is refused', async () => {
    const { rt } = await run(`try { sh.getRange('A1:B1').setValues([['ok', 'x'.repeat(50001)]]); } catch (e) {}`);
    expect(rt.spreadsheet.getSheetByName('Sheet1')!.cell(1, 1).kind).toBe('empty');
  });

  it('reads A1 notation, open-ended ranges and sheet-qualified ranges', async () => {
    const { out } = await run(`ss.insertSheet('My tab');
      return [sh.getRange('P2:P').getA1Notation(), sh.getRange('A:C').getNumRows(), sh.getRange('2:3').getNumColumns(),
        ss.getRange("'My tab'!B2:C3").getSheet().getName(), ss.getRange("'My tab'!B2:C3").getA1Notation(),
        sh.getRange(2, 3, 4, 5).getA1Notation()];`);
    expect(out).toEqual(['P2:P1000', 1000, 26, 'My tab', 'B2:C3', 'C2:G5']);
  });

  it('counts only content for getLastRow, not formatting', async () => {
    const { out } = await run(`sh.getRange('A10').setBackground('#ff0000'); var before = sh.getLastRow();
      sh.getRange('B4').setValue('x');
      return [before, sh.getLastRow(), sh.getLastColumn(), sh.getDataRange().getA1Notation()];`);
    expect(out).toEqual([0, 4, 2, 'A1:B4']);
  });

  it('has setFrozenRows return nothing', async () => {
    const { out } = await run(`return [typeof sh.setFrozenRows(1), sh.getFrozenRows()];`);
    expect(out).toEqual(['undefined', 1]);
  });
});

describe('rich text', () => {
  it('keeps a link until the cell is overwritten by setValue(s)', async () => {
    const { rt, out } = await run(`var link = SpreadsheetApp.newRichTextValue().setText('View')
        .setLinkUrl('https://t.example/r/1').build();
      sh.getRange('A1:A2').setRichTextValues([[link], [link]]);
      var before = sh.getRange('A1').getRichTextValue().getLinkUrl();
      sh.getRange('A1').setValue('View'); sh.getRange('A2').setValues([['=1']]);
      return [before, sh.getRange('A1').getRichTextValue().getLinkUrl(), sh.getRange('A2').getRichTextValue()];`);
    expect(out).toEqual(['https://t.example/r/1', null, null]);
    expect(rt.spreadsheet.getSheetByName('Sheet1')!.cell(1, 1)).toEqual({ kind: 'text', value: 'View' });
  });

  it('writes rich text unparsed', async () => {
    const { rt } = await run(
      `sh.getRange('A1').setRichTextValue(SpreadsheetApp.newRichTextValue().setText('=cmd').build());`,
    );
    expect(rt.spreadsheet.getSheetByName('Sheet1')!.cell(1, 1)).toEqual({ kind: 'text', value: '=cmd' });
  });
});

describe('conditional format rules and protections', () => {
  it('replaces all rules on set and reads them back', async () => {
    const { out } = await run(`var r = sh.getRange('C2:C');
      var a = SpreadsheetApp.newConditionalFormatRule().whenTextEqualTo('APPROVED').setBackground('#b7e1cd')
        .setRanges([r]).build();
      var b = SpreadsheetApp.newConditionalFormatRule().whenFormulaSatisfied('=$C2="DENIED"').setFontColor('#cc0000')
        .setRanges([r]).build();
      sh.setConditionalFormatRules([a, b]); sh.setConditionalFormatRules([b]);
      var rules = sh.getConditionalFormatRules(); var c = rules[0].getBooleanCondition();
      return [rules.length, c.getCriteriaType(), c.getCriteriaValues(), c.getFontColor(),
        rules[0].getRanges()[0].getA1Notation()];`);
    expect(out).toEqual([1, 'CUSTOM_FORMULA', ['=$C2="DENIED"'], '#cc0000', 'C2:C1000']);
  });

  it('moves rules and range protections with the rows they cover', async () => {
    const { out } = await run(`var r = sh.getRange('E2:E');
      sh.setConditionalFormatRules([SpreadsheetApp.newConditionalFormatRule().whenTextEqualTo('X').setBackground('#fff')
        .setRanges([r]).build()]);
      var p = sh.getRange('A3:B4').protect();
      sh.insertRowsAfter(2, 5);
      var grown = [sh.getConditionalFormatRules()[0].getRanges()[0].getA1Notation(), p.getRange().getA1Notation()];
      sh.appendRow(['new']); sh.deleteRows(8, 2);
      return grown.concat([sh.getConditionalFormatRules()[0].getRanges()[0].getA1Notation(),
        sh.getProtections(SpreadsheetApp.ProtectionType.RANGE).length]);`);
    expect(out).toEqual(['E2:E1005', 'A8:B9', 'E2:E1003', 0]);
  });

  it('makes a new protection per range.protect() and one per sheet', async () => {
    const { out } = await run(`var r = sh.getRange('A1');
      var p1 = r.protect(), p2 = r.protect(); var s1 = sh.protect().setWarningOnly(true), s2 = sh.protect();
      return [p1 === p2, s1 === s2, s2.isWarningOnly(), sh.getProtections(SpreadsheetApp.ProtectionType.RANGE).length,
        sh.getProtections(SpreadsheetApp.ProtectionType.SHEET).length];`);
    expect(out).toEqual([false, true, true, 2, 1]);
  });
});

describe('inserting columns', () => {
  it('moves cells, widths, hidden columns, rules, protections and the filter right of the insert', async () => {
    const { out } = await run(`sh.getRange('A1:E1').setValues([['a', 'b', 'c', 'd', 'e']]);
      sh.getRange('D2').setNumberFormat('[h]:mm'); sh.setColumnWidth(4, 77); sh.hideColumns(5);
      sh.setConditionalFormatRules([SpreadsheetApp.newConditionalFormatRule().whenTextEqualTo('X').setBackground('#fff')
        .setRanges([sh.getRange('B2:B'), sh.getRange('D2:D')]).build()]);
      var p = sh.getRange('C1:D3').protect(); sh.protect(); sh.getRange('A1:E10').createFilter();
      sh.insertColumnsAfter(2, 3);
      var f = sh.getFilter(); var second = '';
      try { sh.getRange('A1').createFilter(); } catch (e) { second = e.message; }
      return [sh.getRange('A1:H1').getValues()[0], sh.getRange('G2').getNumberFormat(), sh.getColumnWidth(7),
        sh.isColumnHiddenByUser(8), sh.isColumnHiddenByUser(5),
        sh.getConditionalFormatRules()[0].getRanges().map(function (r) { return r.getA1Notation(); }),
        p.getRange().getA1Notation(), sh.getMaxColumns(), f.getRange().getA1Notation(), second];`);
    expect(out).toEqual([
      ['a', 'b', '', '', '', 'c', 'd', 'e'],
      '[h]:mm',
      77,
      true,
      false,
      ['B2:B1000', 'G2:G1000'],
      'F1:G3',
      29,
      'A1:H10',
      "You can't create a filter in a sheet that already has a filter.",
    ]);
  });
});

describe('sorting', () => {
  it('moves whole rows with their links and formats, empty cells last', async () => {
    const { rt } = await run(`sh.getRange('A1:B3').setValues([['b', 2], ['', 3], ['a', 1]]);
      sh.getRange('B3').setBackground('#00ff00');
      var link = SpreadsheetApp.newRichTextValue().setText('b').setLinkUrl('https://b').build();
      sh.getRange('A1').setRichTextValue(link);
      sh.getRange('A1:B3').sort({ column: 1, ascending: true });`);
    const sheet = rt.spreadsheet.getSheetByName('Sheet1')!;
    expect(sheet.values()).toEqual([
      ['a', 1],
      ['b', 2],
      ['', 3],
    ]);
    expect(sheet.cell(1, 2).background).toBe('#00ff00');
    expect(sheet.cell(2, 1).link).toBe('https://b');
  });

  it('sorts a sheet below its frozen rows', async () => {
    const { rt } = await run(
      `sh.getRange('A1:A4').setValues([['head'], [3], [1], [2]]); sh.setFrozenRows(1); sh.sort(1, false);`,
    );
    expect(rt.spreadsheet.getSheetByName('Sheet1')!.values()).toEqual([['head'], [3], [2], [1]]);
  });
});

describe('TextFinder', () => {
  it('matches partially and case-insensitively unless told otherwise', async () => {
    const { rt, out } = await run(`sh.getRange('A1:A3').setValues([['abc-1'], ['ABC'], ['x']]);
      return [sh.createTextFinder('abc').findAll().length,
        sh.createTextFinder('abc').matchCase(true).matchEntireCell(true).findNext(),
        sh.getRange('A:A').createTextFinder('ABC').matchEntireCell(true).findNext().getRow()];`);
    expect(out).toEqual([2, null, 2]);
    expect(rt.counters.byMethod['TextFinder.findAll']).toBe(1);
  });
});

describe('snapshots', () => {
  it('are equal when nothing changed and differ after a format change', async () => {
    const { rt } = await run(`sh.getRange('A1:B2').setValues([[1, 'x'], ['2024-01-01', true]]);`);
    const before = rt.snapshot('Sheet1');
    expect(rt.snapshot('Sheet1')).toEqual(before);
    rt.spreadsheet.getSheetByName('Sheet1')!.getRange('A1').setFontWeight('bold');
    expect(rt.snapshot('Sheet1')).not.toEqual(before);
  });
});
