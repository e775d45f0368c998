import { describe, expect, it } from 'vitest';
import type { UsageOp } from '../../../proto/contract.js';
import { composeBatch, type BatchParts } from '../../../relay/src/delivery/batch.js';
import { Outbox } from '../../../relay/src/delivery/outbox.js';
import { classifyReply } from '../../../relay/src/delivery/reply.js';
import { UsageQueue } from '../../../relay/src/usage/queue.js';
import { manualClock, request } from '../fixtures.js';

// What goes in one POST once usage ops exist (contract §13): version 2 bodies only when allowed,
// usage ops only behind every queued request op.

const header = { cluster: 'c', webUrl: 'https://c.example', relay: 'r/1' };
const usage = (id: string, sessions = 1): UsageOp => ({
  op: 'usage',
  id,
  assumed: null,
  firstUsed: '2026-01-01T00:00:00.000Z',
  lastUsed: '2026-01-01T00:00:00.000Z',
  sessions,
  kinds: ['ssh'],
});

function parts(outbox: Outbox, queue: UsageQueue | null, maxOps = 500): BatchParts {
  return { header, v: queue ? 2 : 1, heartbeat: null, maxOps, outbox, usage: queue };
}

describe('composeBatch', () => {
  it('puts usage ops after every queued request op, in a version 2 body', () => {
    const outbox = new Outbox(manualClock());
    const queue = new UsageQueue();
    outbox.put(request('a', 'APPROVED', 1));
    queue.put(usage('a'));
    const batch = composeBatch(parts(outbox, queue))!;
    expect(JSON.parse(batch.body)).toMatchObject({ v: 2, ops: [{ op: 'upsert' }, { op: 'usage', id: 'a' }] });
    expect(batch).toMatchObject({ outboxOps: 1, usageOps: 1 });
  });

  it('holds usage ops back while request ops wait beyond this batch', () => {
    const outbox = new Outbox(manualClock());
    const queue = new UsageQueue();
    for (const id of ['a', 'b', 'c']) outbox.put(request(id, 'APPROVED', 1));
    queue.put(usage('a'));
    const batch = composeBatch(parts(outbox, queue, 2))!;
    expect(batch.usageOps).toBe(0);
    outbox.ack();
    expect(composeBatch(parts(outbox, queue, 2))).toMatchObject({ outboxOps: 1, usageOps: 1 });
  });

  it('sends no usage op and a version 1 body when usage may not go', () => {
    const outbox = new Outbox(manualClock());
    outbox.put(request('a', 'APPROVED', 1));
    expect(JSON.parse(composeBatch(parts(outbox, null))!.body).v).toBe(1);
  });

  it('keeps the newest usage per request, and one sent meanwhile replaced stays queued after the ack', () => {
    const queue = new UsageQueue();
    queue.put(usage('a', 1));
    queue.take(10, 10_000);
    queue.put(usage('a', 2));
    queue.ack();
    expect(queue.depth).toBe(1);
    expect(JSON.parse(queue.take(10, 10_000)!.ops[0]!).sessions).toBe(2);
  });
});

describe('classifyReply and accepts (contract §13)', () => {
  const reply = (body: object) =>
    classifyReply({ kind: 'response', status: 200, contentType: 'application/json', body: JSON.stringify(body) }, 1);

  it('reads accepts from an ok reply, and a reply without it as a sheet from before', () => {
    expect(reply({ ok: true, applied: 1, stale: 0, resync: false, accepts: 2 })).toMatchObject({ accepts: 2 });
    expect(reply({ ok: true, applied: 1, stale: 0, resync: false })).not.toHaveProperty('accepts');
    expect(reply({ ok: true, applied: 1, stale: 0, resync: false, accepts: 'two' })).not.toHaveProperty('accepts');
  });
});
