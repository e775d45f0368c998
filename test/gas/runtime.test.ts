import { afterAll, describe, expect, it } from 'vitest';
import { loadBundle, removeBundles, writeBundle } from './bundle-fixture.js';

afterAll(removeBundles);

describe('the execution context', () => {
  it('holds only Apps Script globals', async () => {
    const rt = await loadBundle(`function probe() {
      return ['require', 'process', 'Buffer', 'setTimeout', 'fetch', 'TextEncoder', 'URL', 'crypto',
        'SpreadsheetApp', 'LockService', 'CacheService', 'PropertiesService', 'Utilities', 'ContentService',
        'HtmlService', 'Session', 'Logger', 'console'].map(function (n) { return n + ':' + typeof globalThis[n]; });
    }`);
    expect(rt.invoke('probe', 'webapp')).toEqual([
      'require:undefined',
      'process:undefined',
      'Buffer:undefined',
      'setTimeout:undefined',
      'fetch:undefined',
      'TextEncoder:undefined',
      'URL:undefined',
      'crypto:undefined',
      'SpreadsheetApp:object',
      'LockService:object',
      'CacheService:object',
      'PropertiesService:object',
      'Utilities:object',
      'ContentService:object',
      'HtmlService:object',
      'Session:object',
      'Logger:object',
      'console:object',
    ]);
  });

  it('kills an execution at a chosen spreadsheet call: that call and everything after it never happen', async () => {
    const rt = await loadBundle(`function write() {
      var sh = SpreadsheetApp.getActiveSpreadsheet().getSheets()[0];
      try { sh.getRange('A1').setValue('one'); sh.getRange('A2').setValue('two'); } catch (e) {
        PropertiesService.getScriptProperties().setProperty('caught', 'yes');
      }
      return 'done';
    }`);
    rt.killAtCall(5);
    expect(() => rt.invoke('write', 'webapp')).toThrow(expect.objectContaining({ code: 'killed' }));
    const sheet = rt.spreadsheet.getSheets()[0]!;
    expect([sheet.cell(1, 1).value, sheet.cell(2, 1).kind, rt.properties.getProperty('caught')]).toEqual([
      'one',
      'empty',
      null,
    ]);
    expect(rt.invoke('write', 'webapp')).toBe('done');
  });

  it('runs a newly deployed version over the same data', async () => {
    const rt = await loadBundle(
      `function v() { PropertiesService.getScriptProperties().setProperty('seen', '1'); return 1; }`,
    );
    rt.invoke('v', 'webapp');
    await rt.deploy(
      await writeBundle(`function v() { return PropertiesService.getScriptProperties().getProperty('seen') + '2'; }`),
    );
    expect(rt.invoke('v', 'webapp')).toBe('12');
  });

  it('evaluates the bundle afresh for every execution while services keep their state', async () => {
    const rt = await loadBundle(`var counter = 0;
      function bump() {
        counter += 1; PropertiesService.getScriptProperties().setProperty('n', String(counter)); return counter;
      }`);
    expect(rt.invoke('bump', 'webapp')).toBe(1);
    expect(rt.invoke('bump', 'webapp')).toBe(1);
    expect(rt.properties.get('n')).toBe('1');
  });

  it("drives the script's Date from the runtime clock and hands back Dates of the script realm", async () => {
    const rt = await loadBundle(
      `function now() { SpreadsheetApp.getActiveSheet().getRange('A1').setValue(new Date());
      var v = SpreadsheetApp.getActiveSheet().getRange('A1').getValue();
      return [Date.now(), new Date().getTime(), v instanceof Date, v.getTime()]; }`,
      { clock: () => 1_763_900_000_000 },
    );
    expect(rt.invoke('now', 'webapp')).toEqual([1_763_900_000_000, 1_763_900_000_000, true, 1_763_900_000_000]);
  });

  it('hands plain-data arguments (web app events) to the script as objects of its own realm', async () => {
    const rt = await loadBundle(
      'function f(e) { return [e instanceof Object, Array.isArray(e.list), e.list instanceof Array]; }',
    );
    expect(rt.invoke('f', 'webapp', { list: [1], parameter: { a: '1' } })).toEqual([true, true, true]);
  });

  it('lists top-level function declarations as entry points and says when one is missing', async () => {
    const rt = await loadBundle(`var App = (function () { function hidden() {} return { doPost: function () {} }; })();
      function doPost(e) { return App.doPost(e); }
      function onOpen() {}`);
    expect(rt.entryPoints()).toEqual(['doPost', 'onOpen']);
    expect(() => rt.invoke('hidden', 'webapp')).toThrow('Script function not found: hidden');
  });

  it("throws errors of the script realm with Google's messages", async () => {
    const rt = await loadBundle(
      `function f() { try { SpreadsheetApp.getActiveSheet().getRange(0, 1); }
        catch (e) { return [e instanceof Error, e.name, e.message]; } }`,
    );
    expect(rt.invoke('f', 'webapp')).toEqual([true, 'Exception', 'The starting row of the range is too small.']);
  });

  it('stops an execution that runs past its time limit', async () => {
    const rt = await loadBundle('function spin() { for (;;) {} }', { executionTimeoutMs: 50 });
    expect(() => rt.invoke('spin', 'webapp')).toThrow(expect.objectContaining({ code: 'timeout' }));
  });
});

