import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectTeleport, type TeleportClient } from '../../../relay/src/teleport/connection.js';
import { parseIdentityFile } from '../../../relay/src/teleport/identity-file.js';
import { timesOutOfRange } from '../../../relay/src/teleport/request.js';
import type { WatchItem } from '../../../relay/src/teleport/watch.js';
import { silentLogger } from '../../../relay/src/log.js';
import { createCluster, identityFileText, issueIdentity } from '../../teleport/pki.js';
import { startFakeTeleport, type FakeTeleport } from '../../teleport/server.js';

// Contract §7's new fields and its 1970–9999 rule, decoded by the relay's trimmed schema from
// what the stand-in encodes with Teleport's full one (test/teleport/proto), over mTLS.

let teleport: FakeTeleport;
let client: TeleportClient;

beforeAll(async () => {
  const cluster = await createCluster('example.com');
  teleport = await startFakeTeleport({ cluster });
  const identity = await issueIdentity(cluster, { user: 'access-plugin', roles: ['access-plugin'] });
  const credentials = parseIdentityFile(identityFileText(identity));
  client = await connectTeleport({ addr: teleport.address, mode: 'auth', credentials, logger: silentLogger() });
});
afterAll(async () => {
  client.close();
  await teleport.close();
});

describe('assumeStart and maxDuration from AccessRequestSpecV3 (fields 21 and 17)', () => {
  it('reads both from a listing, and null where Teleport left them unset', async () => {
    const timed = teleport.createRequest({
      assumeStart: new Date('2030-01-02T09:00:00Z'),
      maxDuration: new Date('2030-01-02T17:30:00Z'),
    });
    const plain = teleport.createRequest();
    const byId = new Map((await client.listAccessRequests()).map((r) => [r.id, r]));
    expect(byId.get(timed.id)).toMatchObject({
      assumeStart: '2030-01-02T09:00:00.000Z',
      maxDuration: '2030-01-02T17:30:00.000Z',
    });
    expect(byId.get(plain.id)).toMatchObject({ assumeStart: null, maxDuration: null });
  });

  it('reads both from a PUT event on the watch stream', async () => {
    const stop = new AbortController();
    const stream = client.watch(stop.signal);
    try {
      expect(await stream.next()).toEqual({ type: 'init' });
      const made = teleport.createRequest({ assumeStart: new Date('2031-05-06T07:08:09Z') });
      let item: WatchItem;
      do item = await stream.next();
      while (item.type !== 'put' || item.request.id !== made.id);
      expect(item.request).toMatchObject({ assumeStart: '2031-05-06T07:08:09.000Z', maxDuration: null });
    } finally {
      stop.abort();
    }
  });

  it('gives null for a time past year 9999, and says which field it was', async () => {
    const odd = teleport.createRequest({
      accessExpires: new Date(Date.UTC(10000, 0, 1)),
      maxDuration: new Date(Date.UTC(10000, 0, 1)),
    });
    const listed = (await client.listAccessRequests()).find((r) => r.id === odd.id)!;
    expect(listed).toMatchObject({ accessExpires: null, maxDuration: null });
    expect(timesOutOfRange(listed)).toEqual(expect.arrayContaining(['accessExpires', 'maxDuration']));
  });
});
