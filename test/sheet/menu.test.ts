// The Teleport menu on the real bundle: what each item shows, writes and refuses, with all
// data escaped in dialogs and nothing attempted where there is no UI.
import { describe, expect, it } from 'vitest';
import { ConditionalFormatRuleBuilder } from '../gas/rules.js';
import { WEB_URL, makeBatch, makeRequest, upsert } from './fixtures.js';
import { Sheet } from './harness.js';
import { bundleForThisFile } from './file-bundle.js';
import { COL } from '../../appsscript/src/ledger/layout.js';

const bundle = bundleForThisFile();

const HOSTILE = '<img src=x onerror=alert(1)>&"\'';

async function withRows(n = 3): Promise<{ sheet: Sheet; ids: string[] }> {
  const sheet = await Sheet.open(bundle.dir);
  const reqs = Array.from({ length: n }, (_, i) => makeRequest({ created: `2025-11-2${i}T10:00:00.000Z` }));
  expect(sheet.post(makeBatch(reqs.map(upsert)))).toMatchObject({ ok: true });
  return { sheet, ids: reqs.map((r) => r.id) };
}

function lastDialog(sheet: Sheet): { title: string; html: string } {
  const d = sheet.rt.ui.dialogs.at(-1);
  if (!d) throw new Error('no dialog shown');
  return d;
}

describe('onOpen', () => {
  it('only builds the Teleport menu, in LIMITED mode', async () => {
    const sheet = await Sheet.open(bundle.dir);
    sheet.rt.invoke('onOpen', 'simpleTrigger');
    expect(sheet.rt.ui.menus).toEqual([
      {
        name: 'Teleport',
        items: [
          { caption: 'View in Teleport', functionName: 'viewInTeleport' },
          { caption: 'Refresh from Teleport', functionName: 'refreshFromTeleport' },
          { caption: 'Reformat', functionName: 'reformatSheet' },
          { caption: 'Relay status', functionName: 'relayStatus' },
          { caption: 'Refresh dashboard', functionName: 'refreshDashboard' },
          { caption: 'Export evidence…', functionName: 'exportEvidence' },
          { caption: 'Verify evidence', functionName: 'verifyEvidence' },
          { caption: 'Archive…', functionName: 'archiveRequests' },
          { caption: 'Clusters and secrets › Add cluster…', functionName: 'addCluster' },
          { caption: 'Clusters and secrets › Rotate cluster secret…', functionName: 'rotateClusterSecret' },
          {
            caption: 'Clusters and secrets › Revoke a cluster’s previous secret…',
            functionName: 'revokeClusterPrevious',
          },
          { caption: 'Clusters and secrets › Remove cluster…', functionName: 'removeCluster' },
          { caption: 'Clusters and secrets › Set up sheet-wide secret', functionName: 'setUpSecret' },
          { caption: 'Clusters and secrets › Rotate sheet-wide secret', functionName: 'rotateSecret' },
          {
            caption: 'Clusters and secrets › Revoke previous sheet-wide secret',
            functionName: 'revokePreviousSecret',
          },
          { caption: 'Clusters and secrets › Retire sheet-wide secret…', functionName: 'retireSheetSecret' },
        ],
      },
    ]);
    expect(sheet.rt.counters.calls).toBeLessThanOrEqual(1);
  });
});

describe('View in Teleport', () => {
  it('opens the selected row link from a dialog that also shows it', async () => {
    const { sheet, ids } = await withRows();
    sheet.rt.setActiveRange('Access Requests', 'C3');
    sheet.menu('viewInTeleport');
    const { html } = lastDialog(sheet);
    expect(html).toContain(`href="${WEB_URL}/web/requests/${ids[1]}"`);
    expect(html).toContain('window.open(');
    expect(html).toContain('google.script.host.close()');
  });

  it('alerts plainly when the selection is not a request row', async () => {
    const { sheet } = await withRows();
    sheet.rt.setActiveRange('Access Requests', 'B1');
    sheet.menu('viewInTeleport');
    sheet.rt.spreadsheet.insertSheet('Notes');
    sheet.rt.setActiveRange('Notes', 'A2');
    sheet.menu('viewInTeleport');
    sheet.rt.setActiveRange('Access Requests', 'A40');
    sheet.menu('viewInTeleport');
    expect(sheet.rt.ui.alerts.map((a) => a.prompt)).toEqual(
      Array(3).fill(expect.stringMatching(/^Select a request row on the "Access Requests" tab first\./)),
    );
    expect(sheet.rt.ui.dialogs).toEqual([]);
  });

  it('gives no link for an id that is not link-safe, and none from a Version cell someone edited', async () => {
    const sheet = await Sheet.open(bundle.dir);
    sheet.post(makeBatch([upsert(makeRequest({ id: HOSTILE })), upsert(makeRequest())]));
    sheet.rt.setActiveRange('Access Requests', 'A2');
    sheet.menu('viewInTeleport');
    expect(sheet.rt.ui.alerts.at(-1)?.prompt).toMatch(/no link/);
    const tab = sheet.tab()!;
    const cell = String(tab.cell(3, COL.version).value);
    tab.getRange(3, COL.version).setValue("'" + cell.replace('"s":"PENDING"', '"s":"APPROVED"'));
    sheet.rt.setActiveRange('Access Requests', 'A3');
    sheet.menu('viewInTeleport');
    expect(sheet.rt.ui.alerts.at(-1)?.prompt).toMatch(/Version cell was edited/);
    expect(sheet.rt.ui.dialogs).toEqual([]);
  });
});

