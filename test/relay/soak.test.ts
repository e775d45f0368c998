// A month in the life of a relay, in minutes: the built relay (soak/relay-child.mjs, a process of
// its own) reaches the Teleport stand-in through an outbound CONNECT proxy, an L7 load balancer (the
// WebSocket connection upgrade) and the TLS-routing proxy, while its clock jumps through 20-minute
// tbot renewals (10-minute resyncs and 5-minute heartbeats fall due on the way); after every other
// renewal the stream, the load balancer's upgrade and the proxy tunnel are each cut once.
// Certificates outlive the month, so a timer that any reconnect left armed would still be armed at
// the end. Then: the sheet is right, what the relay holds has not grown since the warm-up, and
// SIGTERM ends the process by itself with exit code 0.
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConnectProxy, type ConnectProxy } from '../net/connect-proxy.js';
import { createWebCa } from '../net/web-pki.js';
import { freePort, relayConfigText } from '../e2e/relay-process.js';
import { newRequest, seededRandom } from '../e2e/workload.js';
import { startWebApp, type WebApp } from '../gas/web-front.js';
import { startLoadBalancer, type LoadBalancer } from '../teleport/load-balancer.js';
import { createCluster, issueIdentity, writeIdentityFile, type TestCluster } from '../teleport/pki.js';
import { startTlsRoutingProxy, type TlsRoutingProxy } from '../teleport/proxy.js';
import { startFakeTeleport, type FakeTeleport } from '../teleport/server.js';
import { until } from '../until.js';
import { SheetStandIn } from './sheet-stand-in.js';

/** A month of 20-minute renewals; SOAK_RENEWALS=n runs a shorter soak. */
const RENEWALS = Number(process.env.SOAK_RENEWALS ?? 2160);
const WARM_UP = Math.min(50, Math.floor(RENEWALS / 3));
const RENEWAL_MS = 20 * 60_000;
const DAY = 24 * 3600_000;
const TELEPORT = 'teleport.example.test:443';
const SECRET = 'soak-secret-'.padEnd(64, 'k');
const CHILD = join(import.meta.dirname, 'soak', 'relay-child.mjs');

interface Sample {
  heapUsed: number;
  alive: Record<string, number>;
  sleeps: number;
  processListeners: number;
}

let dir: string;
let cluster: TestCluster;
let offset = 0;
const simNow = () => Date.now() + offset;
let teleport: FakeTeleport;
let routing: TlsRoutingProxy;
let lb: LoadBalancer;
let proxy: ConnectProxy;
let web: WebApp;
let sheet: SheetStandIn;
let caFile: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'relay-soak-'));
  cluster = await createCluster('soak.example.test');
  teleport = await startFakeTeleport({ cluster, now: simNow, proxyPublicAddr: TELEPORT });
  routing = await startTlsRoutingProxy({ routes: { [cluster.name]: teleport.address } });
  const ca = await createWebCa();
  lb = await startLoadBalancer({ ...(await ca.issue(['teleport.example.test'])), upstream: routing.address });
  caFile = await ca.writeTo(join(dir, 'web-ca.pem'));
  proxy = await startConnectProxy({ hosts: { [TELEPORT]: lb.address } });
  sheet = new SheetStandIn(SECRET);
  web = await startWebApp(sheet.handler);
});
afterAll(async () => {
  await web?.close();
  await proxy?.close();
  await lb?.close();
  await routing?.close();
  await teleport?.close();
  await rm(dir, { recursive: true, force: true });
});

/** A fresh key and certificate on disk, as tbot writes them; valid past the simulated month. */
async function renewIdentity(): Promise<void> {
  const identity = await issueIdentity(cluster, {
    user: 'access-plugin',
    roles: ['access-plugin'],
    notAfter: new Date(simNow() + 40 * DAY),
  });
  await writeIdentityFile(join(dir, 'identity'), identity);
}

class Relay {
  private readonly replies: { type: string; [k: string]: unknown }[] = [];
  readonly exited: Promise<number | null>;

  constructor(readonly child: ChildProcess) {
    child.on('message', (m: { type: string }) => this.replies.push(m));
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  }

  async ask<T>(message: { type: string; ms?: number }, reply: string): Promise<T> {
    const seen = this.replies.length;
    this.child.send(message);
    return (await this.next(reply, seen)) as T;
  }

  async next(type: string, from = 0): Promise<unknown> {
    const found = () => this.replies.slice(from).find((m) => m.type === type);
    return until(`the relay's ${type} message`, found, Boolean, { timeoutMs: 60_000 });
  }
}

