import * as grpc from '@grpc/grpc-js';
import { describe, expect, it } from 'vitest';
import { fromTimestamp } from './schema.js';
import { serverStream, standInPerTest, unary, type Wire } from './test-client.js';

const the = standInPerTest();

function names(page: Wire): string[] {
  return (page.AccessRequests as Wire[]).map((r) => r.Metadata.Name as string);
}

describe('ListAccessRequests', () => {
  it('pages in id order with StartKey = NextKey until NextKey is empty', async () => {
    const ids = Array.from({ length: 5 }, () => the.teleport.createRequest().id).sort();
    the.teleport.setPageSize(2);
    const seen: string[] = [];
    let startKey = '';
    let pages = 0;
    do {
      const page = await unary(the.client, 'ListAccessRequests', { Limit: 0, StartKey: startKey });
      seen.push(...names(page));
      startKey = page.NextKey;
      pages += 1;
    } while (startKey !== '');
    expect(seen).toEqual(ids);
    expect(pages).toBe(3);
    expect(the.teleport.stats.lists).toBe(1);
    expect(the.teleport.stats.listPages).toBe(3);
  });

  it('as a broken backend, repeats the first page with a new NextKey each time', async () => {
    const ids = Array.from({ length: 3 }, () => the.teleport.createRequest().id).sort();
    the.teleport.setEndlessListing(true);
    const first = await unary(the.client, 'ListAccessRequests', { Limit: 2 });
    const second = await unary(the.client, 'ListAccessRequests', { Limit: 2, StartKey: first.NextKey });
    expect([names(first), names(second)]).toEqual([ids.slice(0, 2), ids.slice(0, 2)]);
    expect(first.NextKey).not.toBe('');
    expect(second.NextKey).not.toBe(first.NextKey);
  });

  it('honours a Limit smaller than the page cap', async () => {
    for (let i = 0; i < 3; i += 1) the.teleport.createRequest();
    const page = await unary(the.client, 'ListAccessRequests', { Limit: 1 });
    expect(page.AccessRequests).toHaveLength(1);
    expect(page.NextKey).not.toBe('');
  });

  it('rejects a Limit above 16000', async () => {
    await expect(unary(the.client, 'ListAccessRequests', { Limit: 16001 })).rejects.toMatchObject({
      code: grpc.status.INVALID_ARGUMENT,
    });
    expect((await unary(the.client, 'ListAccessRequests', { Limit: 16000 })).AccessRequests).toEqual([]);
  });

  it('skips requests whose expiry has passed', async () => {
    const past = new Date(Date.now() - 60_000);
    the.teleport.createRequest({
      created: new Date(Date.now() - 3_600_000),
      requestExpires: past,
      accessExpires: new Date(Date.now() + 3_600_000),
    });
    const live = the.teleport.createRequest();
    const page = await unary(the.client, 'ListAccessRequests', {});
    expect(names(page)).toEqual([live.id]);
    expect(fromTimestamp(page.AccessRequests[0].Spec.ResourceExpiry)?.getTime()).toBe(live.requestExpires!.getTime());
  });

  it('answers UNIMPLEMENTED when switched off, while GetAccessRequestsV2 streams every request', async () => {
    const ids = [the.teleport.createRequest().id, the.teleport.createRequest().id].sort();
    the.teleport.setListImplemented(false);
    await expect(unary(the.client, 'ListAccessRequests', {})).rejects.toMatchObject({
      code: grpc.status.UNIMPLEMENTED,
    });
    const { items, status } = await serverStream(the.client, 'GetAccessRequestsV2', {}).all();
    expect(status.code).toBe(grpc.status.OK);
    expect(items.map((r) => r.Metadata.Name)).toEqual(ids);
    expect(the.teleport.stats.legacyLists).toBe(1);
  });

  it.each(['unavailable', 'reset'] as const)(
    'failNextLists(1, %s) fails one list call as UNAVAILABLE, then lists again',
    async (code) => {
      const created = the.teleport.createRequest();
      the.teleport.failNextLists(1, code);
      await expect(unary(the.client, 'ListAccessRequests', {})).rejects.toMatchObject({
        code: grpc.status.UNAVAILABLE,
      });
      expect(names(await unary(the.client, 'ListAccessRequests', {}))).toEqual([created.id]);
    },
  );

  it('applies planned failures to the legacy stream too', async () => {
    the.teleport.failNextLists(1);
    const { status } = await serverStream(the.client, 'GetAccessRequestsV2', {}).all();
    expect(status.code).toBe(grpc.status.UNAVAILABLE);
  });
});
