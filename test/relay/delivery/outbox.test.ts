import { describe, expect, it } from 'vitest';
import {
  CONTRACT_VERSION,
  MAX_BODY_BYTES,
  MAX_OPS_PER_BATCH,
  encodeAsciiJson,
  type Op,
} from '../../../proto/contract.js';
import { batchBody } from '../../../relay/src/delivery/loop.js';
import { Outbox, type TakenBatch } from '../../../relay/src/delivery/outbox.js';
import { manualClock, request } from '../fixtures.js';

/** The ops of a taken batch, decoded from the JSON they are kept and sent as. */
function opsOf(batch: TakenBatch): Op[] {
  return batch.ops.map((json) => JSON.parse(json) as Op);
}

function drain(outbox: Outbox, maxOps = MAX_OPS_PER_BATCH, maxBytes = MAX_BODY_BYTES): Op[][] {
  const batches: Op[][] = [];
  for (let batch = outbox.take(maxOps, maxBytes); batch; batch = outbox.take(maxOps, maxBytes)) {
    batches.push(opsOf(batch));
    outbox.ack();
  }
  return batches;
}

function describeOps(ops: Op[]): string[] {
  return ops.map((op) =>
    op.op === 'upsert'
      ? `upsert ${op.request.id} ${op.request.state}/${op.request.reviews.length}`
      : op.op === 'delete'
        ? `delete ${op.id}`
        : op.op === 'sync'
          ? `sync ${op.ids.join(',')}`
          : op.op,
  );
}

