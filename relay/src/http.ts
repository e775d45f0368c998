import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import type { Logger } from './log.js';
import type { RelayMetrics } from './metrics.js';

// The relay's HTTP surface: liveness, readiness and Prometheus metrics. Nothing else is served,
// and nothing here reveals request data or configuration.

export interface ReadinessCheck {
  name: string;
  ok: boolean;
  detail: string;
}
export interface Readiness {
  ready: boolean;
  checks: ReadinessCheck[];
}

export interface HttpSurfaceOptions {
  host: string;
  port: number;
  readiness: () => Readiness;
  metrics: RelayMetrics;
  /** Refreshes gauges that are computed rather than counted, just before a scrape. */
  beforeScrape?: () => void;
  logger: Logger;
}

export interface HttpSurface {
  host: string;
  port: number;
  close(): Promise<void>;
}

export async function startHttpSurface(o: HttpSurfaceOptions): Promise<HttpSurface> {
  const app = express();
  app.disable('x-powered-by');
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', (_req, res) => {
    const readiness = o.readiness();
    res.status(readiness.ready ? 200 : 503).json(readiness);
  });
  app.get('/metrics', async (_req, res) => {
    o.beforeScrape?.();
    res.type(o.metrics.registry.contentType).send(await o.metrics.registry.metrics());
  });
  app.use((_req, res) => {
    res.status(404).json({ error: 'not_found', message: 'Try /healthz, /readyz or /metrics.' });
  });

  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(o.port, o.host, (err?: Error) => (err ? reject(err) : resolve(s)));
    s.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  o.logger.info({ host: o.host, port }, 'serving /healthz, /readyz and /metrics');
  return {
    host: o.host,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
