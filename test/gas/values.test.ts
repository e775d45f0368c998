import { afterAll, describe, expect, it } from 'vitest';
import { loadBundle, removeBundles } from './bundle-fixture.js';
import { parseTyped } from './values.js';

afterAll(removeBundles);

const UTC = 'Etc/UTC';

describe('strings written to a cell are parsed as if typed', () => {
  it.each([
    ['=1+1', 'formula'],
    ['=HYPERLINK("http://x","y")', 'formula'],
    ['+cmd', 'formula'],
    ['-1+1', 'formula'],
    ['@SUM(A1)', 'formula'],
    ['- item', 'formula'],
    ['+', 'text'],
    ['-', 'text'],
    ['@', 'text'],
    ['00123', 'number'],
    ['1e3', 'number'],
    ['12%', 'number'],
    ['-4.5', 'number'],
    ['+5', 'number'],
    ['1,234', 'number'],
    ['TRUE', 'boolean'],
    ['false', 'boolean'],
    ['True', 'boolean'],
    ['2024-01-01', 'date'],
    ['2024-01-01 10:00', 'date'],
    ['1/2/2024', 'date'],
    ['Jan 2, 2024', 'date'],
    ['10:30', 'date'],
    ['2024-01-01T10:00:00Z', 'text'],
    ['2024-13-01', 'text'],
    ['hello', 'text'],
    ['12 apples', 'text'],
    ['', 'empty'],
    ["'=1+1", 'text'],
    ["'00123", 'text'],
    ["'+cmd", 'text'],
  ])('%j → %s', (input, kind) => {
    expect(parseTyped(input, UTC).content.kind).toBe(kind);
  });

  it('gives the values Sheets would', () => {
    expect(parseTyped('00123', UTC).content.value).toBe(123);
    expect(parseTyped('1e3', UTC).content.value).toBe(1000);
    expect(parseTyped('12%', UTC).content.value).toBeCloseTo(0.12);
    expect(parseTyped('-4.5', UTC).content.value).toBe(-4.5);
    expect(parseTyped('1/2/2024', UTC).content.value).toBe(Date.UTC(2024, 0, 2));
    expect(parseTyped('2024-01-01 10:00', 'America/New_York').content.value).toBe(Date.UTC(2024, 0, 1, 15));
    expect(parseTyped("'=1+1", UTC).content.value).toBe('=1+1');
    expect(parseTyped('+cmd', UTC).content.formula).toBe('=+cmd');
  });

  it('refuses more than 50,000 characters in a cell', () => {
    expect(() => parseTyped('x'.repeat(50_001), UTC)).toThrow(
      'Your input contains more than the maximum of 50000 characters in a single cell.',
    );
    expect(parseTyped('x'.repeat(50_000), UTC).content.kind).toBe('text');
  });
});

describe('what scripts read back', () => {
  it('returns "" for empty and formula cells, script-realm Dates, and drops the apostrophe', async () => {
    const rt = await loadBundle(`function run() {
      var r = SpreadsheetApp.getActiveSheet().getRange('A1:F1');
      r.setValues([["'=cmd", '=A2', '2024-01-01', null, 7, new Date(Date.UTC(2020, 0, 1))]]);
      var v = r.getValues()[0];
      var isDate = v[2] instanceof Date && v[5] instanceof Date;
      return { v: v.map(String), isDate: isDate, formulas: r.getFormulas()[0], empty: v[3] };
    }`);
    const out = rt.invoke('run', 'menu') as { v: string[]; isDate: boolean; formulas: string[]; empty: unknown };
    expect(out.isDate).toBe(true);
    expect(out.v[0]).toBe('=cmd');
    expect(out.v[1]).toBe('');
    expect(out.empty).toBe('');
    expect(out.formulas).toEqual(['', '=A2', '', '', '', '']);
    const sheet = rt.spreadsheet.getSheetByName('Sheet1')!;
    expect(sheet.cell(1, 1)).toMatchObject({ kind: 'text', value: '=cmd' });
    expect(sheet.cell(1, 2)).toMatchObject({ kind: 'formula', formula: '=A2' });
    expect(sheet.cell(1, 6)).toMatchObject({ kind: 'date', value: new Date(Date.UTC(2020, 0, 1)) });
  });

  it('keeps strings as text in cells formatted as plain text (@)', async () => {
    const rt = await loadBundle(`function run() {
      var r = SpreadsheetApp.getActiveSheet().getRange('A1:B1');
      r.setNumberFormat('@').setValues([['00123', '=1+1']]);
      return r.getValues()[0];
    }`);
    expect(rt.invoke('run', 'menu')).toEqual(['00123', '=1+1']);
  });

  it('shows display values under the number format', async () => {
    const rt = await loadBundle(`function run() {
      var r = SpreadsheetApp.getActiveSheet().getRange('A1:D1');
      r.setValues([['12%', 1234.5, '2024-03-04 05:06', true]]);
      r.setNumberFormats([['0%', '#,##0.00', 'yyyy-mm-dd hh:mm', 'General']]);
      return r.getDisplayValues()[0];
    }`);
    expect(rt.invoke('run', 'menu')).toEqual(['12%', '1,234.50', '2024-03-04 05:06', 'TRUE']);
  });
});
