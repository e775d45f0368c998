import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { Delivery, FULL_RETRY_MS } from '../../../relay/src/delivery/loop.js';
import { Outbox } from '../../../relay/src/delivery/outbox.js';
import { createSheetClient } from '../../../relay/src/delivery/sheet-client.js';
import { RelayMetrics } from '../../../relay/src/metrics.js';
import { startWebApp } from '../../gas/web-front.js';
import { until } from '../../until.js';
import { manualClock, request } from '../fixtures.js';
import { SheetStandIn } from '../sheet-stand-in.js';

// A full sheet (contract §12) through the delivery loop: every op kept, the sheet asked again no
// more often than every 5 minutes of the loop's clock (nothing else in between, whatever is queued
// meanwhile, shutting down included), the fix logged, counted, and everything delivered once
// there is room. The clock's sleeps end at once, so the 5 minutes are read from what was asked.

const SECRET = 'f'.repeat(64);
const HEADER = { cluster: 'example.teleport.sh', webUrl: 'https://example.teleport.sh', relay: 'test/1.0.0' };
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/**
 * A stand-in that answers full to its first `fullReplies` signed POSTs, then has room;
 * `beforePost(n)` runs as the n-th POST (from 1) arrives, before it is answered.
 */
async function harness(fullReplies: number, beforePost: (n: number) => Promise<void> | void = () => {}) {
  const sheet = new SheetStandIn(SECRET);
  /** POSTs and the loop's sleeps, in the order they happened. */
  const timeline: string[] = [];
  const fullPosts = () => sheet.posts.filter((p) => p.reply === 'full').length;
  const web = await startWebApp(async (e, { method }) => {
    if (method === 'POST') timeline.push('post');
    await beforePost(timeline.filter((t) => t === 'post').length);
    sheet.full = fullPosts() < fullReplies;
    return sheet.handler(e);
  });
  cleanups.push(() => web.close());
  const clock = manualClock(Date.now());
  const sleep = clock.sleep;
  clock.sleep = (ms, signal) => (timeline.push(`sleep ${ms}`), sleep(ms, signal));
  const logs: { level: number; msg: string; reason?: string }[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void logs.push(JSON.parse(line)) });
  const outbox = new Outbox(clock);
  const metrics = new RelayMetrics();
  const delivery = new Delivery({
    outbox,
    client: createSheetClient({ url: web.url, secret: SECRET }),
    header: Promise.resolve(HEADER),
    clock,
    logger,
    metrics,
    lingerMs: 0,
    heartbeatIntervalMs: 3_600_000,
  });
  const stop = new AbortController();
  const running = delivery.run(stop.signal);
  cleanups.push(async () => {
    stop.abort();
    await running;
  });
  return { sheet, web, timeline, logs, outbox, metrics, delivery, fullPosts };
}

/** Waits until the sheet has answered `full` n times. */
async function fullReplies(h: Awaited<ReturnType<typeof harness>>, n: number): Promise<void> {
  await until('full replies', h.fullPosts, (count) => count >= n, { intervalMs: 2 });
}

describe('delivery to a full sheet (contract §12)', () => {
  it('keeps every op, asks again only after 5 minutes, reports it, and catches up once there is room', async () => {
    const whileFull: unknown[] = [];
    const h = await harness(4, async (n) => {
      if (n !== 2) return;
      whileFull.push(h.delivery.status(), (await h.metrics.sheetFull.get()).values[0]!.value);
      // Ops queued while full wait for the next try; nothing is dropped, nothing sent early.
      h.outbox.put(request('a', 'APPROVED', 1));
      h.outbox.put(request('c'));
    });
    h.sheet.cells = 9_876_543;
    h.outbox.snapshot([request('a'), request('b')]);
    await fullReplies(h, 4);
    await h.delivery.idle();
    expect(whileFull).toEqual([expect.objectContaining({ sheetFull: true, lastFailure: 'full' }), 1]);

    expect(h.sheet.state()).toEqual(['a APPROVED/1', 'b PENDING/0', 'c PENDING/0']);
    const posts = h.sheet.posts.map((p) => p.reply);
    expect(posts.slice(0, 4)).toEqual(['full', 'full', 'full', 'full']);
    expect(posts.slice(4).every((reply) => reply === 'ok')).toBe(true);
    // Between two POSTs after a full reply the loop slept FULL_RETRY_MS or more, and nothing else.
    expect(afterEachFull(h.timeline, h.sheet.posts)).toEqual(Array(4).fill(`sleep ≥ ${FULL_RETRY_MS}`));

    expect(h.delivery.status()).toMatchObject({ sheetFull: false, lastFailure: null });
    expect((await h.metrics.sheetFull.get()).values[0]!.value).toBe(0);
    expect((await h.metrics.sheetGridCells.get()).values[0]!.value).toBe(9_876_543);
    expect((await h.metrics.sheetGridCellsLimit.get()).values[0]!.value).toBe(10_000_000);
    expect(await h.metrics.deliveryFailures.get()).toMatchObject({
      values: [expect.objectContaining({ labels: { reason: 'full' }, value: 4 })],
    });
    const errors = h.logs.filter((l) => l.level === 50 && l.reason === 'full');
    expect(errors).toHaveLength(4);
    expect(errors[0]!.msg).toMatch(/^the sheet is full: .*keeps every op.*Teleport → Archive….*delete tabs/);
  });

  it('shutting down does not hurry a full sheet: the next try still waits 5 minutes', async () => {
    const h = await harness(Infinity);
    h.outbox.put(request('a'));
    await fullReplies(h, 1);
    void h.delivery.drain(new AbortController().signal);
    await fullReplies(h, 3);
    expect(afterEachFull(h.timeline, h.sheet.posts).slice(0, 2)).toEqual(Array(2).fill(`sleep ≥ ${FULL_RETRY_MS}`));
  });
});

/**
 * For each POST answered full, what the loop did before its next POST: "sleep ≥ N" when it only
 * slept, and at least N in one sleep. The timeline's POSTs are matched to the sheet's in order.
 */
function afterEachFull(timeline: string[], posts: SheetStandIn['posts']): string[] {
  return posts.flatMap((post, i) => {
    if (post.reply !== 'full' || i + 1 >= posts.length) return [];
    const from = indexOfNth(timeline, 'post', i);
    const to = indexOfNth(timeline, 'post', i + 1);
    const between = timeline.slice(from + 1, to).map((e) => Number(e.replace('sleep ', '')));
    return [between.length === 1 && between[0]! >= FULL_RETRY_MS ? `sleep ≥ ${FULL_RETRY_MS}` : between.join(',')];
  });
}

function indexOfNth(timeline: string[], event: string, n: number): number {
  let seen = -1;
  return timeline.findIndex((e) => e === event && ++seen === n);
}
