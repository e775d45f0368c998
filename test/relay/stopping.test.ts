// After stop(), nothing of the relay is left to keep the process up: no timer, socket or file watcher,
// whatever reconnected before (stream drops, resets, identity renewals, a hanging sheet). Measured
// with process.getActiveResourcesInfo(), which lists exactly what keeps the event loop alive.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { App } from '../../relay/src/app.js';
import { parseConfig, type RelayConfig } from '../../relay/src/config/parse.js';
import { silentLogger } from '../../relay/src/log.js';
import { startWebApp, type WebApp } from '../gas/web-front.js';
import { createCluster, issueIdentity, writeIdentityFile, type TestCluster } from '../teleport/pki.js';
import { startFakeTeleport, type FakeTeleport } from '../teleport/server.js';
import { until } from '../until.js';
import { SheetStandIn } from './sheet-stand-in.js';

const SECRET = 'stopping-test-secret-'.padEnd(64, 's');
let cluster: TestCluster;
const cleanups: (() => Promise<unknown> | void)[] = [];

beforeAll(async () => {
  cluster = await createCluster('example.com');
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface Rig {
  dir: string;
  teleport: FakeTeleport;
  web: WebApp;
  sheet: SheetStandIn;
  config: RelayConfig;
}

async function setUp(relay: Record<string, unknown> = {}): Promise<Rig> {
  const dir = await mkdtemp(join(tmpdir(), 'relay-stopping-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  await renewIdentity(dir);
  await writeFile(join(dir, 'secret'), SECRET, { mode: 0o600 });
  const teleport = await startFakeTeleport({ cluster });
  cleanups.push(() => teleport.close());
  const sheet = new SheetStandIn(SECRET);
  const web = await startWebApp(sheet.handler);
  cleanups.push(() => web.close());
  const parsed = parseConfig(
    {
      teleport: {
        addr: teleport.address,
        identity: join(dir, 'identity'),
        mode: 'auth',
        refresh_identity_interval: '1s',
      },
      sheet: { url: web.url, secret_file: join(dir, 'secret'), timeout: '2s' },
      relay: { batch_linger: '10ms', shutdown_timeout: '1s', ...relay },
      http: { listen: '127.0.0.1:0' },
    },
    {},
  );
  if (!parsed.ok) throw new Error(parsed.problems.map((p) => p.message).join('\n'));
  return { dir, teleport, web, sheet, config: parsed.config };
}

async function renewIdentity(dir: string): Promise<void> {
  await writeIdentityFile(
    join(dir, 'identity'),
    await issueIdentity(cluster, { user: 'access-plugin', roles: ['access-plugin'] }),
  );
}

/**
 * What keeps the event loop alive, by kind ("Timeout", "TCPSocketWrap", "FSEventWrap", ...). Pipes
 * are left out: the relay opens none, and the test runner's channel to its worker comes and goes.
 */
function aliveByKind(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const kind of process.getActiveResourcesInfo())
    if (kind !== 'PipeWrap') counts.set(kind, (counts.get(kind) ?? 0) + 1);
  return counts;
}

/** The kinds of which more are alive now than in `baseline`, with how many more. */
function beyond(baseline: Map<string, number>): string[] {
  return [...aliveByKind()]
    .filter(([kind, n]) => n > (baseline.get(kind) ?? 0))
    .map(([kind, n]) => `${kind} +${n - (baseline.get(kind) ?? 0)}`);
}

async function ready(app: App): Promise<void> {
  await until(
    'readiness',
    () => app.readiness(),
    (r) => r.ready,
  );
}

/** Cuts the live stream and waits for the relay to have listed again on a new one. */
async function drop(rig: Rig, app: App, how: 'unavailable' | 'reset'): Promise<void> {
  const lists = rig.teleport.stats.lists;
  rig.teleport.dropStreams(how);
  await until('a listing on a new stream', () => rig.teleport.stats.lists > lists && app.outbox.idle);
}

describe('stopping', () => {
  it('leaves no timer, socket or watcher of the relay after stop(), after drops and renewals', async () => {
    const rig = await setUp();
    rig.teleport.createRequest({ user: 'alice' });
    const baseline = aliveByKind();
    const app = new App({ config: rig.config, secret: SECRET, version: '1', logger: silentLogger() });
    await app.start();
    await ready(app);
    for (let i = 0; i < 6; i++) await drop(rig, app, i % 2 === 0 ? 'unavailable' : 'reset');
    for (let i = 0; i < 2; i++) {
      const streams = rig.teleport.stats.watchStreams;
      await renewIdentity(rig.dir);
      await until('a stream with the renewed identity', () => rig.teleport.stats.watchStreams > streams);
      await ready(app);
    }
    expect(await app.stop()).toEqual({ flushed: true, undelivered: 0 });
    const left = await until(
      'nothing of the relay left',
      () => beyond(baseline),
      (l) => l.length === 0,
      {
        timeoutMs: 10_000,
      },
    ).catch((err: Error) => err.message);
    expect(left).toEqual([]);
  });

  it('leaves nothing after stop() while the sheet hangs, and gives up after shutdown_timeout', async () => {
    const rig = await setUp();
    const baseline = aliveByKind();
    const app = new App({ config: rig.config, secret: SECRET, version: '1', logger: silentLogger() });
    await app.start();
    await ready(app);
    await drop(rig, app, 'reset');
    rig.web.setFaults(({ method }) => (method === 'POST' ? { kind: 'timeout' } : null));
    const posts = rig.web.posts;
    rig.teleport.createRequest({ user: 'late' });
    await until('a POST that hangs', () => rig.web.posts > posts);
    const result = await app.stop();
    expect(result.flushed).toBe(false);
    expect(result.undelivered).toBeGreaterThan(0);
    const left = await until(
      'nothing of the relay left',
      () => beyond(baseline),
      (l) => l.length === 0,
      {
        timeoutMs: 10_000,
      },
    ).catch((err: Error) => err.message);
    expect(left).toEqual([]);
  });
});
