// Finding 6 of issue 17, on the real bundle behind Google's 302 front: a body with a top-level field
// this sheet does not know is refused (contract §7), and a relay that floods the sheet with made-up
// relay and cluster names cannot push an enrolled cluster's relay record, its owed resync or its
// web address out (§11: they are kept per enrolled cluster).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeAsciiJson } from '../../../proto/contract.js';
import { SECRET } from '../fixtures.js';
import { bundleForThisFile } from '../file-bundle.js';
import { Front, PROD, PROD_URL, Relay, STAGING, STAGING_URL } from './clusters.js';

const bundle = bundleForThisFile();

let front: Front;
let prod: Relay;
let staging: Relay;
beforeEach(async () => {
  front = await Front.open(bundle.dir);
  prod = new Relay(front, PROD, front.enrol(PROD, PROD_URL), { webUrl: PROD_URL });
  staging = new Relay(front, STAGING, front.enrol(STAGING, STAGING_URL), { webUrl: STAGING_URL });
});
afterEach(() => front.close());

describe('a body with a top-level field the sheet does not know', () => {
  it('is refused as bad_request, signed v2 or v1, and writes nothing', async () => {
    const body = encodeAsciiJson({ ...prod.batch([]), admin: true });
    const before = front.sheet.rt.snapshot();
    expect(await front.send(front.sign(body, prod.signing()))).toMatchObject({ ok: false, error: 'bad_request' });
    const shared = encodeAsciiJson({ ...prod.batch([], { cluster: 'dev.example.com' }), admin: true });
    front.sheet.advance(1000);
    expect(await front.send(front.sign(shared, { secret: SECRET }))).toMatchObject({ ok: false, error: 'bad_request' });
    expect(front.sheet.rt.snapshot()).toEqual(before);
  });
});

describe('a relay sending many made-up relay and cluster names', () => {
  it('leaves prod’s relay in Relay status, its owed resync, and prod’s links', async () => {
    const requests = await prod.requests(2);
    front.sheet.menu('refreshFromTeleport');
    const long = (i: number) => `${String(i).padStart(4, '0')}-${'x'.repeat(180)}`;
    for (let i = 0; i < 60; i++) {
      const beat = [{ op: 'heartbeat' as const, at: '2025-11-23T12:13:20.000Z', stats: { n: i } }];
      // With its own secret: any relay name for staging. With the sheet-wide one: any cluster not enrolled.
      await staging.deliver(beat, { relay: `relay-${long(i)}/1.0.0` });
      const made = new Relay(front, `c${i}.${'y'.repeat(150)}.example`, SECRET);
      await made.deliver([{ op: 'delete', id: 'gone' }], {
        relay: `relay-${long(i)}/1.0.0`,
        webUrl: `https://${long(i)}.example`,
      });
    }
    front.sheet.menu('relayStatus');
    expect(front.sheet.rt.ui.dialogs.at(-1)!.html).toContain('prod-relay/1.0.0');
    expect(await prod.deliver([])).toMatchObject({ ok: true, resync: true });
    expect(await prod.deliver([])).toMatchObject({ ok: true, resync: false });
    front.sheet.menu('reformatSheet');
    expect(front.links(PROD).sort()).toEqual(requests.map((r) => `${PROD_URL}/web/requests/${r.id}`).sort());
  });
});