describe('Outbox', () => {
  it('keeps only the newest op per request', () => {
    const outbox = new Outbox(manualClock());
    outbox.put(request('a', 'PENDING'));
    outbox.put(request('b', 'PENDING'));
    outbox.put(request('a', 'APPROVED', 1));
    outbox.remove('b');
    expect(outbox.depth).toBe(2);
    expect(drain(outbox).map(describeOps)).toEqual([['upsert a APPROVED/1', 'delete b']]);
    expect(outbox.idle).toBe(true);
  });

  it('never lets an older upsert replace a newer one (a stale listing after a PUT)', () => {
    const outbox = new Outbox(manualClock());
    outbox.put(request('a', 'APPROVED', 1));
    outbox.snapshot([request('a', 'PENDING', 0)]);
    expect(drain(outbox).map(describeOps)).toEqual([['upsert a APPROVED/1', 'sync a']]);
  });

  it('lets an equal version replace (fields change without a version bump); the later of upsert/delete wins', () => {
    const outbox = new Outbox(manualClock());
    outbox.put(request('a', 'PENDING', 0, { reason: 'old' }));
    outbox.put(request('a', 'PENDING', 0, { reason: 'new' }));
    outbox.remove('b');
    outbox.put(request('b', 'PENDING'));
    outbox.put(request('c', 'DENIED'));
    outbox.remove('c');
    const [ops] = drain(outbox);
    expect(describeOps(ops!)).toEqual(['upsert a PENDING/0', 'upsert b PENDING/0', 'delete c']);
    expect((ops![0] as { request: { reason: string } }).request.reason).toBe('new');
  });

  it('hands out a sync only after everything enqueued before it, and nothing after it ahead of it', () => {
    const outbox = new Outbox(manualClock());
    outbox.put(request('x'));
    outbox.snapshot([request('a'), request('b')]);
    outbox.put(request('c'));
    outbox.put(request('a', 'APPROVED', 1));
    const batches = drain(outbox, 2);
    expect(batches.map(describeOps)).toEqual([
      ['upsert x PENDING/0', 'upsert a PENDING/0'],
      ['upsert b PENDING/0', 'sync a,b'],
      ['upsert c PENDING/0', 'upsert a APPROVED/1'],
    ]);
  });

  it('puts the sync in the same batch as the last ops of its segment when it fits', () => {
    const outbox = new Outbox(manualClock());
    outbox.snapshot([request('a'), request('b')]);
    expect(drain(outbox).map(describeOps)).toEqual([['upsert a PENDING/0', 'upsert b PENDING/0', 'sync a,b']]);
  });

  it('keeps a nacked batch, coalesced with what arrived while it was in flight', () => {
    const outbox = new Outbox(manualClock());
    outbox.put(request('a'));
    outbox.put(request('b'));
    expect(describeOps(opsOf(outbox.take(500, MAX_BODY_BYTES)!))).toEqual(['upsert a PENDING/0', 'upsert b PENDING/0']);
    outbox.put(request('a', 'DENIED', 1));
    outbox.nack();
    expect(drain(outbox).map(describeOps)).toEqual([['upsert a DENIED/1', 'upsert b PENDING/0']]);
  });

  it('keeps an op that was replaced while its older version was in flight, after the ack', () => {
    const outbox = new Outbox(manualClock());
    outbox.put(request('a'));
    outbox.take(500, MAX_BODY_BYTES);
    outbox.put(request('a', 'APPROVED', 1));
    outbox.ack();
    expect(outbox.idle).toBe(false);
    expect(drain(outbox).map(describeOps)).toEqual([['upsert a APPROVED/1']]);
  });

  it('holds at most one waiting snapshot: later ones merge into it, so memory is bounded by requests', () => {
    const outbox = new Outbox(manualClock());
    const ids = Array.from({ length: 50 }, (_, i) => `r${i}`);
    outbox.snapshot(ids.map((id) => request(id)));
    outbox.take(10, MAX_BODY_BYTES); // the first segment stays in flight through every resync below
    for (let round = 0; round < 100; round++) {
      outbox.snapshot(ids.map((id) => request(id)));
      for (const id of ids) outbox.put(request(id, 'APPROVED', 1));
    }
    expect(outbox.depth).toBeLessThanOrEqual(3 * (ids.length + 1));
    outbox.ack();
    const batches = drain(outbox);
    const ops = batches.flat();
    const syncs = ops.filter((op) => op.op === 'sync');
    expect(syncs).toHaveLength(2);
    // once before the merged sync (the waiting segment) and once after it (the open one)
    expect(ops.filter((op) => op.op === 'upsert' && op.request.state === 'APPROVED')).toHaveLength(2 * ids.length);
    expect(describeOps(ops.slice(-ids.length))).toEqual(ids.map((id) => `upsert ${id} APPROVED/1`));
  });

  it('caps a batch at 500 ops', () => {
    const outbox = new Outbox(manualClock());
    outbox.snapshot(Array.from({ length: 1200 }, (_, i) => request(`r${i}`)));
    const sizes = drain(outbox).map((ops) => ops.length);
    expect(sizes).toEqual([500, 500, 200 + 1]);
  });

  it('caps a batch by encoded bytes, and still hands out one op larger than the cap', () => {
    const outbox = new Outbox(manualClock());
    const big = 'é'.repeat(50_000); // 6 ASCII bytes each once escaped: ~300 KB an op
    for (let i = 0; i < 5; i++) outbox.put(request(`r${i}`, 'PENDING', 0, { reason: big }));
    const batches = drain(outbox, 500, 700_000);
    expect(batches.map((b) => b.length)).toEqual([2, 2, 1]);
    expect(drain(outbox)).toEqual([]);
    outbox.put(request('huge', 'PENDING', 0, { reason: big }));
    expect(drain(outbox, 500, 1000).map((b) => b.length)).toEqual([1]);
  });

  it('reports depth and the age of the oldest undelivered op, keeping the first enqueue time when coalescing', () => {
    const clock = manualClock();
    const outbox = new Outbox(clock);
    expect(outbox.oldestUndeliveredSince()).toBeNull();
    outbox.put(request('a'));
    const first = clock.t;
    clock.t += 5000;
    outbox.put(request('a', 'APPROVED', 1));
    outbox.snapshot([request('a', 'APPROVED', 1)]);
    expect(outbox.oldestUndeliveredSince()).toBe(first);
    expect(outbox.depth).toBe(2);
    drain(outbox);
    expect(outbox.oldestUndeliveredSince()).toBeNull();
  });

  it('notifies listeners on every change', () => {
    const outbox = new Outbox(manualClock());
    let changes = 0;
    const off = outbox.onChange(() => changes++);
    outbox.put(request('a'));
    outbox.take(500, MAX_BODY_BYTES);
    outbox.ack();
    off();
    outbox.put(request('b'));
    expect(changes).toBe(2);
  });

  it('keeps each op as the JSON it is sent as: a joined batch is byte for byte the Batch encoded whole', () => {
    const outbox = new Outbox(manualClock());
    outbox.put(request('a', 'PENDING', 0, { reason: 'besoin d’accès — 今すぐ \ud800 "quoted"' }));
    outbox.remove('b');
    outbox.snapshot([request('c', 'APPROVED', 1, { user: 'zoë' })]);
    const taken = outbox.take(500, MAX_BODY_BYTES)!;
    const header = { cluster: 'c.example.com', webUrl: 'https://c.example.com', relay: 'r/1' };
    const ops = opsOf(taken);
    expect(batchBody(header, taken.ops)).toBe(encodeAsciiJson({ v: CONTRACT_VERSION, ...header, ops }));
    expect(taken.ops.every((json) => /^[\x20-\x7e]*$/.test(json))).toBe(true);
    expect(taken.bytes).toBe(taken.ops.reduce((n, json) => n + json.length + 1, 0));
    expect(taken.ids).toEqual(['a', 'b', 'c']);
    expect(describeOps(ops)).toEqual(['upsert a PENDING/0', 'delete b', 'upsert c APPROVED/1', 'sync c']);
  });
});
