// Several relays into one sheet (contract §10) on the real bundle behind Google's 302 front: a
// record per relay with its cluster, Refresh reaching every relay once, Relay status listing them
// all, for at most one Properties read and one write a batch.
import { afterEach, describe, expect, it } from 'vitest';
import { encodeAsciiJson, type Batch, type Reply } from '../../proto/contract.js';
import { startWebApp, type WebApp } from '../gas/web-front.js';
import { makeBatch, makeRequest, signParams, upsert } from './fixtures.js';
import { Sheet } from './harness.js';
import { bundleForThisFile } from './file-bundle.js';

const bundle = bundleForThisFile();
let app: WebApp | null = null;
afterEach(async () => {
  await app?.close();
  app = null;
});

const A = { relay: 'relay-a/1.4.0', cluster: 'one.teleport.example' };
const B = { relay: 'relay-b/2.0.1', cluster: 'two.teleport.example' };
const C = { relay: 'relay-c/2.0.1', cluster: 'three.teleport.example' };

async function opened(): Promise<{ sheet: Sheet; send(from: typeof A, ops?: Batch['ops']): Promise<Reply> }> {
  const sheet = await Sheet.open(bundle.dir);
  const web = (app = await startWebApp(sheet.rt));
  return {
    sheet,
    async send(from, ops = [upsert(makeRequest())]) {
      sheet.advance(500);
      const body = encodeAsciiJson(makeBatch(ops, from));
      const query = new URLSearchParams(signParams(body, sheet.nowSeconds));
      const res = await fetch(`${web.url}?${query}`, {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json' },
      });
      return (await res.json()) as Reply;
    },
  };
}

const heartbeat = (queued: number): Batch['ops'] => [
  { op: 'heartbeat', at: '2025-11-23T12:13:20.000Z', stats: { queued } },
];

describe('Refresh from Teleport with two relays', () => {
  it('reaches both relays once each; a relay first heard after the click needs none', async () => {
    const { sheet, send } = await opened();
    expect(await send(A)).toMatchObject({ ok: true, resync: false });
    expect(await send(B)).toMatchObject({ ok: true, resync: false });
    sheet.advance(1000);
    sheet.menu('refreshFromTeleport');
    expect(await send(A)).toMatchObject({ ok: true, resync: true });
    expect(await send(A)).toMatchObject({ ok: true, resync: false });
    expect(await send(C)).toMatchObject({ ok: true, resync: false });
    expect(await send(B)).toMatchObject({ ok: true, resync: true });
    expect(await send(B)).toMatchObject({ ok: true, resync: false });
    expect(await send(C)).toMatchObject({ ok: true, resync: false });
  });

  it('says in its toast when each relay was last heard from, warning about each silent one', async () => {
    const { sheet, send } = await opened();
    await send(A);
    sheet.advance(150_000);
    await send(B);
    sheet.menu('refreshFromTeleport');
    const toast = sheet.rt.ui.toasts.at(-1)!.message;
    expect(toast).toMatch(/Warning: one\.teleport\.example \(relay-a\/1\.4\.0\) has been silent for over 2 minutes/);
    expect(toast).toMatch(/two\.teleport\.example \(relay-b\/2\.0\.1\) was last heard from 0 s ago/);
  });
});

describe('Relay status with two relays', () => {
  it('lists both, one line each, with cluster, version, last contact, heartbeat and stats', async () => {
    const { sheet, send } = await opened();
    await send(A, heartbeat(3));
    await send(B, heartbeat(9));
    sheet.advance(130_000);
    await send(B);
    sheet.menu('relayStatus');
    const html = sheet.rt.ui.dialogs.at(-1)!.html;
    const rows = html.match(/<tr class="[^"]*"><td>[^]*?<\/tr>/g)!;
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatch(/^<tr class="silent"><td>one\.teleport\.example<\/td><td>relay-a\/1\.4\.0<\/td>/);
    expect(rows[0]).toMatch(/silent for over 2 minutes \(last heard from 2 min ago\)[^]*queued: 3/);
    expect(rows[1]).toMatch(/^<tr class=""><td>two\.teleport\.example<\/td><td>relay-b\/2\.0\.1<\/td>/);
    expect(rows[1]).toMatch(/<td>0 s ago<\/td><td>2025-11-23T12:13:20\.000Z[^]*queued: 9/);
    expect(html).toMatch(/1 of 2 relays silent for over 2 minutes/);
  });

  it('forgets a relay silent for 7 days', async () => {
    const { sheet, send } = await opened();
    await send(A);
    sheet.advance(7 * 24 * 3600_000);
    await send(B);
    sheet.menu('relayStatus');
    expect(sheet.rt.ui.dialogs.at(-1)!.html).not.toContain('relay-a');
  });
});

describe('the cost of the relay record', () => {
  it('is at most one Properties read and write a batch (two once for a new cluster), none when steady', async () => {
    const { sheet, send } = await opened();
    const props = sheet.rt.properties;
    const delta = async (from: typeof A, ops?: Batch['ops']) => {
      const [reads, writes] = [props.reads, props.writes];
      expect(await send(from, ops)).toMatchObject({ ok: true });
      return [props.reads - reads, props.writes - writes];
    };
    sheet.menu('relayStatus'); // remembers the spreadsheet id once, as any first menu use does
    await send(A);
    // A relay of a new cluster is written once with its cluster's web address (two writes, once).
    const first = await delta(B);
    expect(first[0]).toBeLessThanOrEqual(1);
    expect(first[1]).toBeLessThanOrEqual(2);
    for (const d of [await delta(A, heartbeat(1)), await delta(B, heartbeat(2))]) {
      expect(d[0]).toBeLessThanOrEqual(1);
      expect(d[1]).toBeLessThanOrEqual(1);
    }
    sheet.menu('refreshFromTeleport');
    expect(await delta(A)).toEqual([0, 1]);
    expect(await delta(A)).toEqual([0, 0]);
    expect(await delta(B)).toEqual([0, 1]);
    expect(await delta(B)).toEqual([0, 0]);
    for (const key of sheet.rt.cache.keys()) if (key.startsWith('teleport.re')) sheet.rt.cache.remove(key);
    expect(await delta(A)).toEqual([1, 0]);
  });
});
