import * as grpc from '@grpc/grpc-js';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCluster, issueIdentity, type IssuedIdentity, type TestCluster } from './pki.js';
import { fromTimestamp } from './schema.js';
import { startFakeTeleport, type FakeTeleport } from './server.js';
import { connectClient, serverStream, unary, type Wire } from './test-client.js';

let cluster: TestCluster;
let identity: IssuedIdentity;
let teleport: FakeTeleport;
let client: grpc.Client;

beforeAll(async () => {
  cluster = await createCluster('example.com');
  identity = await issueIdentity(cluster, { user: 'access-plugin', roles: ['access-plugin'] });
});

beforeEach(async () => {
  teleport = await startFakeTeleport({ cluster });
  client = connectClient(teleport.address, identity);
});

afterEach(async () => {
  client.close();
  await teleport.close();
});

function names(page: Wire): string[] {
  return (page.AccessRequests as Wire[]).map((r) => r.Metadata.Name as string);
}

describe('ListAccessRequests', () => {
  it('pages in id order with StartKey = NextKey until NextKey is empty', async () => {
    const ids = Array.from({ length: 5 }, () => teleport.createRequest().id).sort();
    teleport.setPageSize(2);
    const seen: string[] = [];
    let startKey = '';
    let pages = 0;
    do {
      const page = await unary(client, 'ListAccessRequests', { Limit: 0, StartKey: startKey });
      seen.push(...names(page));
      startKey = page.NextKey;
      pages += 1;
    } while (startKey !== '');
    expect(seen).toEqual(ids);
    expect(pages).toBe(3);
    expect(teleport.stats.lists).toBe(1);
    expect(teleport.stats.listPages).toBe(3);
  });

  it('honours a Limit smaller than the page cap', async () => {
    for (let i = 0; i < 3; i += 1) teleport.createRequest();
    const page = await unary(client, 'ListAccessRequests', { Limit: 1 });
    expect(page.AccessRequests).toHaveLength(1);
    expect(page.NextKey).not.toBe('');
  });

  it('rejects a Limit above 16000', async () => {
    await expect(unary(client, 'ListAccessRequests', { Limit: 16001 })).rejects.toMatchObject({ code: grpc.status.INVALID_ARGUMENT });
    expect((await unary(client, 'ListAccessRequests', { Limit: 16000 })).AccessRequests).toEqual([]);
  });

  it('skips requests whose expiry has passed', async () => {
    const past = new Date(Date.now() - 60_000);
    teleport.createRequest({ created: new Date(Date.now() - 3_600_000), requestExpires: past, accessExpires: new Date(Date.now() + 3_600_000) });
    const live = teleport.createRequest();
    const page = await unary(client, 'ListAccessRequests', {});
    expect(names(page)).toEqual([live.id]);
    expect(fromTimestamp(page.AccessRequests[0].Spec.ResourceExpiry)?.getTime()).toBe(live.requestExpires!.getTime());
  });

  it('answers UNIMPLEMENTED when switched off, while GetAccessRequestsV2 streams every request', async () => {
    const ids = [teleport.createRequest().id, teleport.createRequest().id].sort();
    teleport.setListImplemented(false);
    await expect(unary(client, 'ListAccessRequests', {})).rejects.toMatchObject({ code: grpc.status.UNIMPLEMENTED });
    const { items, status } = await serverStream(client, 'GetAccessRequestsV2', {}).all();
    expect(status.code).toBe(grpc.status.OK);
    expect(items.map((r) => r.Metadata.Name)).toEqual(ids);
    expect(teleport.stats.legacyLists).toBe(1);
  });

  it.each(['unavailable', 'reset'] as const)('failNextLists(1, %s) fails one list call as UNAVAILABLE, then lists again', async (code) => {
    const created = teleport.createRequest();
    teleport.failNextLists(1, code);
    await expect(unary(client, 'ListAccessRequests', {})).rejects.toMatchObject({ code: grpc.status.UNAVAILABLE });
    expect(names(await unary(client, 'ListAccessRequests', {}))).toEqual([created.id]);
  });

  it('applies planned failures to the legacy stream too', async () => {
    teleport.failNextLists(1);
    const { status } = await serverStream(client, 'GetAccessRequestsV2', {}).all();
    expect(status.code).toBe(grpc.status.UNAVAILABLE);
  });
});