async function startRelay(): Promise<Relay> {
  const configFile = join(dir, 'relay.toml');
  const config = {
    addr: TELEPORT,
    mode: 'proxy' as const,
    identity: join(dir, 'identity'),
    sheetUrl: web.url,
    secretFile: join(dir, 'secret'),
    id: 'soak',
    refreshIdentityInterval: '20m',
    heartbeatInterval: '5m',
    resyncInterval: '10m',
    batchLinger: '10ms',
    sheetTimeout: '60s',
  };
  await writeFile(join(dir, 'secret'), SECRET, { mode: 0o600 });
  await writeFile(configFile, relayConfigText(config, await freePort()), { mode: 0o600 });
  const child = fork(CHILD, [configFile], {
    env: {
      PATH: process.env.PATH ?? '',
      HOME: dir,
      NODE_EXTRA_CA_CERTS: caFile,
      HTTPS_PROXY: proxy.url,
      ...(process.env.SOAK_LOG ? { SOAK_LOG: process.env.SOAK_LOG } : {}),
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const relay = new Relay(child);
  await relay.next('started');
  return relay;
}

/** Does `cut`, then waits until the relay is watching again on a new stream. */
async function reconnectAfter(cut: () => unknown): Promise<void> {
  const inits = teleport.stats.initsSent;
  await cut();
  await teleport.waitFor(() => teleport.stats.initsSent > inits, 30_000);
}

/** Life in the cluster, one change per cycle: new requests (valid past the month), reviews, removals. */
function change(i: number, random: () => number, gone: Map<string, string>): void {
  const all = teleport.requests();
  const pending = all.filter((r) => r.state === 'PENDING');
  if (i % 3 === 1 && pending.length > 0) {
    teleport.review(pending[0]!.id, { author: 'sre-lead', state: random() < 0.7 ? 'APPROVED' : 'DENIED' });
  } else if (i % 10 === 2 && all.length > 20) {
    const r = all[Math.floor(random() * all.length)]!;
    gone.set(r.id, `${r.id} ${r.state}/${r.reviews.length} EXPIRED`);
    teleport.deleteRequest(r.id);
  } else {
    const expires = new Date(simNow() + 60 * DAY);
    newRequest(teleport, random, { requestExpires: expires, accessExpires: expires });
  }
}

function expectedSheet(gone: Map<string, string>): string[] {
  const live = teleport.requests().map((r) => `${r.id} ${r.state}/${r.reviews.length}`);
  return [...live, ...gone.values()].sort();
}

const MiB = 1024 * 1024;
const describeSample = (s: Sample) =>
  `heap ${(s.heapUsed / MiB).toFixed(1)} MiB, sleeps ${s.sleeps}, listeners ${s.processListeners}, ` +
  `alive ${JSON.stringify(s.alive)}`;

/** The renewals, with the three cuts after every other one; samples the relay once warmed up. */
async function liveAMonth(relay: Relay, random: () => number, gone: Map<string, string>): Promise<Sample> {
  const renew = async () => {
    await renewIdentity();
    offset += RENEWAL_MS;
    await relay.ask({ type: 'jump', ms: RENEWAL_MS }, 'jumped');
  };
  const cuts = [
    () => teleport.dropStreams(random() < 0.5 ? 'unavailable' : 'reset'),
    () => lb.dropAll(),
    () => proxy.dropAll(),
  ];
  let warm: Sample | null = null;
  for (let i = 0; i < RENEWALS; i++) {
    await reconnectAfter(renew);
    if (i % 2 === 0) for (const cut of cuts) await reconnectAfter(cut);
    change(i, random, gone);
    if (i === WARM_UP - 1) warm = await relay.ask<Sample>({ type: 'sample' }, 'sample');
  }
  return warm!;
}

async function sheetMatches(gone: Map<string, string>): Promise<void> {
  const show = (rows: string[]) => {
    const expected = expectedSheet(gone);
    const missing = expected.filter((row) => !rows.includes(row));
    const extra = rows.filter((row) => !expected.includes(row));
    return `${rows.length} rows, expected ${expected.length}; missing ${missing.join(', ')}; extra ${extra.join(', ')}`;
  };
  await until(
    'the sheet to equal Teleport',
    () => sheet.state(),
    (rows) => rows.join() === expectedSheet(gone).join(),
    { timeoutMs: 60_000, show },
  );
}

/** Nothing grows with the reconnects: a leak of one thing per reconnect would be thousands. */
function expectFlat(warm: Sample, end: Sample): void {
  expect(end.sleeps).toBeLessThanOrEqual(warm.sleeps + 2);
  expect(end.processListeners).toBe(warm.processListeners);
  for (const [kind, n] of Object.entries(end.alive)) expect(n, kind).toBeLessThanOrEqual((warm.alive[kind] ?? 0) + 2);
  expect(end.heapUsed - warm.heapUsed).toBeLessThan(4 * MiB);
}

describe('soak', () => {
  it(`${RENEWALS} renewals, with stream, load-balancer and proxy drops between, then SIGTERM`, async () => {
    const random = seededRandom(41);
    for (let i = 0; i < 30; i++) newRequest(teleport, random, { accessExpires: new Date(simNow() + 60 * DAY) });
    await renewIdentity();
    const relay = await startRelay();
    const gone = new Map<string, string>();
    const started = teleport.stats.initsSent;
    const warm = await liveAMonth(relay, random, gone);
    const reconnects = teleport.stats.initsSent - started;
    await sheetMatches(gone);
    const end = await relay.ask<Sample>({ type: 'sample' }, 'sample');
    console.log(
      `  soak: ${reconnects} reconnects over ${(offset / DAY).toFixed(1)} simulated days; ` +
        `after warm-up: ${describeSample(warm)}; at the end: ${describeSample(end)}`,
    );
    expect(reconnects).toBeGreaterThanOrEqual(RENEWALS + 3 * Math.ceil(RENEWALS / 2));
    expect(sheet.violations).toEqual([]);
    expectFlat(warm, end);

    relay.child.kill('SIGTERM');
    const stopped = (await relay.next('stopped')) as { result: { flushed: boolean } };
    expect(stopped.result.flushed).toBe(true);
    const code = await until(
      'the relay process to end by itself after SIGTERM',
      () => relay.child.exitCode,
      (c) => c !== null,
      { timeoutMs: 20_000 },
    );
    expect(code).toBe(0);
    await relay.exited;
  }, 900_000);
});
