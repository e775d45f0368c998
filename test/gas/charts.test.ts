// The stand-in's embedded charts, protection editors, spreadsheet time zone, digests and offsets,
// each as the Apps Script reference describes them, driven by script code in the runtime.
import { createHash } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { loadBundle, removeBundles } from './bundle-fixture.js';

afterAll(removeBundles);

const CHARTS = `
function sheet() { return SpreadsheetApp.getActiveSpreadsheet().getSheets()[0]; }
function column() {
  var s = sheet();
  var chart = s.newChart().asColumnChart().setStacked().setTitle('Weekly')
    .addRange(s.getRange('A1:C5')).addRange(s.getRange('A1:C5')).setPosition(3, 9, 4, 5)
    .setOption('legend', { position: 'right' }).setNumHeaders(1).build();
  var before = chart.getChartId();
  s.insertChart(chart);
  return [before, s.getCharts().length];
}
function bar() {
  var s = sheet();
  s.insertChart(s.newChart().setChartType(Charts.ChartType.BAR).addRange(s.getRange('E1:F4')).build());
}
function trap() {
  var s = sheet();
  try { s.newChart().asColumnChart().addRange(s.getRange('A1:B2')).setTitle('x'); return 'no error'; }
  catch (e) { return e instanceof TypeError; }
}
function badType() {
  try { sheet().newChart().setChartType('PIZZA'); return 'no error'; } catch (e) { return e.message; }
}
function read() {
  return sheet().getCharts().map(function (c) {
    var info = c.getContainerInfo();
    return [c.getChartId() > 0, c.getRanges().map(function (r) { return r.getA1Notation(); }),
      c.getOptions().get('title'), info.getAnchorRow(), info.getAnchorColumn(), info.getOffsetX(), info.getOffsetY(),
      c.getNumHeaders(), typeof c.getId];
  });
}
function retitle() {
  var s = sheet(); var c = s.getCharts()[0];
  var changed = c.modify().setOption('title', 'Renamed').build();
  var unsaved = s.getCharts()[0].getOptions().get('title');
  s.updateChart(changed);
  return [unsaved, s.getCharts()[0].getOptions().get('title'), s.getCharts()[0].getChartId() === c.getChartId()];
}
function removeFirst() { var s = sheet(); s.removeChart(s.getCharts()[0]); return s.getCharts().length; }
function enums() { return [Charts.ChartType.COLUMN, Charts.Position.RIGHT, Charts.ChartMergeStrategy.MERGE_ROWS,
  Charts.ChartHiddenDimensionStrategy.SHOW_BOTH]; }
`;

describe('embedded charts', () => {
  it('draws nothing until inserted, and keeps ranges, options, position and title', async () => {
    const rt = await loadBundle(CHARTS);
    expect(rt.invoke('column', 'menu')).toEqual([null, 1]);
    rt.invoke('bar', 'menu');
    const [first, second] = rt.invoke('read', 'menu') as unknown[][];
    expect(first).toEqual([true, ['A1:C5'], 'Weekly', 3, 9, 4, 5, 1, 'undefined']);
    expect(second!.slice(1, 3)).toEqual([['E1:F4'], null]);
    const views = rt.spreadsheet.getSheets()[0]!.charts();
    expect(views.map((v) => [v.type, v.stacked, v.ranges, v.title, v.anchor])).toEqual([
      ['COLUMN', true, ['A1:C5'], 'Weekly', { row: 3, column: 9 }],
      ['BAR', false, ['E1:F4'], null, { row: 1, column: 1 }],
    ]);
    expect(views[0]!.options).toEqual({ title: 'Weekly', legend: { position: 'right' } });
    expect(new Set(views.map((v) => v.id)).size).toBe(2);
  });

  it('saves a modified chart only through updateChart, and removes one', async () => {
    const rt = await loadBundle(CHARTS);
    rt.invoke('column', 'menu');
    rt.invoke('bar', 'menu');
    expect(rt.invoke('retitle', 'menu')).toEqual(['Weekly', 'Renamed', true]);
    expect(rt.invoke('removeFirst', 'menu')).toBe(1);
  });

  it('returns the generic builder from inherited methods, refuses unknown types, and has the enums', async () => {
    const rt = await loadBundle(CHARTS);
    expect(rt.invoke('trap', 'menu')).toBe(true);
    expect(rt.invoke('badType', 'menu')).toBe('Invalid argument: type');
    expect(rt.invoke('enums', 'menu')).toEqual(['COLUMN', 'RIGHT', 'MERGE_ROWS', 'SHOW_BOTH']);
  });

  it('prices the Sheet calls (newChart, getRange, insertChart, getCharts), not the builders', async () => {
    const rt = await loadBundle(CHARTS);
    rt.counters.reset();
    rt.invoke('column', 'menu');
    expect(rt.counters.byMethod).toEqual({
      'SpreadsheetApp.getActiveSpreadsheet': 1,
      'Spreadsheet.getSheets': 1,
      'Sheet.newChart': 1,
      'Sheet.getRange': 2,
      'Sheet.insertChart': 1,
      'Sheet.getCharts': 1,
    });
  });
});

