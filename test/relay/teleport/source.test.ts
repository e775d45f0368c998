import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { decorrelatedJitter } from '../../../relay/src/timing/backoff.js';
import { systemClock } from '../../../relay/src/timing/clock.js';
import { CredentialStore } from '../../../relay/src/teleport/credentials.js';
import { silentLogger, type Logger } from '../../../relay/src/log.js';
import { RelayMetrics } from '../../../relay/src/metrics.js';
import { TeleportSource, type TeleportSourceOptions } from '../../../relay/src/teleport/source.js';
import { createCluster, issueIdentity, writeIdentityFile, type KeyType, type TestCluster } from '../../teleport/pki.js';
import { startTlsRoutingProxy } from '../../teleport/proxy.js';
import { startFakeTeleport, type FakeTeleport } from '../../teleport/server.js';
import { capturingLogger, expectedState, RecordingSink } from './harness.js';

let cluster: TestCluster;
let dir: string;
let teleport: FakeTeleport;
const cleanups: (() => void | Promise<void>)[] = [];

beforeAll(async () => {
  cluster = await createCluster('example.com');
  dir = await mkdtemp(join(tmpdir(), 'relay-source-'));
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function identityFile(
  name: string,
  roles = ['access-plugin'],
  keyType: KeyType = 'ecdsa',
  opts: { notAfter?: Date } = {},
): Promise<string> {
  const path = join(dir, name);
  await writeIdentityFile(path, await issueIdentity(cluster, { user: 'access-plugin', roles, keyType, ...opts }));
  return path;
}

interface Running {
  source: TeleportSource;
  sink: RecordingSink;
  metrics: RelayMetrics;
  store: CredentialStore;
  done: Promise<void>;
}

async function run(path: string, opts: Partial<TeleportSourceOptions> & { logger?: Logger } = {}): Promise<Running> {
  const metrics = new RelayMetrics();
  const logger = opts.logger ?? silentLogger();
  const store = new CredentialStore({ path, refresh: true, intervalMs: 60_000, clock: systemClock, logger, metrics });
  await store.start();
  const source = new TeleportSource({
    addr: teleport.address,
    mode: 'auth',
    credentials: store,
    clock: systemClock,
    logger,
    metrics,
    backoff: decorrelatedJitter(5, 50),
    slowRetryMs: 100,
    ...opts,
  });
  const sink = new RecordingSink();
  const abort = new AbortController();
  const done = source.run(sink, abort.signal);
  cleanups.push(async () => {
    abort.abort();
    await done;
    store.stop();
  });
  return { source, sink, metrics, store, done };
}

async function counter(
  metric: { get(): Promise<{ values: { labels: Record<string, unknown>; value: number }[] }> },
  labels: Record<string, string>,
): Promise<number> {
  const values = (await metric.get()).values.filter((v) => Object.entries(labels).every(([k, l]) => v.labels[k] === l));
  return values.reduce((sum, v) => sum + v.value, 0);
}

function sameAsTeleport(sink: RecordingSink): boolean {
  const expected = expectedState(teleport.requests());
  if (expected.size !== sink.state.size) return false;
  return [...expected].every(([id, r]) => JSON.stringify(sink.state.get(id)) === JSON.stringify(r));
}

describe('TeleportSource against the stand-in', () => {
  beforeAll(async () => {
    teleport = await startFakeTeleport({ cluster });
  });
  afterAll(async () => {
    await teleport.close();
  });

  it('lists after INIT, then follows PUT and DELETE events', async () => {
    const existing = teleport.createRequest({ user: 'alice', roles: ['db'] });
    const { sink, source, metrics } = await run(await identityFile('follow.pem'));
    await sink.until(() => sink.snapshots() === 1);
    expect(sink.state.has(existing.id)).toBe(true);
    expect(source.status()).toMatchObject({
      connected: true,
      route: 'auth',
      ping: { clusterName: 'example.com' },
      lastError: null,
    });

    const fresh = teleport.createRequest({ user: 'bob', roles: ['ops'] });
    teleport.review(fresh.id, { author: 'carol', state: 'APPROVED', reason: 'ok' });
    teleport.deleteRequest(existing.id);
    await sink.until(() => sameAsTeleport(sink));
    expect(sink.calls.slice(1).map((c) => c.kind)).toEqual(['put', 'put', 'remove']);
    expect(await counter(metrics.events, { type: 'put' })).toBe(2);
    expect(await counter(metrics.resyncs, { trigger: 'connect' })).toBe(1);
    expect((await metrics.streamUp.get()).values[0]?.value).toBe(1);
  });

  it('follows through a TLS-routing Proxy, in proxy and auto mode', async () => {
    const proxy = await startTlsRoutingProxy({ routes: { 'example.com': teleport.address } });
    cleanups.push(() => proxy.close());
    for (const mode of ['proxy', 'auto'] as const) {
      const { sink, source } = await run(await identityFile(`proxy-${mode}.pem`), { addr: proxy.address, mode });
      await sink.until(() => sink.snapshots() === 1);
      expect(source.status().route).toBe('proxy');
      const r = teleport.createRequest({ user: `via-${mode}`, roles: ['db'] });
      await sink.until(() => sink.state.has(r.id));
      expect(sameAsTeleport(sink)).toBe(true);
    }
  });

  it('re-lists on requestResync and reports it by trigger', async () => {
    const { sink, source, metrics } = await run(await identityFile('resync.pem'));
    await sink.until(() => sink.snapshots() === 1);
    let fired = 0;
    source.onSnapshot(() => (fired += 1));
    source.requestResync('sheet');
    await sink.until(() => sink.snapshots() === 2);
    expect(fired).toBe(1);
    expect(await counter(metrics.resyncs, { trigger: 'sheet' })).toBe(1);
    expect(sameAsTeleport(sink)).toBe(true);
  });

  it('heals after streams and listings fail many times mid-sync', async () => {
    const { sink, metrics } = await run(await identityFile('drops.pem'));
    await sink.until(() => sink.snapshots() === 1);
    for (let round = 0; round < 6; round += 1) {
      const r = teleport.createRequest({ user: `user-${round}`, roles: ['db'] });
      teleport.failNextLists(round % 3, round % 2 ? 'reset' : 'unavailable');
      teleport.dropStreams(round % 2 ? 'reset' : 'unavailable');
      // Changes made while the relay is away are not replayed: only the next listing shows them.
      if (round % 2) teleport.review(r.id, { author: 'rev', state: 'DENIED' });
      if (round === 4) teleport.deleteRequest(teleport.requests()[0]!.id);
      const before = sink.snapshots();
      await sink.until(() => sink.snapshots() > before);
    }
    await sink.until(() => sameAsTeleport(sink));
    expect(await counter(metrics.reconnects, {})).toBeGreaterThanOrEqual(6);
  });

  it('reconnects when INIT never comes', async () => {
    teleport.setInitDelay('never');
    try {
      const streams = teleport.stats.watchStreams;
      const { sink, metrics } = await run(await identityFile('noinit.pem'), { initTimeoutMs: 150 });
      await teleport.waitFor(() => teleport.stats.watchStreams >= streams + 3);
      expect(await counter(metrics.reconnects, { reason: 'init_timeout' })).toBeGreaterThanOrEqual(2);
      expect(sink.snapshots()).toBe(0);
      teleport.setInitDelay(0);
      await sink.until(() => sink.snapshots() === 1);
    } finally {
      teleport.setInitDelay(0);
    }
  });

  it('says which role rule is missing on PERMISSION_DENIED and keeps retrying', async () => {
    const { logger, until } = capturingLogger();
    const { source } = await run(await identityFile('viewer.pem', ['viewer']), { logger });
    const line = await until((l) => l.code === 'permission_denied');
    expect(line.fix).toContain('verbs [list, read]');
    expect(source.status().lastError).toMatchObject({
      code: 'permission_denied',
      fix: expect.stringContaining('access_request'),
    });
    const denied = teleport.stats.denied;
    await teleport.waitFor(() => teleport.stats.denied >= denied + 2);
  });

  it('uses rotated credentials (a new key each time) for the next connection', async () => {
    const path = await identityFile('rotating.pem', ['access-plugin'], 'rsa');
    const { logger, until } = capturingLogger();
    const { sink, source, metrics } = await run(path, { logger });
    await sink.until(() => sink.snapshots() === 1);

    // Rotating to a role that may not read proves the new certificate is the one presented.
    await writeIdentityFile(
      path,
      await issueIdentity(cluster, { user: 'access-plugin', roles: ['viewer'], keyType: 'ed25519' }),
    );
    await until((l) => l.code === 'permission_denied');
    expect(await counter(metrics.reconnects, { reason: 'identity_changed' })).toBe(1);

    await writeIdentityFile(
      path,
      await issueIdentity(cluster, { user: 'access-plugin', roles: ['access-plugin'], keyType: 'ecdsa' }),
    );
    await sink.until(() => sink.snapshots() === 2);
    expect(source.status()).toMatchObject({ connected: true, lastError: null });
  });

  it('reconnects as the certificate expires and then reports the expired identity', async () => {
    const { logger, until } = capturingLogger();
    const path = await identityFile('expiring.pem', ['access-plugin'], 'ecdsa', {
      notAfter: new Date(Date.now() + 2_500),
    });
    const { sink, source, metrics } = await run(path, { logger });
    await sink.until(() => sink.snapshots() === 1);
    const line = await until((l) => l.code === 'credentials');
    expect(String(line.err)).toContain('expired at');
    expect(await counter(metrics.reconnects, { reason: 'identity_expiring' })).toBe(1);
    expect(source.status().connected).toBe(false);
  });
});
