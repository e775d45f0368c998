import * as grpc from '@grpc/grpc-js';
import { describe, expect, it } from 'vitest';
import { UNSET_SECONDS } from './schema.js';
import { StandInError } from './server.js';
import { connectClient, standInPerTest, unary, watchAccessRequests } from './test-client.js';

const the = standInPerTest();

describe('WatchEvents', () => {
  it('sends INIT first, with the confirmed kinds and no Type field on the wire', async () => {
    const raw = the.client.makeServerStreamRequest(
      '/proto.AuthService/WatchEvents',
      (request: Buffer) => request,
      (bytes: Buffer) => bytes,
      Buffer.from('0a100a0e6163636573735f72657175657374', 'hex'), // Watch{Kinds:[{Kind:"access_request"}]}
    );
    raw.on('error', () => undefined);
    const frame = await new Promise<Buffer>((resolve) => raw.once('data', resolve));
    raw.cancel();
    // The whole INIT message is one field: 43 (WatchStatus), length-delimited; field 1 is absent.
    expect(frame.subarray(0, 2).toString('hex')).toBe('da02');
    const length = frame[2]!;
    expect(length).toBeLessThan(0x80);
    expect(frame.length).toBe(3 + length);

    const stream = watchAccessRequests(the.client);
    const init = await stream.next();
    expect(init.Type).toBe('INIT');
    expect(init.Resource).toBe('WatchStatus');
    expect(init.WatchStatus.Spec.Kinds.map((k: { Kind: string }) => k.Kind)).toEqual(['access_request']);
    stream.call.cancel();
  });

  it('streams PUT and DELETE for every change, in order, to every open stream', async () => {
    const first = watchAccessRequests(the.client);
    const secondClient = connectClient(the.teleport.address, the.identity);
    const second = watchAccessRequests(secondClient);
    await first.next();
    await second.next();
    const created = the.teleport.createRequest({
      user: 'alice',
      roles: ['dba'],
      reason: 'incident 42',
      suggestedReviewers: ['bob'],
    });
    the.teleport.review(created.id, { author: 'bob', state: 'APPROVED', reason: 'ok' });
    the.teleport.deleteRequest(created.id);
    for (const stream of [first, second]) {
      const put = await stream.next();
      const reviewed = await stream.next();
      const deleted = await stream.next();
      expect([put.Type, reviewed.Type, deleted.Type]).toEqual(['PUT', 'PUT', 'DELETE']);
      expect(put.AccessRequest.Metadata.Name).toBe(created.id);
      expect(put.AccessRequest.Spec).toMatchObject({
        User: 'alice',
        Roles: ['dba'],
        State: 'PENDING',
        RequestReason: 'incident 42',
        SuggestedReviewers: ['bob'],
      });
      expect(put.AccessRequest.Spec.MaxDuration.seconds).toBe(UNSET_SECONDS);
      expect(put.AccessRequest.Spec.Thresholds).toHaveLength(1);
      expect(reviewed.AccessRequest.Spec.State).toBe('APPROVED');
      expect(reviewed.AccessRequest.Spec.Reviews[0]).toMatchObject({
        Author: 'bob',
        ProposedState: 'APPROVED',
        Reason: 'ok',
        ThresholdIndexes: [0],
      });
      expect(reviewed.AccessRequest.Metadata.Revision).not.toBe(put.AccessRequest.Metadata.Revision);
      expect(deleted.Resource).toBe('ResourceHeader');
      expect(deleted.ResourceHeader.Metadata.Name).toBe(created.id);
      stream.call.cancel();
    }
    await the.teleport.waitFor(() => the.teleport.stats.openStreams === 0);
    secondClient.close();
  });

  it('holds INIT for the configured delay, with earlier changes queued behind it', async () => {
    the.teleport.setInitDelay(1000);
    const stream = watchAccessRequests(the.client);
    await the.teleport.waitFor(() => the.teleport.stats.openStreams === 1);
    expect(the.teleport.stats.initsSent).toBe(0);
    const created = the.teleport.createRequest();
    const init = await stream.next();
    const put = await stream.next();
    expect(init.Type).toBe('INIT');
    expect(put.AccessRequest.Metadata.Name).toBe(created.id);
    stream.call.cancel();
  });

  it('never sends INIT when told so', async () => {
    the.teleport.setInitDelay('never');
    const stream = watchAccessRequests(the.client);
    await the.teleport.waitFor(() => the.teleport.stats.openStreams === 1);
    the.teleport.createRequest();
    await unary(the.client, 'Ping', {});
    expect(the.teleport.stats.initsSent).toBe(0);
    the.teleport.dropStreams('unavailable');
    const { items, status } = await stream.all();
    expect(items).toEqual([]);
    expect(status.code).toBe(grpc.status.UNAVAILABLE);
  });

  it.each(['unavailable', 'reset'] as const)('dropStreams(%s) ends every open stream as UNAVAILABLE', async (how) => {
    const stream = watchAccessRequests(the.client);
    await stream.next();
    the.teleport.dropStreams(how);
    const status = await stream.ended;
    expect(status.code).toBe(grpc.status.UNAVAILABLE);
    await the.teleport.waitFor(() => the.teleport.stats.openStreams === 0);
    const again = watchAccessRequests(the.client);
    expect((await again.next()).Type).toBe('INIT');
    again.call.cancel();
  });

  it('restart resets connections, then serves the same state on the same port', async () => {
    const created = the.teleport.createRequest();
    const port = the.teleport.port;
    const stream = watchAccessRequests(the.client);
    await stream.next();
    await the.teleport.restart();
    expect((await stream.ended).code).toBe(grpc.status.UNAVAILABLE);
    expect(the.teleport.port).toBe(port);
    expect(the.teleport.requests().map((r) => r.id)).toEqual([created.id]);
    const listed = await unary(the.client, 'ListAccessRequests', {});
    expect(listed.AccessRequests.map((r: { Metadata: { Name: string } }) => r.Metadata.Name)).toEqual([created.id]);
  });
});

describe('request lifetime rules', () => {
  it('accepts reviews only while pending, lets an admin deny an approval, keeps denials final', async () => {
    const approved = the.teleport.createRequest();
    the.teleport.review(approved.id, { author: 'bob', state: 'APPROVED' });
    expect(() => the.teleport.review(approved.id, { author: 'carol', state: 'DENIED' })).toThrow(StandInError);
    expect(the.teleport.setState(approved.id, 'DENIED', 'revoked').state).toBe('DENIED');
    expect(() => the.teleport.setState(approved.id, 'APPROVED')).toThrow(StandInError);
    const own = the.teleport.createRequest({ user: 'dave' });
    expect(() => the.teleport.review(own.id, { author: 'dave', state: 'APPROVED' })).toThrow(StandInError);
  });

  it('promotion resolves the request with the access list title on the wire', async () => {
    const stream = watchAccessRequests(the.client);
    await stream.next();
    const request = the.teleport.createRequest();
    const promoted = the.teleport.review(request.id, {
      author: 'bob',
      state: 'PROMOTED',
      promotedTo: 'Database admins',
    });
    expect(promoted.promotedTo).toBe('Database admins');
    await stream.next();
    const event = await stream.next();
    expect(event.AccessRequest.Spec.State).toBe('PROMOTED');
    expect(event.AccessRequest.Spec.accessList.Title).toBe('Database admins');
    stream.call.cancel();
  });
});