const PROTECTION = `
function ownerOnly() {
  var s = SpreadsheetApp.getActiveSpreadsheet().getSheets()[0];
  var p = s.protect().setDescription('evidence');
  var before = p.getEditors().map(function (u) { return u.getEmail(); });
  p.addEditors(['a@example.com', 'b@example.com']);
  var added = p.getEditors().length;
  p.addEditor(Session.getEffectiveUser());
  p.removeEditors(p.getEditors());
  if (p.canDomainEdit()) p.setDomainEdit(false);
  var after = p.getEditors().map(function (u) { return u.getEmail(); });
  return [before, added, after, p.canDomainEdit(), p.getDescription()];
}
function canEdit() { return SpreadsheetApp.getActiveSpreadsheet().getSheets()[0].protect().canEdit(); }
function editors() {
  try { return SpreadsheetApp.getActiveSpreadsheet().getSheets()[0].protect().getEditors().length; }
  catch (e) { return 'threw'; }
}
`;

describe('protections with editors', () => {
  it('run by the owner, the documented sequence leaves the owner alone', async () => {
    const rt = await loadBundle(PROTECTION);
    expect(rt.invoke('ownerOnly', 'menu')).toEqual([
      ['owner@example.com'],
      3,
      ['owner@example.com'],
      false,
      'evidence',
    ]);
  });

  it('run by an editor, leaves the owner and that editor, who cannot be removed', async () => {
    const rt = await loadBundle(PROTECTION);
    const result = rt.invokeAs('ed@example.com', 'ownerOnly', 'menu') as unknown[];
    expect(result[0]).toEqual(['ed@example.com', 'owner@example.com']);
    expect(result[2]).toEqual(['ed@example.com', 'owner@example.com']);
  });

  it('keeps out another editor, who may not even read the editors', async () => {
    const rt = await loadBundle(PROTECTION);
    rt.invoke('ownerOnly', 'menu');
    expect(rt.invokeAs('other@example.com', 'canEdit', 'menu')).toBe(false);
    expect(rt.invokeAs('other@example.com', 'editors', 'menu')).toBe('threw');
    expect(rt.invoke('canEdit', 'menu')).toBe(true);
  });
});

describe('time zone, offsets and digests', () => {
  const code = `
  function zone() { var ss = SpreadsheetApp.getActiveSpreadsheet(); var before = ss.getSpreadsheetTimeZone();
    ss.setSpreadsheetTimeZone('Asia/Kolkata'); return [before, ss.getSpreadsheetTimeZone()]; }
  function offsets(tz) { return ['2026-01-15T12:00:00Z', '2026-07-15T12:00:00Z'].map(function (t) {
    return Utilities.formatDate(new Date(t), tz, 'Z'); }); }
  function digest(s) { return Utilities.computeDigest(Utilities.DigestAlgorithm.SHA_256, s, Utilities.Charset.UTF_8); }
  function ascii(s) { return Utilities.computeDigest(Utilities.DigestAlgorithm.SHA_256, s); }`;
  const hex = (bytes: number[]) => Buffer.from(bytes.map((b) => b & 0xff)).toString('hex');
  const sha = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

  it('sets the spreadsheet time zone, and formatDate gives offsets with Z', async () => {
    const rt = await loadBundle(code, { timeZone: 'Europe/Amsterdam' });
    expect(rt.invoke('zone', 'menu')).toEqual(['Europe/Amsterdam', 'Asia/Kolkata']);
    expect(rt.spreadsheet.getSpreadsheetTimeZone()).toBe('Asia/Kolkata');
    expect(rt.invoke('offsets', 'menu', 'Europe/Amsterdam')).toEqual(['+0100', '+0200']);
    expect(rt.invoke('offsets', 'menu', 'America/St_Johns')).toEqual(['-0330', '-0230']);
    expect(rt.invoke('offsets', 'menu', 'Etc/UTC')).toEqual(['+0000', '+0000']);
  });

  it('computes SHA-256 over UTF-8 with the charset, and over "?" for non-ASCII without it', async () => {
    const rt = await loadBundle(code);
    const text = 'naïve\t🔑\n';
    expect(hex(rt.invoke('digest', 'menu', text) as number[])).toBe(sha(text));
    expect(hex(rt.invoke('ascii', 'menu', text) as number[])).toBe(sha('na?ve\t?\n'));
  });
});
