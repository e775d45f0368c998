import { afterEach, describe, expect, it } from 'vitest';
import { startWebApp, type Fault } from '../../gas/web-front.js';
import { exponentialJitter } from '../../../relay/src/timing/backoff.js';
import { systemClock } from '../../../relay/src/timing/clock.js';
import { Delivery } from '../../../relay/src/delivery/loop.js';
import { silentLogger } from '../../../relay/src/log.js';
import { RelayMetrics } from '../../../relay/src/metrics.js';
import { Outbox } from '../../../relay/src/delivery/outbox.js';
import { createSheetClient } from '../../../relay/src/delivery/sheet-client.js';
import { manualClock, request } from '../fixtures.js';
import { SheetStandIn } from '../sheet-stand-in.js';
import { until } from '../../until.js';

// The delivery loop against Google's web-app HTTP behaviour (302 flow, error pages, resets,
// timeouts) in front of a handler with the sheet's semantics. Whatever fails, the sheet's final
// state equals what was enqueued, and no sync is applied before the upserts it follows.

const SECRET = 'k'.repeat(64);
const HEADER = { cluster: 'example.teleport.sh', webUrl: 'https://example.teleport.sh', relay: 'test/1.0.0' };
const cleanups: (() => Promise<void> | void)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function harness(options: { secret?: string; faults?: (n: number) => Fault | null; heartbeatMs?: number } = {}) {
  const sheet = new SheetStandIn(SECRET);
  const web = await startWebApp(sheet.handler, {
    faults: options.faults ? ({ method, n }) => (method === 'POST' ? options.faults!(n) : null) : undefined,
  });
  cleanups.push(() => web.close());
  const outbox = new Outbox(systemClock);
  const metrics = new RelayMetrics();
  const resyncs: number[] = [];
  const delivery = new Delivery({
    outbox,
    client: createSheetClient({ url: web.url, secret: options.secret ?? SECRET, timeoutMs: 500 }),
    header: Promise.resolve(HEADER),
    clock: systemClock,
    logger: silentLogger(),
    metrics,
    lingerMs: 5,
    heartbeatIntervalMs: options.heartbeatMs ?? 3_600_000,
    backoff: exponentialJitter(5, 40),
    onResync: () => resyncs.push(1),
  });
  const stop = new AbortController();
  const running = delivery.run(stop.signal);
  cleanups.push(async () => {
    stop.abort();
    await running;
  });
  return { sheet, web, outbox, delivery, metrics, resyncs };
}

/**
 * The same story every fault test tells: a listing, live changes, a second listing. Returns the
 * rows that must be live at the end (b and c may be EXPIRED or, when coalesced away before
 * they were ever sent, absent: both are right).
 */
function enqueueStory(outbox: Outbox): string[] {
  outbox.snapshot([request('a'), request('b'), request('c', 'APPROVED', 1)]);
  outbox.put(request('a', 'APPROVED', 1));
  outbox.remove('b');
  outbox.put(request('d'));
  outbox.snapshot([request('a', 'PENDING', 0), request('d'), request('e', 'DENIED', 1)]);
  outbox.put(request('e', 'DENIED', 2));
  return ['a APPROVED/1', 'd PENDING/0', 'e DENIED/2'];
}

