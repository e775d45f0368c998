// A month in the life of a relay, in minutes: the relay in a process of its own (soak/relay-child.ts)
// reaches the Teleport stand-in through an outbound CONNECT proxy, an L7 load balancer (the WebSocket
// connection upgrade) and the TLS-routing proxy. Its clock steps through the month ten minutes at a
// time, each step a resync and a heartbeat; tbot renews the identity on disk every other step (every
// 20 minutes), and after every other renewal the stream, the load balancer's upgrade and the proxy
// tunnel are each cut once. The suite lives the first 400 renewals (5.6 days, 1,000 reconnects); the
// whole month (SOAK_RENEWALS=2160) is over 1,000 reconnects of each kind (5,400 in all: some 150 s of
// CPU in the relay and 140 s in the test, a reconnect being two TLS handshakes on each side, a listing
// and a POST). Certificates outlive the month, so a timer that any reconnect left armed would still be
// armed at the end.
//
// Every reconnect and every step ends only once the relay watches again on a stream it has listed and
// has delivered all it holds, and the clock moves only then: no POST or wait for INIT is ever cut
// short by a jump, so a delivery that failed is a finding, not noise. The relay's short delays
// (backoff, settle, linger) pass at once (jumping-clock.ts), so the soak's time goes to the relay's
// real work, and the real waits are counted. At the end a last step lists everything again, so the
// sheet must equal Teleport exactly, at once; what the relay holds must not have grown since the
// warm-up; SIGTERM must end the process by itself with exit code 0.
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConnectProxy, type ConnectProxy } from '../net/connect-proxy.js';
import { createWebCa } from '../net/web-pki.js';
import { freePort, relayConfigText } from '../e2e/relay-process.js';
import { newRequest, seededRandom } from '../e2e/workload.js';
import { startWebApp, type WebApp } from '../gas/web-front.js';
import { startLoadBalancer, type LoadBalancer } from '../teleport/load-balancer.js';
import {
  createCluster,
  issueIdentity,
  identityFileText,
  type IssuedIdentity,
  type TestCluster,
} from '../teleport/pki.js';
import { startTlsRoutingProxy, type TlsRoutingProxy } from '../teleport/proxy.js';
import { startFakeTeleport, type FakeTeleport } from '../teleport/server.js';
import { SheetStandIn } from './sheet-stand-in.js';

const DAY = 24 * 3600_000;
const STEP_MS = 10 * 60_000;
/**
 * 400 renewals (1,000 reconnects: 400 on a renewed identity, 200 of each cut) keep the suite's soak to a
 * couple of minutes; SOAK_RENEWALS=2160 lives the whole month of 20-minute renewals (over 1,000 of each kind).
 */
const RENEWALS = Number(process.env.SOAK_RENEWALS ?? 400);
/** V8 goes on compiling the hot paths for the first few hundred reconnects: not a leak. */
const WARM_UP = Math.min(150, Math.floor(RENEWALS / 3));
const REPLY_TIMEOUT_MS = 60_000;
const TELEPORT = 'teleport.example.test:443';
const SECRET = 'soak-secret-'.padEnd(64, 'k');
const CHILD = join(import.meta.dirname, 'soak', 'relay-child.ts');

interface Sample {
  heapUsed: number;
  alive: Record<string, number>;
  sleeps: number;
  realWaits: number;
  processListeners: number;
  deliveryFailures: number;
  cpuMs: number;
}
type Reply = { type: string; now?: number; [k: string]: unknown };

let dir: string;
let cluster: TestCluster;
/** The test's clock follows the relay's, which runs a little ahead (its short delays take no time). */
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
  renewals = await issueRenewals();
  sheet = new SheetStandIn(SECRET);
  sheet.keepApplied = false;
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

/**
 * tbot's renewals, issued once: tbot signs a later certificate every time, but signing one costs more
 * than the reconnect it causes, so four with the same validity (past the month) take turns. Each write
 * is still a new key and certificate to the relay, which refuses only an older one.
 */
async function issueRenewals(): Promise<IssuedIdentity[]> {
  const second = Math.floor(Date.now() / 1000) * 1000;
  const validity = { notBefore: new Date(second - 60_000), notAfter: new Date(second + 40 * DAY) };
  const issue = () => issueIdentity(cluster, { user: 'access-plugin', roles: ['access-plugin'], ...validity });
  return Promise.all([issue(), issue(), issue(), issue()]);
}
let renewals: IssuedIdentity[];
/** Written beside, then renamed into place: the relay's short delays take no time here, so a write in
 *  place would have it re-read a half-written file at once and again (its retry is a test of its own). */
async function renew(i: number): Promise<void> {
  await writeFile(join(dir, 'identity.next'), identityFileText(renewals[i % renewals.length]!), { mode: 0o600 });
  await rename(join(dir, 'identity.next'), join(dir, 'identity'));
}

/** The relay process, asked over IPC; its replies are awaited as they come (no polling). */
class Relay {
  private readonly waiting = new Map<string, (reply: Reply) => void>();
  readonly exited: Promise<number | null>;

  constructor(readonly child: ChildProcess) {
    child.on('message', (reply: Reply) => {
      if (reply.now !== undefined) offset = Math.max(offset, reply.now - Date.now());
      this.waiting.get(reply.type)?.(reply);
    });
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  }

