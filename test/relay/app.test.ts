import { until } from '../until.js';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { App } from '../../relay/src/app.js';
import { parseConfig, type RelayConfig } from '../../relay/src/config/parse.js';
import { loadCredentials } from '../../relay/src/teleport/credentials.js';
import { CredentialsError } from '../../relay/src/teleport/errors.js';
import { silentLogger } from '../../relay/src/log.js';
import { startWebApp, type WebApp } from '../gas/web-front.js';
import { createCluster, issueIdentity, writeIdentityFile, type TestCluster } from '../teleport/pki.js';
import { startFakeTeleport, type FakeTeleport } from '../teleport/server.js';
import { SheetStandIn } from './sheet-stand-in.js';

// The whole relay (App with the real Teleport side) between the Teleport stand-in over mTLS and
// the web-app front with Google's 302 flow.

const SECRET = 'app-test-secret-'.padEnd(64, 'x');
let cluster: TestCluster;
let dir: string;
const cleanups: (() => Promise<unknown> | void)[] = [];

beforeAll(async () => {
  cluster = await createCluster('example.com');
});

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setUp(overrides: Record<string, Record<string, unknown>> = {}) {
  dir = await mkdtemp(join(tmpdir(), 'relay-app-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  const identity = await issueIdentity(cluster, { user: 'access-plugin', roles: ['access-plugin'] });
  await writeIdentityFile(join(dir, 'identity'), identity);
  await writeFile(join(dir, 'secret'), SECRET, { mode: 0o600 });
  const teleport = await startFakeTeleport({ cluster });
  cleanups.push(() => teleport.close());
  const sheet = new SheetStandIn(SECRET);
  const web = await startWebApp(sheet.handler);
  cleanups.push(() => web.close());
  const config = configFor(teleport, web, overrides);
  return { teleport, sheet, web, config };
}

function configFor(
  teleport: FakeTeleport,
  web: WebApp,
  overrides: Record<string, Record<string, unknown>>,
): RelayConfig {
  const result = parseConfig(
    {
      teleport: { addr: teleport.address, identity: join(dir, 'identity'), mode: 'auth', ...overrides.teleport },
      sheet: { url: web.url, secret_file: join(dir, 'secret'), ...overrides.sheet },
      relay: { batch_linger: '10ms', ...overrides.relay },
      http: { listen: '127.0.0.1:0' },
    },
    {},
  );
  if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('\n'));
  return result.config;
}

function startApp(config: RelayConfig): App {
  const app = new App({ config, secret: SECRET, version: '9.9.9', logger: silentLogger() });
  cleanups.push(() => app.stop());
  return app;
}

describe('App', () => {
  it('is ready only once the first listing and its sync reached the sheet, then mirrors live changes', async () => {
    const { teleport, sheet, config } = await setUp();
    const a = teleport.createRequest({ user: 'alice' });
    const b = teleport.createRequest({ user: 'bob' });
    const app = startApp(config);
    expect(app.readiness().ready).toBe(false);
    await app.start();
    const readyz = `http://127.0.0.1:${app.httpPort}/readyz`;
    await until(
      'readiness',
      () => app.readiness(),
      (r) => r.ready,
    );
    expect((await fetch(readyz)).status).toBe(200);
    expect(sheet.live()).toEqual([`${a.id} PENDING/0`, `${b.id} PENDING/0`].sort());
    expect(sheet.applied.some(({ op }) => op.op === 'sync')).toBe(true);
    expect(sheet.heartbeats[0]).toMatchObject({ relay: expect.stringMatching(/\/9\.9\.9$/) });

    teleport.review(a.id, { author: 'carol', state: 'APPROVED' });
    teleport.deleteRequest(b.id);
    await until(
      'live changes',
      () =>
        app.outbox.idle && sheet.state().join() === [`${a.id} APPROVED/1`, `${b.id} PENDING/0 EXPIRED`].sort().join(),
    );

    const metrics = await (await fetch(`http://127.0.0.1:${app.httpPort}/metrics`)).text();
    expect(metrics).toMatch(/teleport_sheets_ops_applied_total [1-9]/);
    expect(metrics).toContain('teleport_sheets_outbox_depth 0');
  });

  it('links to the proxy public address from Ping, and names the cluster', async () => {
    const { teleport, sheet, config } = await setUp();
    teleport.createRequest();
    const app = startApp(config);
    await app.start();
    await until('the first row', () => sheet.rows.size === 1);
    expect(sheet.lastHeader).toMatchObject({ cluster: 'example.com', webUrl: 'https://teleport.example.com' });
  });

  it('re-lists everything when the sheet asks for it', async () => {
    const { teleport, sheet, config } = await setUp();
    teleport.createRequest();
    const app = startApp(config);
    await app.start();
    await until(
      'readiness',
      () => app.readiness(),
      (r) => r.ready,
    );
    const lists = teleport.stats.lists;
    sheet.resyncRequested = true;
    teleport.createRequest();
    await until('a second listing', () => teleport.stats.lists > lists && app.outbox.idle);
    expect(sheet.live()).toHaveLength(2);
  });

  it('is ready again by itself after Teleport restarts', async () => {
    const { teleport, config } = await setUp();
    const app = startApp(config);
    await app.start();
    await until(
      'readiness',
      () => app.readiness(),
      (r) => r.ready,
    );
    await teleport.restart();
    await until('the stream to drop or reconnect', () => !app.readiness().ready || teleport.stats.watchStreams > 1);
    await until(
      'readiness again',
      () => app.readiness(),
      (r) => r.ready,
    );
  });

  it('stop() delivers what is queued before closing', async () => {
    const { teleport, sheet, web, config } = await setUp();
    const app = startApp(config);
    await app.start();
    await until(
      'readiness',
      () => app.readiness(),
      (r) => r.ready,
    );
    web.setFaults(({ method }) => (method === 'POST' ? { kind: 'html_error' } : null));
    const late = teleport.createRequest({ user: 'late' });
    await until('failing deliveries', () => app.delivery.status().failures >= 2);
    web.setFaults(null);
    const result = await app.stop();
    expect(result).toEqual({ flushed: true, undelivered: 0 });
    expect(sheet.live()).toContain(`${late.id} PENDING/0`);
  });

  it('stop() gives up after shutdown_timeout when the sheet stays down, and says so', async () => {
    const { teleport, web, config } = await setUp({ relay: { shutdown_timeout: '300ms' } });
    const app = startApp(config);
    await app.start();
    await until(
      'readiness',
      () => app.readiness(),
      (r) => r.ready,
    );
    web.setFaults(() => ({ kind: 'status', status: 503 }));
    teleport.createRequest();
    await until('a failing delivery', () => app.delivery.status().failures >= 1);
    const result = await app.stop();
    expect(result.flushed).toBe(false);
    expect(result.undelivered).toBeGreaterThan(0);
  });

  it('refuses to start without a usable identity, with the code', async () => {
    const { config } = await setUp({ teleport: { identity: '/nonexistent/identity' } });
    const app = new App({ config, secret: SECRET, version: '1', logger: silentLogger() });
    const failure = await app.start().then(
      () => null,
      (err: unknown) => err,
    );
    expect(failure).toBeInstanceOf(CredentialsError);
    expect(failure).toMatchObject({ code: 'not_found', fix: expect.stringContaining('teleport.identity') });
  });

  it('reports a loop that stopped for good, so the process can exit and be restarted', async () => {
    const { config } = await setUp();
    const credentials = await loadCredentials(join(dir, 'identity'));
    const broken = {
      run: () => Promise.reject(new Error('bug')),
      requestResync: () => {},
      status: () => ({ connected: false, ping: null }),
      onSnapshot: () => () => {},
    };
    const app = new App({
      config,
      secret: SECRET,
      version: '1',
      logger: silentLogger(),
      teleport: {
        credentials: { start: async () => credentials, current: () => credentials, stop: () => {} },
        source: broken,
      },
    });
    cleanups.push(() => app.stop());
    await app.start();
    await expect(app.failed).resolves.toBe('watch');
  });

  it('is not ready when its certificate expires within minutes and has not been renewed', async () => {
    const { config } = await setUp();
    const soon = await issueIdentity(cluster, {
      user: 'access-plugin',
      roles: ['access-plugin'],
      notAfter: new Date(Date.now() + 120_000),
    });
    await writeIdentityFile(join(dir, 'identity'), soon);
    const app = startApp(config);
    await app.start();
    expect(app.readiness().checks.find((c) => c.name === 'credentials')).toMatchObject({
      ok: false,
      detail: expect.stringContaining('has not been renewed'),
    });
  });
});