describe('modes', () => {
  const code = `function ui() { try { SpreadsheetApp.getUi(); return 'ok'; } catch (e) { return e.message; } }
    function onOpen(e) { SpreadsheetApp.getUi().createMenu('Teleport')
      .addItem('View in Teleport', 'viewInTeleport').addSeparator().addItem('Refresh', 'refresh').addToUi(); }
    function limited() { return ['openById', 'props', 'lock', 'cache'].map(function (what) { try {
      if (what === 'openById') SpreadsheetApp.openById(SpreadsheetApp.getActiveSpreadsheet().getId());
      if (what === 'props') PropertiesService.getScriptProperties();
      if (what === 'lock') LockService.getScriptLock();
      if (what === 'cache') CacheService.getScriptCache();
      return 'allowed'; } catch (e) { return /permission/.test(e.message) ? 'denied' : e.message; } }); }
    function who() { return [Session.getActiveUser().getEmail(), Session.getEffectiveUser().getEmail()]; }
    function menu() { var ui = SpreadsheetApp.getUi(); var b = ui.alert('Sure?', 'Really?', ui.ButtonSet.YES_NO);
      var p = ui.prompt('Secret'); ui.showModalDialog(HtmlService.createHtmlOutput('<b>hi</b>'), 'Dialog');
      SpreadsheetApp.getActiveSpreadsheet().toast('Done', 'Teleport', 5);
      return [b, p.getSelectedButton(), p.getResponseText(), SpreadsheetApp.getActiveRange().getA1Notation()]; }`;

  it("refuses getUi in a web app with Google's message", async () => {
    const rt = await loadBundle(code);
    expect(rt.invoke('ui', 'webapp')).toBe('Cannot call SpreadsheetApp.getUi() from this context.');
    expect(rt.invoke('ui', 'menu')).toBe('ok');
  });

  it('lets a simple trigger build the menu and nothing that needs authorization', async () => {
    const rt = await loadBundle(code);
    rt.invoke('onOpen', 'simpleTrigger', { authMode: 'LIMITED' });
    expect(rt.ui.menus).toEqual([
      {
        name: 'Teleport',
        items: [
          { caption: 'View in Teleport', functionName: 'viewInTeleport' },
          { caption: 'Refresh', functionName: 'refresh' },
        ],
      },
    ]);
    expect(rt.invoke('limited', 'simpleTrigger')).toEqual(['denied', 'denied', 'denied', 'denied']);
    expect(rt.invoke('limited', 'menu')).toEqual(['allowed', 'allowed', 'allowed', 'allowed']);
  });

  it('hides the active user from a web app', async () => {
    const rt = await loadBundle(code, { ownerEmail: 'me@example.com' });
    expect(rt.invoke('who', 'webapp')).toEqual(['', 'me@example.com']);
    expect(rt.invoke('who', 'menu')).toEqual(['me@example.com', 'me@example.com']);
  });

  it('records alerts, prompts, dialogs and toasts and answers from the queue', async () => {
    const rt = await loadBundle(code);
    rt.setActiveRange('Sheet1', 'B3');
    rt.ui.answer('NO');
    rt.ui.answer('OK', 'hunter2');
    expect(rt.invoke('menu', 'menu')).toEqual(['NO', 'OK', 'hunter2', 'B3']);
    expect(rt.ui.alerts).toEqual([{ title: 'Sure?', prompt: 'Really?' }]);
    expect(rt.ui.dialogs).toEqual([{ title: 'Dialog', html: '<b>hi</b>' }]);
    expect(rt.ui.toasts).toEqual([{ message: 'Done', title: 'Teleport' }]);
  });
});

describe('the call counter', () => {
  it('counts spreadsheet calls and cells, not builders or value objects', async () => {
    const rt = await loadBundle(`function f() { var sh = SpreadsheetApp.getActiveSpreadsheet().getSheetByName('Sheet1');
      var r = sh.getRange(1, 1, 10, 3); r.setValues(r.getValues());
      var rt = SpreadsheetApp.newRichTextValue().setText('x').setLinkUrl('https://x').build(); rt.getText();
      sh.getRange('D1').setRichTextValues([[rt]]); sh.appendRow([1, 2]); sh.protect().setWarningOnly(true); }`);
    rt.invoke('f', 'webapp');
    expect(rt.counters.byMethod).toEqual({
      'SpreadsheetApp.getActiveSpreadsheet': 1,
      'Spreadsheet.getSheetByName': 1,
      'Sheet.getRange': 2,
      'Range.getValues': 1,
      'Range.setValues': 1,
      'Range.setRichTextValues': 1,
      'Sheet.appendRow': 1,
      'Sheet.protect': 1,
      'Protection.setWarningOnly': 1,
    });
    expect([rt.counters.calls, rt.counters.cellsRead, rt.counters.cellsWritten]).toEqual([10, 30, 33]);
    rt.counters.reset();
    expect(rt.counters.calls).toBe(0);
  });
});
