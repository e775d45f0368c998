// The demo: two Teleport clusters (prod and staging), each with its own stand-in, trickle of
// activity and real relay process, posting into one sheet — the real built bundle in the local
// runtime behind Google's 302 flow — and a page that shows the spreadsheet's tabs live with the
// Teleport menu's items as buttons calling the real handlers.
import express from 'express';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { SHEET_NAME } from '../../../proto/contract.js';
import { setUpSecret } from '../../e2e/chain.js';
import { GasRuntime } from '../../gas/runtime.js';
import { startWebApp } from '../../gas/web-front.js';
import { until } from '../../until.js';
import { startCluster, type DemoCluster } from './clusters.js';
import { clickMenuItem, readMenus } from './menu.js';
import { tabNames, tabReader } from './sheet-view.js';

export const CLUSTERS = [
  { name: 'prod', publicAddr: 'prod.teleport.example.test:443', seed: 2026, perWorkday: 3 },
  { name: 'staging', publicAddr: 'staging.teleport.example.test:443', seed: 7, perWorkday: 2 },
] as const;

export interface Demo {
  url: string;
  runtime: GasRuntime;
  webAppUrl: string;
  clusters: DemoCluster[];
  stop(): Promise<void>;
}

export async function startDemo(options: { port?: number; activityEveryMs?: number } = {}): Promise<Demo> {
  const dir = await mkdtemp(join(tmpdir(), 'teleport-sheets-demo-'));
  const runtime = await GasRuntime.load('appsscript/dist');
  const secretFile = join(dir, 'secret');
  await writeFile(secretFile, `${setUpSecret(runtime)}\n`, { mode: 0o600 });
  const web = await startWebApp(runtime);
  const sheet = { dir, sheetUrl: web.url, secretFile, relay: { heartbeatInterval: '5s', batchLinger: '200ms' } };
  const activityEveryMs = options.activityEveryMs ?? 3000;
  const clusters = await Promise.all(CLUSTERS.map((plan) => startCluster({ ...plan, activityEveryMs }, sheet)));
  await untilReady(clusters);
  // The Dashboard as it stands once every relay's first listing is in, not as the first batch left it.
  runtime.invoke('refreshDashboard', 'menu');
  const server = await serve(runtime, clusters, options.port ?? 0);
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    runtime,
    webAppUrl: web.url,
    clusters,
    async stop() {
      await new Promise((resolve) => server.close(resolve));
      await Promise.all(clusters.map((c) => c.stop()));
      await web.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

function untilReady(clusters: DemoCluster[]): Promise<unknown> {
  const ready = (c: DemoCluster) =>
    c.relay.get('/readyz').then(
      (r) => r.status === 200,
      () => false,
    );
  return Promise.all(
    clusters.map((c) => until(`${c.name}-relay ready`, () => ready(c), Boolean, { timeoutMs: 60_000, intervalMs: 50 })),
  );
}

async function relayStates(clusters: DemoCluster[]) {
  return Promise.all(
    clusters.map(async (c) => ({
      cluster: c.name,
      relay: `${c.name}-relay`,
      state: await c.relay.get('/readyz').then(
        (r) => (r.status === 200 ? 'ready' : 'not ready'),
        () => 'down',
      ),
      events: c.events(),
    })),
  );
}

async function serve(runtime: GasRuntime, clusters: DemoCluster[], port: number): Promise<Server> {
  const page = await readFile(new URL('./page.html', import.meta.url), 'utf8');
  const chartJs = join(dirname(createRequire(import.meta.url).resolve('chart.js')), 'chart.umd.min.js');
  const readTab = tabReader(runtime);
  const app = express();
  app.use(express.json());
  app.get('/', (_req, res) => void res.type('html').send(page));
  app.get('/favicon.ico', (_req, res) => void res.status(204).end());
  app.get('/vendor/chart.umd.min.js', (_req, res) => res.sendFile(chartJs));
  app.get('/api/sheet', async (req, res) => {
    const tabs = tabNames(runtime);
    const asked = typeof req.query.tab === 'string' && tabs.includes(req.query.tab) ? req.query.tab : null;
    const wanted = asked ?? (tabs.includes(SHEET_NAME) ? SHEET_NAME : tabs[0]);
    const tab = wanted === undefined ? null : readTab(wanted);
    res.json({ tabs, tab, relays: await relayStates(clusters) });
  });
  app.get('/api/menu', (_req, res) => void res.json(readMenus(runtime)));
  app.post('/api/menu/:item', (req, res) => {
    const item = String(req.params.item);
    const known = readMenus(runtime).some((m) => m.items.some((i) => i.functionName === item));
    if (!known) return void res.status(404).json({ error: 'no such menu item' });
    const body = (req.body ?? {}) as { tab?: unknown; row?: unknown; answers?: unknown };
    // A selection is made on the live sheet only: a made spreadsheet's tab (an export) is shown, not selected.
    const live = typeof body.tab === 'string' && runtime.spreadsheet.getSheetByName(body.tab) !== null;
    const tab = live ? (body.tab as string) : undefined;
    const row = Number.isInteger(body.row) && (body.row as number) >= 1 ? (body.row as number) : 1;
    const answers = Array.isArray(body.answers) ? body.answers.map(String) : [];
    res.json(clickMenuItem(runtime, item, { ...(tab ? { tab } : {}), row }, answers));
  });
  return new Promise((resolve) => {
    const s = app.listen(port, '127.0.0.1', () => resolve(s));
  });
}
