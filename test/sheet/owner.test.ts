// The secret on the real bundle, with an editor who is not the owner at the keyboard: only the
// owner can make, rotate or revoke it; it lives in the owner's User Properties, never where every
// editor can read it; a revoked previous secret stops working at once; an old script's secret moves.
import { afterEach, describe, expect, it } from 'vitest';
import { encodeAsciiJson, type Reply } from '../../proto/contract.js';
import { startWebApp, type WebApp } from '../gas/web-front.js';
import { SECRET, makeBatch, makeRequest, signParams, upsert } from './fixtures.js';
import { Sheet } from './harness.js';
import { bundleForThisFile } from './file-bundle.js';

const OWNER = 'owner@example.com';
const EDITOR = 'editor@example.com';
const SECRET_ITEMS = [
  'setUpSecret',
  'rotateSecret',
  'revokePreviousSecret',
  'retireSheetSecret',
  'addCluster',
  'rotateClusterSecret',
  'revokeClusterPrevious',
  'removeCluster',
];

const bundle = bundleForThisFile();
let app: WebApp | null = null;
afterEach(async () => {
  await app?.close();
  app = null;
});

async function opened(secret: string | null = SECRET): Promise<{ sheet: Sheet; post(secret: string): Promise<Reply> }> {
  const sheet = await Sheet.open(bundle.dir, { secret });
  const web = (app = await startWebApp(sheet.rt));
  return {
    sheet,
    async post(key: string) {
      sheet.advance(1000);
      const body = encodeAsciiJson(makeBatch([upsert(makeRequest())]));
      const query = new URLSearchParams(signParams(body, sheet.nowSeconds, { secret: key }));
      const res = await fetch(`${web.url}?${query}`, {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json' },
      });
      return (await res.json()) as Reply;
    },
  };
}

const shownSecret = (sheet: Sheet) =>
  /<pre id="secret">([0-9a-f]{64})<\/pre>/.exec(sheet.rt.ui.dialogs.at(-1)?.html ?? '')?.[1];

/**
 * Every value an editor can read without changing the script: Script Properties, the script cache, their own stores.
 */
function editorReadable(sheet: Sheet): string {
  const cache = sheet.rt.cache;
  return JSON.stringify([
    sheet.rt.properties.all(),
    cache.keys().map((k) => cache.get(k)),
    sheet.rt.userPropertiesOf(EDITOR).all(),
    sheet.rt
      .userCacheOf(EDITOR)
      .keys()
      .map((k) => sheet.rt.userCacheOf(EDITOR).get(k)),
  ]);
}

describe('an editor who is not the owner', () => {
  it('is refused every secret item plainly, is shown no secret, and changes nothing', async () => {
    const { sheet, post } = await opened();
    const before = sheet.rt.userProperties.all();
    for (const item of SECRET_ITEMS) sheet.rt.invokeAs(EDITOR, item, 'menu');
    expect(sheet.rt.ui.dialogs).toEqual([]);
    expect(sheet.rt.ui.alerts.map((a) => a.prompt)).toEqual(
      SECRET_ITEMS.map(
        () => `Only the owner of this spreadsheet, ${OWNER}, can manage clusters and relay secrets. Ask them to do it.`,
      ),
    );
    expect(sheet.rt.userProperties.all()).toEqual(before);
    expect(sheet.rt.userPropertiesOf(EDITOR).all()).toEqual({});
    expect(await post(SECRET)).toMatchObject({ ok: true });
  });

  it('finds the secret nowhere they can read it: not in Script Properties, not in the script cache', async () => {
    const { sheet, post } = await opened(null);
    sheet.menu('setUpSecret');
    const secret = shownSecret(sheet)!;
    expect(await post(secret)).toMatchObject({ ok: true });
    sheet.rt.invokeAs(EDITOR, 'relayStatus', 'menu');
    sheet.rt.invokeAs(EDITOR, 'refreshFromTeleport', 'menu');
    expect(editorReadable(sheet)).not.toContain(secret);
    expect(JSON.stringify(sheet.rt.userProperties.all())).toContain(secret);
  });

  it('is refused in a shared drive, where the spreadsheet has no owner, and so is everyone', async () => {
    const { sheet } = await opened(null);
    sheet.rt.spreadsheet.inSharedDrive = true;
    sheet.menu('setUpSecret');
    expect(sheet.rt.ui.dialogs).toEqual([]);
    expect(sheet.rt.ui.alerts.at(-1)?.prompt).toMatch(/shared drive has no owner/);
  });
});

describe('Revoke previous secret', () => {
  it('ends the 24 hours of the previous secret at once', async () => {
    const { sheet, post } = await opened();
    sheet.menu('rotateSecret');
    const next = shownSecret(sheet)!;
    expect(await post(SECRET)).toMatchObject({ ok: true });
    sheet.menu('revokePreviousSecret');
    expect(sheet.rt.ui.alerts.at(-1)?.prompt).toMatch(/previous secret no longer works/);
    expect(await post(SECRET)).toMatchObject({ ok: false, error: 'bad_signature' });
    expect(await post(next)).toMatchObject({ ok: true });
    sheet.menu('revokePreviousSecret');
    expect(sheet.rt.ui.alerts.at(-1)?.prompt).toMatch(/nothing to revoke/);
  });
});

describe('a secret left in Script Properties by the previous version', () => {
  it("moves to the owner's User Properties with the web app's first POST, and the old cached copy goes", async () => {
    const { sheet, post } = await opened(null);
    const kept = JSON.stringify({ current: SECRET, previous: null, rotatedAt: null });
    sheet.rt.properties.set('teleport.secrets', kept);
    sheet.rt.cache.put('teleport.config', JSON.stringify({ secrets: JSON.parse(kept), spreadsheetId: null }), 21600);
    // The old version's nonces are not in the new record: its ±300 s must pass first.
    expect(await post(SECRET)).toMatchObject({ ok: false, error: 'busy' });
    expect(sheet.rt.userProperties.get('teleport.secrets')).toBe(kept);
    expect(sheet.rt.properties.get('teleport.secrets')).toBeNull();
    expect(editorReadable(sheet)).not.toContain(SECRET);
    sheet.advance(6 * 60_000);
    expect(await post(SECRET)).toMatchObject({ ok: true });
  });
});
