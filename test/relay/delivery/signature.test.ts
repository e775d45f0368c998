import { afterEach, describe, expect, it } from 'vitest';
import { CONTRACT_VERSION, encodeAsciiJson, type SignatureVersion } from '../../../proto/contract.js';
import { createSheetClient } from '../../../relay/src/delivery/sheet-client.js';
import { SignatureChoice } from '../../../relay/src/delivery/signature.js';
import { startWebApp, type WebApp } from '../../gas/web-front.js';
import { SheetStandIn } from '../sheet-stand-in.js';

// Which signature the relay signs with (contract §11), against the sheet stand-in behind Google's
// 302 flow: a sheet that takes v2, one from before §11 (v1 only), one that takes neither (a bad
// secret), and one whose answer changes under a running relay.

const SECRET = 's'.repeat(64);
const CLUSTER = 'prod.example.com';
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

function heartbeat(cluster = CLUSTER): string {
  return encodeAsciiJson({
    v: CONTRACT_VERSION,
    cluster,
    webUrl: 'https://prod.example.com',
    relay: 'test/1.0.0',
    ops: [{ op: 'heartbeat', at: '2026-01-01T00:00:00.000Z' }],
  });
}

async function rig(signatures: SheetStandIn['signatures'], cluster = CLUSTER) {
  const sheet = new SheetStandIn(SECRET);
  sheet.signatures = signatures;
  const web: WebApp = await startWebApp(sheet.handler);
  cleanups.push(() => web.close());
  const changes: SignatureVersion[] = [];
  const client = createSheetClient({ url: web.url, secret: SECRET });
  const choice = new SignatureChoice(client, cluster, (now) => changes.push(now));
  /** One attempt; returns its verdict kind, the signature it ended on, and the POSTs it took. */
  const send = async () => {
    const before = web.posts;
    const reply = await choice.send(heartbeat(cluster), 1);
    return { verdict: reply.verdict, signature: reply.signature, posts: web.posts - before };
  };
  return { sheet, web, choice, changes, send };
}

describe('signature choice (contract §11)', () => {
  it('a sheet that takes v2: every batch signed v2, one POST each, nothing to report', async () => {
    const r = await rig('v2');
    for (let i = 0; i < 3; i++)
      expect(await r.send()).toMatchObject({ verdict: { kind: 'delivered' }, signature: 2, posts: 1 });
    expect(r.sheet.posts.map((p) => p.signature)).toEqual([2, 2, 2]);
    expect(r.changes).toEqual([]);
  });

  it('a sheet from before §11: v2 refused, the same batch taken signed v1, and v1 from then on', async () => {
    const r = await rig('v1');
    expect(await r.send()).toMatchObject({ verdict: { kind: 'delivered' }, signature: 1, posts: 2 });
    expect(r.changes).toEqual([1]);
    for (let i = 0; i < 3; i++)
      expect(await r.send()).toMatchObject({ verdict: { kind: 'delivered' }, signature: 1, posts: 1 });
    expect(r.sheet.heartbeats).toHaveLength(4);
    expect(r.changes).toEqual([1]);
  });

  it('a secret the sheet takes neither way is a plain bad secret: bad_signature, still signing v2', async () => {
    const r = await rig('both');
    r.sheet.secret = 'rotated in the sheet';
    const attempt = await r.send();
    expect(attempt).toMatchObject({ verdict: { kind: 'refused', reason: 'bad_signature' }, signature: 2, posts: 2 });
    expect(r.choice.current).toBe(2);
    expect(r.changes).toEqual([]);
    expect(r.sheet.heartbeats).toHaveLength(0);
  });

  it('signing v1, a sheet that now refuses v1 and takes v2 moves the relay back to v2', async () => {
    const r = await rig('v1');
    await r.send();
    r.sheet.signatures = 'v2';
    expect(await r.send()).toMatchObject({ verdict: { kind: 'delivered' }, signature: 2, posts: 2 });
    expect(await r.send()).toMatchObject({ signature: 2, posts: 1 });
    expect(r.changes).toEqual([1, 2]);
  });

  it('a v2 POST whose cluster parameter differs from the body is refused as bad_request', async () => {
    const r = await rig('v2');
    const client = createSheetClient({ url: r.web.url, secret: SECRET });
    const result = await client.send(heartbeat(), { version: 2, cluster: 'staging.example.com' });
    expect(result).toMatchObject({ kind: 'response', body: expect.stringContaining('"bad_request"') });
  });

  it('a cluster name no v2 query can carry signs v1 only, and says so from the start', async () => {
    const r = await rig('both', 'not a cluster name');
    expect(r.choice.v2Possible).toBe(false);
    expect(r.choice.current).toBe(1);
    expect(await r.send()).toMatchObject({ verdict: { kind: 'delivered' }, signature: 1, posts: 1 });
    r.sheet.secret = 'rotated';
    expect(await r.send()).toMatchObject({ verdict: { reason: 'bad_signature' }, signature: 1, posts: 1 });
  });
});
