import { afterEach, describe, expect, it } from 'vitest';
import { startHttpSurface, type HttpSurface, type Readiness } from '../../relay/src/http.js';
import { silentLogger } from '../../relay/src/log.js';
import { RelayMetrics } from '../../relay/src/metrics.js';

let surface: HttpSurface | null = null;
afterEach(async () => {
  await surface?.close();
  surface = null;
});

describe('HTTP surface', () => {
  it('serves liveness, readiness that follows the relay, metrics, and nothing else', async () => {
    let readiness: Readiness = { ready: false, checks: [{ name: 'first_sync', ok: false, detail: 'not yet' }] };
    const metrics = new RelayMetrics();
    let scrapes = 0;
    surface = await startHttpSurface({
      host: '127.0.0.1',
      port: 0,
      logger: silentLogger(),
      metrics,
      readiness: () => readiness,
      beforeScrape: () => {
        scrapes++;
        metrics.outboxDepth.set(7);
      },
    });
    const base = `http://127.0.0.1:${surface.port}`;

    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });

    const notReady = await fetch(`${base}/readyz`);
    expect(notReady.status).toBe(503);
    expect(await notReady.json()).toEqual(readiness);
    readiness = { ready: true, checks: [{ name: 'first_sync', ok: true, detail: 'done' }] };
    expect((await fetch(`${base}/readyz`)).status).toBe(200);

    metrics.deliveryFailures.inc({ reason: 'html_page' });
    const scrape = await fetch(`${base}/metrics`);
    expect(scrape.headers.get('content-type')).toContain('text/plain');
    const text = await scrape.text();
    expect(scrapes).toBe(1);
    expect(text).toContain('teleport_sheets_outbox_depth 7');
    expect(text).toContain('teleport_sheets_delivery_failures_total{reason="html_page"} 1');
    for (const name of [
      'events_total',
      'ops_applied_total',
      'ops_stale_total',
      'oldest_undelivered_age_seconds',
      'reconnects_total',
      'resyncs_total',
      'identity_expiry_timestamp_seconds',
    ]) {
      expect(text).toContain(`teleport_sheets_${name}`);
    }

    const other = await fetch(`${base}/config`);
    expect(other.status).toBe(404);
    expect(other.headers.get('x-powered-by')).toBeNull();
  });

  it('fails to start with the listen error when the port is taken', async () => {
    surface = await startHttpSurface({
      host: '127.0.0.1',
      port: 0,
      logger: silentLogger(),
      metrics: new RelayMetrics(),
      readiness: () => ({ ready: true, checks: [] }),
    });
    await expect(
      startHttpSurface({
        host: '127.0.0.1',
        port: surface.port,
        logger: silentLogger(),
        metrics: new RelayMetrics(),
        readiness: () => ({ ready: true, checks: [] }),
      }),
    ).rejects.toMatchObject({ code: 'EADDRINUSE' });
  });
});
