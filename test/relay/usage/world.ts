import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import type { UsageOp } from '../../../proto/contract.js';
import { App } from '../../../relay/src/app.js';
import { parseConfig, type RelayConfig } from '../../../relay/src/config/parse.js';
import { silentLogger, type Logger } from '../../../relay/src/log.js';
import type { Clock } from '../../../relay/src/timing/clock.js';
import { startWebApp, type WebApp } from '../../gas/web-front.js';
import { issueIdentity, writeIdentityFile, type TestCluster } from '../../teleport/pki.js';
import { startFakeTeleport, type FakeTeleport, type StandInRequest } from '../../teleport/server.js';
import { SheetStandIn } from '../sheet-stand-in.js';

// The whole relay (App with the real Teleport side) between the Teleport stand-in over mTLS and the
// web-app front with Google's 302 flow, set up for reading usage from the stand-in's audit log.

export const SECRET = 'usage-test-secret-'.padEnd(64, 'u');
export const HOUR = 3_600_000;
const cleanups: (() => Promise<unknown> | void)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

export interface World {
  dir: string;
  teleport: FakeTeleport;
  sheet: SheetStandIn;
  web: WebApp;
  config: RelayConfig;
}

export interface WorldOptions {
  /** The relay's roles; default the guide's role plus the `event` rule. */
  roles?: string[];
  toml?: Record<string, Record<string, unknown>>;
  /** What the sheet's replies say in `accepts`; default 2, null for a sheet from before §13. */
  accepts?: number | null;
}

export async function world(cluster: TestCluster, o: WorldOptions = {}): Promise<World> {
  const dir = await mkdtemp(join(tmpdir(), 'relay-usage-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  const identity = await issueIdentity(cluster, { user: 'access-plugin', roles: o.roles ?? ['access-plugin-usage'] });
  await writeIdentityFile(join(dir, 'identity'), identity);
  await writeFile(join(dir, 'secret'), SECRET, { mode: 0o600 });
  const teleport = await startFakeTeleport({ cluster });
  cleanups.push(() => teleport.close());
  const sheet = new SheetStandIn(SECRET);
  sheet.accepts = o.accepts === undefined ? 2 : o.accepts;
  const web = await startWebApp(sheet.handler);
  cleanups.push(() => web.close());
  const t = o.toml ?? {};
  const result = parseConfig(
    {
      teleport: { addr: teleport.address, identity: join(dir, 'identity'), mode: 'auth', ...t.teleport },
      sheet: { url: web.url, secret_file: join(dir, 'secret'), ...t.sheet },
      relay: { batch_linger: '10ms', heartbeat_interval: '1s', ...t.relay },
      usage: { ...t.usage },
      http: { listen: '127.0.0.1:0' },
    },
    {},
  );
  if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('\n'));
  return { dir, teleport, sheet, web, config: result.config };
}

export async function startRelay(w: World, o: { clock?: Clock; logger?: Logger } = {}): Promise<App> {
  const app = new App({
    config: w.config,
    secret: SECRET,
    version: '9.9.9',
    logger: o.logger ?? silentLogger(),
    ...(o.clock ? { clock: o.clock } : {}),
  });
  cleanups.push(() => app.stop());
  await app.start();
  return app;
}

/** An approved request whose access runs from an hour ago to an hour from now. */
export function approved(teleport: FakeTeleport, user: string): StandInRequest {
  const now = Date.now();
  const r = teleport.createRequest({ user, created: new Date(now - HOUR), accessExpires: new Date(now + HOUR) });
  return teleport.review(r.id, { author: 'security', state: 'APPROVED' });
}

/** Every usage op the sheet applied, in order. */
export function usageOps(sheet: SheetStandIn): UsageOp[] {
  return sheet.applied.flatMap(({ op }) => (op.op === 'usage' ? [op] : []));
}

export const iso = (ms: number) => new Date(ms).toISOString();