describe('Refresh from Teleport', () => {
  it('asks a known relay to resync in its next ok reply only, and says when it was last heard from', async () => {
    const sheet = await Sheet.open(bundle.dir);
    sheet.menu('refreshFromTeleport');
    expect(sheet.rt.ui.toasts.at(-1)?.message).toMatch(/No relay has contacted this sheet in the last 7 days/);
    expect(sheet.post(makeBatch([]))).toMatchObject({ ok: true, resync: false });
    sheet.advance(1000);
    sheet.menu('refreshFromTeleport');
    expect(sheet.post(makeBatch([]))).toMatchObject({ ok: true, resync: true });
    expect(sheet.post(makeBatch([]))).toMatchObject({ ok: true, resync: false });
    sheet.advance(30_000);
    sheet.menu('refreshFromTeleport');
    expect(sheet.rt.ui.toasts.at(-1)?.message).toMatch(
      /example.teleport.sh \(relay-a\/1.0.0\) was last heard from 30 s ago/,
    );
    sheet.advance(3 * 60_000);
    sheet.menu('refreshFromTeleport');
    expect(sheet.rt.ui.toasts.at(-1)?.message).toMatch(
      /Warning: example.teleport.sh \(relay-a\/1.0.0\) has been silent for over 2 minutes/,
    );
    expect(sheet.post('{"bad json', {})).toMatchObject({ ok: false });
    expect(sheet.post(makeBatch([]))).toMatchObject({ ok: true, resync: true });
  });

  it('keeps the flag when the cache is evicted', async () => {
    const sheet = await Sheet.open(bundle.dir);
    sheet.post(makeBatch([]));
    sheet.advance(1000);
    sheet.menu('refreshFromTeleport');
    const evict = () => {
      for (const key of sheet.rt.cache.keys()) if (!key.startsWith('teleport.nonces')) sheet.rt.cache.remove(key);
    };
    evict();
    expect(sheet.post(makeBatch([]))).toMatchObject({ resync: true });
    evict();
    expect(sheet.post(makeBatch([]))).toMatchObject({ resync: false });
  });
});

describe('Reformat', () => {
  it('is idempotent: one protection, rules rebuilt not duplicated, Version hidden, newest first', async () => {
    const { sheet, ids } = await withRows(4);
    const tab = sheet.tab()!;
    sheet.menu('reformatSheet');
    const second = () => {
      sheet.menu('reformatSheet');
      return sheet.rt.snapshot('Access Requests');
    };
    const after2 = second();
    const after3 = second();
    expect(after3).toEqual(after2);
    expect(tab.getProtections('SHEET')).toHaveLength(1);
    expect(tab.getProtections('RANGE')).toHaveLength(0);
    expect(tab.protect().isWarningOnly()).toBe(true);
    const rules = tab.getConditionalFormatRules().map((r) => r.describe());
    expect(rules).toHaveLength(6);
    expect(new Set(rules.map((r) => String(r.values[0]))).size).toBe(6);
    expect(tab.isColumnHiddenByUser(COL.version)).toBe(true);
    expect(tab.getFrozenRows()).toBe(1);
    expect(tab.cell(1, 1).fontWeight).toBe('bold');
    expect([2, 3, 4, 5].map((r) => tab.cell(r, COL.id).value)).toEqual([...ids].reverse());
    expect(tab.cell(2, COL.link).link).toBe(`${WEB_URL}/web/requests/${ids[3]}`);
  });

  it('brings back a link that a batch interrupted between its two writes left out', async () => {
    const { sheet, ids } = await withRows(3);
    const tab = sheet.tab()!;
    const row = [2, 3, 4].find((r) => tab.cell(r, COL.id).value === ids[1])!;
    tab.getRange(row, COL.link).setValue('View in Teleport');
    expect(tab.cell(row, COL.link).link).toBeUndefined();
    sheet.menu('reformatSheet');
    const moved = [2, 3, 4].find((r) => tab.cell(r, COL.id).value === ids[1])!;
    expect(tab.cell(moved, COL.link)).toMatchObject({
      value: 'View in Teleport',
      link: `${WEB_URL}/web/requests/${ids[1]}`,
    });
  });

  it('keeps a rule someone added to another column', async () => {
    const { sheet } = await withRows(1);
    sheet.menu('reformatSheet');
    const tab = sheet.tab()!;
    const theirs = new ConditionalFormatRuleBuilder()
      .whenTextEqualTo('alice')
      .setBackground('#000000')
      .setRanges([tab.getRange('C2:C')])
      .build();
    tab.setConditionalFormatRules([theirs, ...tab.getConditionalFormatRules()]);
    sheet.menu('reformatSheet');
    sheet.menu('reformatSheet');
    const rules = tab.getConditionalFormatRules().map((r) => r.describe());
    expect(rules).toHaveLength(7);
    expect(rules[0]).toMatchObject({ values: ['alice'], background: '#000000' });
  });

  it('answers busy with an alert while the lock is held', async () => {
    const { sheet } = await withRows(1);
    const release = sheet.rt.lock.holdExternally();
    const before = sheet.rt.snapshot();
    sheet.menu('reformatSheet');
    release();
    expect(sheet.rt.snapshot()).toEqual(before);
    expect(sheet.rt.ui.alerts.at(-1)?.prompt).toMatch(/busy/);
  });
});

