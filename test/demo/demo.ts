// The demo: the whole chain on loopback, a steady trickle of Teleport activity, and a page that
// shows the sheet live with the Teleport menu's actions as buttons calling the real handlers.
import express from 'express';
import { readFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SHEET_NAME } from '../../proto/contract.js';
import { Chain } from '../e2e/chain.js';
import { seedEveryState, seededRandom, step } from '../e2e/workload.js';
import { readSheet } from './sheet-view.js';

const MENU_ITEMS = new Set(['viewInTeleport', 'refreshFromTeleport', 'reformatSheet', 'relayStatus']);

export interface Demo {
  url: string;
  chain: Chain;
  stop(): Promise<void>;
}

export async function startDemo(
  options: { port?: number; activityEveryMs?: number; seed?: number } = {},
): Promise<Demo> {
  const chain = await Chain.start({
    cluster: 'demo.teleport.example',
    relay: { heartbeatInterval: '5s', batchLinger: '200ms' },
  });
  const random = seededRandom(options.seed ?? 2026);
  seedEveryState(chain.teleport, random);
  const relay = await chain.startRelay({ id: 'demo-relay' });
  let events = chain.teleport.requests().length;
  const trickle = setInterval(() => {
    step(chain.teleport, random);
    events++;
  }, options.activityEveryMs ?? 3000);

  const app = express();
  app.use(express.json());
  const page = await readFile(new URL('./page.html', import.meta.url), 'utf8');
  app.get('/', (_req, res) => {
    res.type('html').send(page);
  });
  app.get('/api/sheet', async (_req, res) => {
    const ready = await relay.get('/readyz').then(
      (r) => (r.status === 200 ? 'ready' : 'not ready'),
      () => 'down',
    );
    res.json({ sheet: readSheet(chain.runtime), relay: ready, events });
  });
  app.post('/api/menu/:item', (req, res) => {
    const item = String(req.params.item);
    if (!MENU_ITEMS.has(item)) return void res.status(404).json({ error: 'no such menu item' });
    const row = Number(req.body?.row);
    if (Number.isInteger(row) && row >= 1) chain.runtime.setActiveRange(SHEET_NAME, `A${row}`);
    chain.runtime.ui.clear();
    try {
      chain.runtime.invoke(item, 'menu');
    } catch (err) {
      return void res.json({ toasts: [], alerts: [{ title: 'Script error', prompt: String((err as Error).message) }] });
    }
    const { toasts, alerts, dialogs } = chain.runtime.ui;
    res.json({ toasts, alerts, dialog: dialogs.at(-1) ?? null });
  });

  const server: Server = await new Promise((resolve) => {
    const s = app.listen(options.port ?? 0, '127.0.0.1', () => resolve(s));
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return {
    url,
    chain,
    async stop() {
      clearInterval(trickle);
      await new Promise((resolve) => server.close(resolve));
      await relay.stop();
      await chain.close();
    },
  };
}
