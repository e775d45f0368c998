// Modelled seconds: the model against the published measurements it comes from, what the runtime
// charges for known mixes of calls, and Apps Script's 6-minute limit enforced on modelled time.
import { afterAll, describe, expect, it } from 'vitest';
import { loadBundle, removeBundles } from './bundle-fixture.js';
import {
  COST,
  EXECUTION_LIMIT_SECONDS,
  GRID_LIMIT_CELLS,
  bySize,
  findSeconds,
  readSeconds,
  writeSeconds,
} from './cost-model.js';

afterAll(removeBundles);

/** Published points (cells moved in one call → seconds), read from the charts ±15 %. */
const READS: [number, number][] = [
  [2 * 10_000, 0.38],
  [10 * 10_000, 1.0],
  [2 * 100_000, 2.1],
  [10 * 100_000, 12],
];
const WRITES: [number, number][] = [
  [2 * 100_000, 13],
  [10 * 30_000, 17],
];

const near = (modelled: number, measured: number, share: number) => Math.abs(modelled - measured) <= share * measured;

describe('the cost model', () => {
  it('reproduces the published measurements within their reading error and the fit', () => {
    for (const [cells, seconds] of READS) expect(near(readSeconds(cells), seconds, 0.2), `read ${cells}`).toBe(true);
    for (const [cells, seconds] of WRITES)
      expect(near(writeSeconds(cells), seconds, 0.15), `write ${cells}`).toBe(true);
    expect(writeSeconds(1)).toBeGreaterThanOrEqual(0.1);
    expect(writeSeconds(15_000)).toBeLessThanOrEqual(0.25);
    expect(writeSeconds(15_001)).toBeGreaterThan(1.2);
    expect(near(findSeconds(GRID_LIMIT_CELLS), 15, 0.15)).toBe(true);
    expect(bySize(COST.metadata, GRID_LIMIT_CELLS)).toBeCloseTo(0.3);
    expect(bySize(COST.lastRow, 0)).toBeCloseTo(0.16);
  });
});

const MIX = `function mix() {
  var ss = SpreadsheetApp.getActiveSpreadsheet();
  var sh = ss.getSheets()[0];
  sh.insertRowsAfter(1000, 1000);
  var rows = [];
  for (var i = 0; i < 2000; i++) rows.push([i, 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i']);
  sh.getRange(1, 1, 2000, 10).setValues(rows);
  sh.getRange(1, 1, 1000, 10).getValues();
  sh.appendRow(['x']);
  SpreadsheetApp.flush();
  sh.getLastRow();
  sh.getMaxRows();
  SpreadsheetApp.flush();
}
function grow(rows) { SpreadsheetApp.getActiveSpreadsheet().getSheets()[0].insertRowsAfter(1, rows); }
function meta(n) { var sh = SpreadsheetApp.getActiveSpreadsheet().getSheets()[0];
  try { for (var i = 0; i < n; i++) sh.getMaxRows(); } catch (e) {
    PropertiesService.getScriptProperties().setProperty('caught', String(e)); }
  return n; }
function writeThenMeta(n) { SpreadsheetApp.getActiveSpreadsheet().getSheets()[0].getRange(1, 1).setValue('first');
  return meta(n); }`;

describe('modelled seconds in the runtime', () => {
  it('charges a known mix call by call: reads and writes by cells, flush dear only with writes pending', async () => {
    const rt = await loadBundle(MIX);
    rt.invoke('mix', 'menu');
    const file = 2001 * 26;
    const s = rt.counters.secondsByMethod;
    expect(s['Range.setValues']).toBeCloseTo(writeSeconds(20_000));
    expect(s['Range.getValues']).toBeCloseTo(readSeconds(10_000));
    expect(s['Sheet.appendRow']).toBeCloseTo(COST.appendRowSeconds);
    expect(s['SpreadsheetApp.flush']).toBeCloseTo(COST.flushSeconds + COST.callSeconds);
    expect(s['Sheet.getLastRow']).toBeCloseTo(bySize(COST.lastRow, file));
    expect(s['Sheet.getMaxRows']).toBeCloseTo(bySize(COST.metadata, file));
    for (const ordinary of ['SpreadsheetApp.getActiveSpreadsheet', 'Spreadsheet.getSheets', 'Sheet.insertRowsAfter'])
      expect(s[ordinary], ordinary).toBeCloseTo(COST.callSeconds);
    expect(s['Sheet.getRange']).toBeCloseTo(2 * COST.callSeconds);
    const total = Object.values(s).reduce((a, b) => a + b, 0);
    expect(rt.lastExecution).toEqual({ name: 'mix', calls: 12, seconds: expect.closeTo(total, 9) as number });
    expect(rt.counters.seconds).toBeCloseTo(rt.lastExecution!.seconds);
  });

  it('metadata costs more on a large file: 0.3 s at 10,000,000 cells', async () => {
    const rt = await loadBundle(MIX);
    rt.invoke('meta', 'menu', 1);
    const small = rt.counters.secondsByMethod['Sheet.getMaxRows']!;
    rt.invoke('grow', 'menu', Math.floor(GRID_LIMIT_CELLS / 26) - 1000);
    rt.counters.reset();
    rt.invoke('meta', 'menu', 1);
    expect([small, rt.counters.secondsByMethod['Sheet.getMaxRows']]).toEqual([
      expect.closeTo(0.08, 2),
      expect.closeTo(0.3, 2),
    ]);
  });

  it('stops an execution past 6 modelled minutes as Apps Script does, keeping what it wrote', async () => {
    const rt = await loadBundle(MIX, { modelledLimitSeconds: EXECUTION_LIMIT_SECONDS });
    rt.invoke('grow', 'menu', Math.floor(GRID_LIMIT_CELLS / 26) - 1000);
    const calls = Math.ceil(EXECUTION_LIMIT_SECONDS / COST.metadata.fullSeconds) + 10;
    expect(() => rt.invoke('writeThenMeta', 'menu', calls)).toThrow(
      expect.objectContaining({ code: 'timeout', message: 'Exceeded maximum execution time' }),
    );
    const spent = rt.lastExecution!.seconds;
    expect(spent).toBeLessThanOrEqual(EXECUTION_LIMIT_SECONDS);
    expect(spent + COST.metadata.fullSeconds).toBeGreaterThan(EXECUTION_LIMIT_SECONDS);
    expect([rt.spreadsheet.getSheets()[0]!.cell(1, 1).value, rt.properties.getProperty('caught')]).toEqual([
      'first',
      null,
    ]);
    expect(rt.invoke('meta', 'menu', 10)).toBe(10);
  });

  it('does not enforce the limit unless asked', async () => {
    const rt = await loadBundle(MIX);
    rt.invoke('grow', 'menu', Math.floor(GRID_LIMIT_CELLS / 26) - 1000);
    const calls = Math.ceil(EXECUTION_LIMIT_SECONDS / COST.metadata.fullSeconds) + 10;
    expect(rt.invoke('meta', 'menu', calls)).toBe(calls);
    expect(rt.lastExecution!.seconds).toBeGreaterThan(EXECUTION_LIMIT_SECONDS);
  });
});
