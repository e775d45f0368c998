import { afterEach, describe, expect, it } from 'vitest';
import { SHEET_NAME } from '../../../proto/contract.js';
import { Delivery } from '../../../relay/src/delivery/loop.js';
import { Outbox } from '../../../relay/src/delivery/outbox.js';
import { createSheetClient } from '../../../relay/src/delivery/sheet-client.js';
import { silentLogger } from '../../../relay/src/log.js';
import { RelayMetrics } from '../../../relay/src/metrics.js';
import { exponentialJitter } from '../../../relay/src/timing/backoff.js';
import { systemClock } from '../../../relay/src/timing/clock.js';
import { GasRuntime } from '../../gas/runtime.js';
import { startWebApp } from '../../gas/web-front.js';
import { setUpSecret } from '../../e2e/chain.js';
import { until } from '../../until.js';
import { request } from '../fixtures.js';

// One op the sheet refuses, queued ahead of good ones, against the real built bundle behind the
// 302 front. The op is put straight into the outbox, past the relay's own check, as a sheet with
// stricter rules than the relay's would see it. Needs `npm run build`.

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function harness(cluster = 'example.teleport.sh') {
  const runtime = await GasRuntime.load('appsscript/dist');
  const secret = setUpSecret(runtime);
  const web = await startWebApp(runtime);
  cleanups.push(() => web.close());
  const outbox = new Outbox(systemClock);
  const metrics = new RelayMetrics();
  const delivery = new Delivery({
    outbox,
    client: createSheetClient({ url: web.url, secret, timeoutMs: 30_000 }),
    header: Promise.resolve({ cluster, webUrl: 'https://example.teleport.sh', relay: 'test/1.0.0' }),
    clock: systemClock,
    logger: silentLogger(),
    metrics,
    lingerMs: 0,
    heartbeatIntervalMs: 3_600_000,
    backoff: exponentialJitter(5, 40),
  });
  const stop = new AbortController();
  const running = delivery.run(stop.signal);
  cleanups.push(async () => {
    stop.abort();
    await running;
  });
  const ids = () => {
    const sheet = runtime.spreadsheet.getSheetByName(SHEET_NAME);
    if (!sheet) return [];
    return Array.from({ length: sheet.getLastRow() - 1 }, (_, i) => String(sheet.cell(i + 2, 1).value)).sort();
  };
  return { outbox, metrics, delivery, web, ids };
}

const count = async (metrics: RelayMetrics, name: string) =>
  (await metrics.registry.getSingleMetric(name)!.get()).values.reduce((n, v) => n + v.value, 0);

describe('an op the sheet refuses as bad_request', () => {
  it('is found by halving the batch and set aside; every good op behind it reaches the sheet', async () => {
    const h = await harness();
    const good = Array.from({ length: 40 }, (_, i) => `good-${String(i).padStart(2, '0')}`);
    h.outbox.snapshot([
      ...good.slice(0, 13).map((id) => request(id)),
      request('poison', 'APPROVED', 0, { accessExpires: '+010000-01-01T00:00:00.000Z' }),
      ...good.slice(13).map((id) => request(id)),
    ]);
    await h.delivery.idle();
    expect(h.ids()).toEqual(good);
    expect(await count(h.metrics, 'teleport_sheets_ops_set_aside_total')).toBe(1);
    // The sync (which names the poison's id, as it exists in Teleport) went through as well.
    expect(h.delivery.status().syncsDelivered).toBe(1);
  });

  it('is never set aside by a sheet that refuses every batch: nothing is dropped', async () => {
    // A cluster name longer than the sheet accepts: every batch is refused, heartbeats too.
    const h = await harness('c'.repeat(2000));
    h.outbox.snapshot([request('a'), request('b'), request('c')]);
    await until(
      'twelve refused batches',
      () => count(h.metrics, 'teleport_sheets_delivery_failures_total'),
      (failures) => failures >= 12,
    );
    expect(await count(h.metrics, 'teleport_sheets_ops_set_aside_total')).toBe(0);
    expect(h.outbox.depth).toBe(4);
  });
});