describe('Relay status', () => {
  it('shows each relay with cluster, contact, version and stats, and rows per status, escaped', async () => {
    const { sheet } = await withRows(2);
    sheet.post(
      makeBatch([{ op: 'heartbeat', at: '2025-11-23T12:13:20.000Z', stats: { queued: 7, [HOSTILE]: 1 } }], {
        relay: `${HOSTILE}/9.9.9`,
      }),
    );
    sheet.menu('relayStatus');
    const { html } = lastDialog(sheet);
    expect(html).not.toContain('<img src=x');
    expect(html).toContain('<td>&lt;img src=x onerror=alert(1)&gt;&amp;&quot;&#39;/9.9.9</td>');
    expect(html).toMatch(/<td>queued: 7, &lt;img/);
    expect(html).toMatch(/PENDING<\/td><td>2/);
    expect(html).toMatch(/<td>example.teleport.sh<\/td><td>relay-a\/1.0.0<\/td>\s*<td>0 s ago<\/td>/);
  });
});

describe('Set up and rotate the secret', () => {
  const shown = (sheet: Sheet) => /<pre id="secret">([0-9a-f]{64})<\/pre>/.exec(lastDialog(sheet).html)?.[1];
  const signWith = (sheet: Sheet, secret: string) => sheet.post(makeBatch([upsert(makeRequest())]), { secret });

  it('shows a fresh 256-bit secret once, with the relay file steps; a second set up refuses', async () => {
    const sheet = await Sheet.open(bundle.dir, { secret: null });
    sheet.menu('setUpSecret');
    const secret = shown(sheet)!;
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    expect(lastDialog(sheet).html).toContain('secret_file');
    expect(lastDialog(sheet).html).toContain('0600');
    expect(signWith(sheet, secret)).toMatchObject({ ok: true });
    sheet.menu('setUpSecret');
    expect(sheet.rt.ui.dialogs).toHaveLength(1);
    expect(sheet.rt.ui.alerts.at(-1)?.prompt).toMatch(/already set up/);
  });

  it('rotation keeps the previous secret valid for 24 h', async () => {
    const sheet = await Sheet.open(bundle.dir, { secret: null });
    sheet.menu('setUpSecret');
    const first = shown(sheet)!;
    sheet.menu('rotateSecret');
    const second = shown(sheet)!;
    expect(second).not.toBe(first);
    expect(lastDialog(sheet).html).toMatch(/valid for 24 hours/);
    expect(signWith(sheet, first)).toMatchObject({ ok: true });
    expect(signWith(sheet, second)).toMatchObject({ ok: true });
    sheet.advance(24 * 3600 * 1000 + 1000);
    expect(signWith(sheet, first)).toMatchObject({ ok: false, error: 'bad_signature' });
    expect(signWith(sheet, second)).toMatchObject({ ok: true });
  });
});

describe('menu handlers without a UI (web app context)', () => {
  it('never throw, show nothing, and do not make up a secret nobody saw', async () => {
    const { sheet } = await withRows(1);
    const secretsBefore = sheet.rt.userProperties.get('teleport.secrets');
    for (const fn of [
      'viewInTeleport',
      'refreshFromTeleport',
      'relayStatus',
      'setUpSecret',
      'rotateSecret',
      'revokePreviousSecret',
      'retireSheetSecret',
      'addCluster',
      'rotateClusterSecret',
      'revokeClusterPrevious',
      'removeCluster',
      'reformatSheet',
    ]) {
      expect(() => sheet.rt.invoke(fn, 'webapp')).not.toThrow();
    }
    expect(sheet.rt.ui.dialogs).toEqual([]);
    expect(sheet.rt.ui.alerts).toEqual([]);
    expect(sheet.rt.ui.toasts).toEqual([]);
    expect(sheet.rt.userProperties.get('teleport.secrets')).toBe(secretsBefore);
    expect(sheet.post(makeBatch([]))).toMatchObject({ resync: true });
  });
});
