// The pushed artefact: every entry point a top-level function, the manifest as the deployment
// needs it, and the bundle running in a context that holds only Apps Script globals.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Sheet } from './harness.js';
import { bundleForThisFile } from './file-bundle.js';

const ENTRY_POINTS = [
  'doGet',
  'doPost',
  'onOpen',
  'reformatSheet',
  'refreshFromTeleport',
  'relayStatus',
  'revokePreviousSecret',
  'rotateSecret',
  'setUpSecret',
  'viewInTeleport',
];

const bundle = bundleForThisFile();

describe('built bundle', () => {
  it('declares every entry point and menu callback as a top-level function', async () => {
    const sheet = await Sheet.open(bundle.dir);
    expect(sheet.rt.entryPoints().sort()).toEqual(expect.arrayContaining(ENTRY_POINTS));
    sheet.menu('onOpen');
    const callbacks = sheet.rt.ui.menus.flatMap((m) => m.items.map((i) => i.functionName));
    for (const fn of callbacks) expect(sheet.rt.entryPoints()).toContain(fn);
  });

  it('ships the dialogs and only the files clasp pushes', () => {
    const files = ['Code.js', 'appsscript.json', 'secret.html', 'status.html', 'view.html'];
    for (const f of files) expect(readFileSync(join(bundle.dir, f), 'utf8').length).toBeGreaterThan(0);
  });

  it('has a V8 web app manifest executing as the deployer for anyone, with the minimal scopes', () => {
    const manifest = JSON.parse(readFileSync(join(bundle.dir, 'appsscript.json'), 'utf8'));
    expect(manifest.runtimeVersion).toBe('V8');
    expect(manifest.webapp).toEqual({ executeAs: 'USER_DEPLOYING', access: 'ANYONE_ANONYMOUS' });
    // script.scriptapp: the Dashboard's time-driven trigger; spreadsheets (not .currentonly): creating
    // the evidence and archive spreadsheets (SpreadsheetApp.create).
    expect([...manifest.oauthScopes].sort()).toEqual([
      'https://www.googleapis.com/auth/script.container.ui',
      'https://www.googleapis.com/auth/script.scriptapp',
      'https://www.googleapis.com/auth/spreadsheets',
      'https://www.googleapis.com/auth/userinfo.email',
    ]);
  });

  it('answers doGet with a small JSON status that reveals no data', async () => {
    const sheet = await Sheet.open(bundle.dir);
    const out = sheet.rt.invoke('doGet', 'webapp', { parameter: {}, queryString: '' }) as {
      getContent(): string;
      getMimeType(): string;
    };
    expect(String(out.getMimeType())).toMatch(/json/i);
    expect(JSON.parse(out.getContent())).toEqual({ ok: true, service: 'teleport-sheets', contract: 1 });
  });

  it('has no top-level side effects: evaluating the bundle touches no service', async () => {
    const sheet = await Sheet.open(bundle.dir);
    sheet.rt.invoke('doGet', 'webapp', {});
    expect(sheet.rt.counters.calls).toBe(0);
    expect(sheet.rt.spreadsheet.getSheetByName('Access Requests')).toBeNull();
  });
});