describe('Delivery', () => {
  it('delivers batches through the 302 flow and sends a heartbeat with stats', async () => {
    const h = await harness();
    const expected = enqueueStory(h.outbox);
    await h.delivery.idle();
    expect(h.sheet.live()).toEqual(expected);
    expect(h.sheet.violations).toEqual([]);
    expect(h.sheet.heartbeats[0]).toMatchObject({
      relay: 'test/1.0.0',
      stats: expect.objectContaining({ outboxDepth: expect.any(Number) }),
    });
    expect(h.delivery.status()).toMatchObject({ failingSince: null, failures: 0 });
    // 2, or 1 when the second listing merged into the first
    expect(h.delivery.status().syncsDelivered).toBeGreaterThanOrEqual(1);
  });

  const FAULTS: [string, Fault][] = [
    ['an Apps Script HTML error page', { kind: 'html_error' }],
    ['a request that never answers', { kind: 'timeout' }],
    ['a connection reset before the script runs', { kind: 'reset' }],
    ['a reply lost after the script ran', { kind: 'lost_reply' }],
    ['HTTP 502', { kind: 'status', status: 502 }],
    ['HTTP 503', { kind: 'status', status: 503 }],
  ];
  it.each(FAULTS)('retries through %s and drops nothing', async (_name, fault) => {
    const h = await harness({ faults: (n) => (n <= 3 ? fault : null) });
    const expected = enqueueStory(h.outbox);
    await h.delivery.idle();
    expect(h.sheet.live()).toEqual(expected);
    expect(h.sheet.violations).toEqual([]);
    expect(h.delivery.status().failures).toBeGreaterThanOrEqual(3);
    expect(h.delivery.status().failingSince).toBeNull();
  });

  it('retries while the sheet answers busy', async () => {
    const h = await harness();
    h.sheet.busyCalls = 4;
    const expected = enqueueStory(h.outbox);
    await h.delivery.idle();
    expect(h.sheet.live()).toEqual(expected);
    expect(h.delivery.status().failures).toBe(4);
    expect(await h.metrics.deliveryFailures.get()).toMatchObject({
      values: [expect.objectContaining({ labels: { reason: 'busy' }, value: 4 })],
    });
  });

  it('keeps retrying a refused signature until the secret is fixed, then delivers everything', async () => {
    const h = await harness();
    h.sheet.secret = 'another secret entirely, rotated in the sheet';
    const expected = enqueueStory(h.outbox);
    await until(
      'three refused batches',
      () => h.delivery.status().failures,
      (failures) => failures >= 3,
    );
    expect(h.delivery.status().lastFailure).toBe('bad_signature');
    expect(h.sheet.rows.size).toBe(0);
    h.sheet.secret = SECRET;
    await h.delivery.idle();
    expect(h.sheet.live()).toEqual(expected);
  });

  it('keeps changes made while a batch is failing, coalesced', async () => {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let calls = 0;
    const h = await harness({ faults: () => (++calls <= 2 ? { kind: 'html_error' } : null) });
    h.outbox.put(request('a'));
    const off = h.outbox.onChange(() => {
      if (h.delivery.status().failures >= 1) release();
    });
    await released;
    off();
    h.outbox.put(request('a', 'DENIED', 1));
    h.outbox.put(request('b'));
    await h.delivery.idle();
    expect(h.sheet.state()).toEqual(['a DENIED/1', 'b PENDING/0']);
  });

  it('splits large listings into batches of at most 500 ops, the sync last', async () => {
    const h = await harness();
    const ids = Array.from({ length: 1234 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
    h.outbox.snapshot(ids.map((id) => request(id)));
    await h.delivery.idle();
    const perBatch = new Map<number, number>();
    for (const { batch } of h.sheet.applied) perBatch.set(batch, (perBatch.get(batch) ?? 0) + 1);
    expect(Math.max(...perBatch.values())).toBeLessThanOrEqual(500);
    expect(h.sheet.applied.filter((a) => a.op.op === 'upsert')).toHaveLength(ids.length);
    expect(h.sheet.applied.at(-1)!.op).toMatchObject({ op: 'sync' });
    expect(h.sheet.violations).toEqual([]);
  });

  it('sends non-ASCII request text as ASCII-only JSON that round-trips', async () => {
    const h = await harness();
    h.outbox.put(request('a', 'PENDING', 0, { reason: 'Zugriff für 🚀 — bitte', user: 'žofie' }));
    await h.delivery.idle();
    expect(h.sheet.rows.get('a')!.request).toMatchObject({ reason: 'Zugriff für 🚀 — bitte', user: 'žofie' });
  });

  it('calls back when the reply asks for a resync', async () => {
    const h = await harness();
    h.sheet.resyncRequested = true;
    h.outbox.put(request('a'));
    await h.delivery.idle();
    expect(h.resyncs).toHaveLength(1);
  });

  it('lingers to gather a fresh trickle, never in front of a backlog', async () => {
    const sheet = new SheetStandIn(SECRET);
    const web = await startWebApp(sheet.handler);
    cleanups.push(() => web.close());
    const clock = manualClock(Date.now());
    const outbox = new Outbox(clock);
    const delivery = new Delivery({
      outbox,
      client: createSheetClient({ url: web.url, secret: SECRET }),
      header: Promise.resolve(HEADER),
      clock,
      logger: silentLogger(),
      metrics: new RelayMetrics(),
      lingerMs: 250,
      heartbeatIntervalMs: 3_600_000,
    });
    const stop = new AbortController();
    const running = delivery.run(stop.signal);
    cleanups.push(async () => {
      stop.abort();
      await running;
    });

    outbox.snapshot(Array.from({ length: 1200 }, (_, i) => request(`r${i}`)));
    await delivery.idle();
    expect(sheet.live()).toHaveLength(1200);
    expect(clock.sleeps.filter((ms) => ms === 250)).toEqual([]);

    // Once the loop waits for work again (its heartbeat sleep), a single change is gathered.
    await until(
      'the loop waiting for work',
      () => clock.sleeps.length,
      (sleeps) => sleeps > 0,
    );
    outbox.put(request('late'));
    await delivery.idle();
    expect(clock.sleeps.filter((ms) => ms === 250)).toEqual([250]);
  });
});