  async ask<T = Reply>(message: { type: string; ms?: number }, reply: string): Promise<T> {
    const answered = this.next(reply);
    this.child.send(message);
    return (await answered) as T;
  }

  next(type: string): Promise<Reply> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(type);
        reject(new Error(`no ${type} message from the relay within ${REPLY_TIMEOUT_MS} ms`));
      }, REPLY_TIMEOUT_MS);
      this.waiting.set(type, (reply) => {
        clearTimeout(timer);
        this.waiting.delete(type);
        resolve(reply);
      });
    });
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
    heartbeatInterval: '10m',
    resyncInterval: '10m',
    batchLinger: '10ms',
    sheetTimeout: '60s',
  };
  await writeFile(join(dir, 'secret'), SECRET, { mode: 0o600 });
  await writeFile(configFile, relayConfigText(config, await freePort()), { mode: 0o600 });
  const child = fork(CHILD, [configFile], {
    execArgv: ['--import', 'tsx'],
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

type Kind = 'renewal' | 'stream' | 'load balancer' | 'proxy tunnel';
const reconnects: Record<Kind, number> = { renewal: 0, stream: 0, 'load balancer': 0, 'proxy tunnel': 0 };

/** Does `cut`, waits for the new stream's INIT, then until the relay has listed and delivered. */
async function reconnectAfter(relay: Relay, kind: Kind, cut: () => unknown): Promise<void> {
  const inits = teleport.stats.initsSent;
  await cut();
  await teleport.waitFor(() => teleport.stats.initsSent > inits, 30_000);
  await relay.ask({ type: 'settle' }, 'settled');
  reconnects[kind] += 1;
}

/**
 * Life in the cluster, one change per cycle: new requests (valid past the month), reviews, removals
 * that keep some 30 requests live. Everything in Teleport has been listed and delivered when a change
 * is made (every reconnect ends so), so a request removed here has had its row.
 */
function change(i: number, random: () => number, gone: Map<string, string>): void {
  const all = teleport.requests();
  const pending = all.filter((r) => r.state === 'PENDING');
  if (i % 3 === 1 && pending.length > 0) {
    teleport.review(pending[0]!.id, { author: 'sre-lead', state: random() < 0.7 ? 'APPROVED' : 'DENIED' });
  } else if (i % 3 === 2 && all.length > 30) {
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
const cpuSeconds = (ms: number) => (ms / 1000).toFixed(1);
const describeSample = (s: Sample) =>
  `heap ${(s.heapUsed / MiB).toFixed(1)} MiB, sleeps ${s.sleeps}, listeners ${s.processListeners}, ` +
  `alive ${JSON.stringify(s.alive)}`;

/** The renewals, two steps each, with the three cuts after every other one; samples once warmed up. */
async function liveAMonth(relay: Relay, random: () => number, gone: Map<string, string>): Promise<Sample> {
  const cuts: [Kind, () => void][] = [
    ['stream', () => teleport.dropStreams(random() < 0.5 ? 'unavailable' : 'reset')],
    ['load balancer', () => lb.dropAll()],
    ['proxy tunnel', () => proxy.dropAll()],
  ];
  let warm: Sample | null = null;
  for (let i = 0; i < RENEWALS; i++) {
    await reconnectAfter(relay, 'renewal', () => renew(i + 1));
    for (let s = 0; s < 2; s++) await relay.ask({ type: 'step', ms: STEP_MS }, 'stepped');
    if (i % 2 === 0) for (const [kind, cut] of cuts) await reconnectAfter(relay, kind, cut);
    change(i, random, gone);
    if (i === WARM_UP - 1) warm = await relay.ask<Sample>({ type: 'sample' }, 'sample');
  }
  return warm!;
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
    await renew(0);
    const relay = await startRelay();
    const started = simNow();
    const gone = new Map<string, string>();
    const warm = await liveAMonth(relay, random, gone);
    // One more step: a listing after the last change, so the sheet must be right now, not eventually.
    await relay.ask({ type: 'step', ms: STEP_MS }, 'stepped');
    expect(sheet.state()).toEqual(expectedSheet(gone));
    const end = await relay.ask<Sample>({ type: 'sample' }, 'sample');
    console.log(
      `  soak: ${JSON.stringify(reconnects)} reconnects over ${((simNow() - started) / DAY).toFixed(1)} ` +
        `simulated days, ${end.realWaits} real waits, CPU ${cpuSeconds(end.cpuMs)} s in the relay and ` +
        `${cpuSeconds((process.cpuUsage().user + process.cpuUsage().system) / 1000)} s in the test; ` +
        `after warm-up: ${describeSample(warm)}; at the end: ${describeSample(end)}`,
    );
    const each = RENEWALS >= 2000 ? 1000 : Math.ceil(RENEWALS / 2);
    for (const [kind, n] of Object.entries(reconnects)) expect(n, kind).toBeGreaterThanOrEqual(each);
    expect(sheet.violations).toEqual([]);
    expect(end.deliveryFailures).toBe(0);
    expectFlat(warm, end);

    relay.child.kill('SIGTERM');
    const stopped = (await relay.next('stopped')) as { result?: { flushed: boolean } };
    expect(stopped.result?.flushed).toBe(true);
    const timeout = new Promise((_resolve, reject) => {
      setTimeout(() => reject(new Error('the relay process did not end by itself after SIGTERM')), 20_000).unref();
    });
    expect(await Promise.race([relay.exited, timeout])).toBe(0);
  }, 1_800_000);
});
