// The relay in-process (App with its real Teleport side) between the Teleport stand-in over mTLS
// and a web app stand-in with Google's 302 flow: how long an event waits before its POST, and
// what the first sync of a big cluster costs.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Batch } from '../../../proto/contract.js';
import { App } from '../../../relay/src/app.js';
import { parseConfig } from '../../../relay/src/config/parse.js';
import { silentLogger } from '../../../relay/src/log.js';
import { newRequest, seededRandom } from '../../e2e/workload.js';
import { startWebApp, type DoPostEvent, type WebApp } from '../../gas/web-front.js';
import { SheetStandIn } from '../../relay/sheet-stand-in.js';
import { issueIdentity, writeIdentityFile, type TestCluster } from '../../teleport/pki.js';
import { startFakeTeleport, type FakeTeleport } from '../../teleport/server.js';

const SECRET = 'bench-secret-'.padEnd(64, 'b');
const WAIT_MS = 120_000;

/** A batch the stand-in accepted, stamped when its POST reached the handler. */
export interface Arrival {
  batch: Batch;
  at: number;
}

/** Resolves when a batch satisfying `predicate` arrives (checked on every arrival). */
class Arrivals {
  readonly all: Arrival[] = [];
  private readonly waiters = new Set<(a: Arrival) => void>();

  record(arrival: Arrival): void {
    this.all.push(arrival);
    for (const waiter of [...this.waiters]) waiter(arrival);
  }

  next(predicate: (a: Arrival) => boolean, what: string): Promise<Arrival> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`bench: no ${what} within ${WAIT_MS / 1000} s`));
      }, WAIT_MS);
      const check = (a: Arrival) => {
        if (!predicate(a)) return;
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve(a);
      };
      this.waiters.add(check);
    });
  }
}

export const hasSync = (a: Arrival): boolean => a.batch.ops.some((op) => op.op === 'sync');

export interface Rig {
  teleport: FakeTeleport;
  web: WebApp;
  sheet: SheetStandIn;
  arrivals: Arrivals;
  dir: string;
  close(): Promise<void>;
}

/** The Teleport stand-in and a verifying sheet stand-in behind the 302 flow; no relay yet. */
export async function startRig(cluster: TestCluster, roles = ['access-plugin']): Promise<Rig> {
  const dir = await mkdtemp(join(tmpdir(), 'teleport-sheets-bench-'));
  await writeIdentityFile(join(dir, 'identity'), await issueIdentity(cluster, { user: 'access-plugin', roles }));
  await writeFile(join(dir, 'secret'), SECRET, { mode: 0o600 });
  const teleport = await startFakeTeleport({ cluster });
  const sheet = new SheetStandIn(SECRET);
  const arrivals = new Arrivals();
  const web = await startWebApp((e: DoPostEvent) => {
    const at = performance.now();
    const reply = sheet.handler(e);
    if (JSON.parse(reply.content).ok === true)
      arrivals.record({ batch: JSON.parse(e.postData!.contents) as Batch, at });
    return reply;
  });
  return {
    teleport,
    web,
    sheet,
    arrivals,
    dir,
    async close() {
      await web.close();
      await teleport.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

function startApp(rig: Rig, linger: string): App {
  const parsed = parseConfig(
    {
      teleport: { addr: rig.teleport.address, identity: join(rig.dir, 'identity'), mode: 'auth' },
      sheet: { url: rig.web.url, secret_file: join(rig.dir, 'secret') },
      relay: { batch_linger: linger },
      http: { listen: '127.0.0.1:0' },
    },
    {},
  );
  if (!parsed.ok) throw new Error(parsed.problems.map((p) => p.message).join('\n'));
  return new App({ config: parsed.config, secret: SECRET, version: 'bench', logger: silentLogger() });
}

/** ms from createRequest() to the arrival of the POST carrying that id, for `count` requests `gapMs` apart. */
export async function measureLatency(
  cluster: TestCluster,
  linger: string,
  count: number,
  gapMs: number,
): Promise<number[]> {
  const rig = await startRig(cluster);
  const app = startApp(rig, linger);
  try {
    const synced = rig.arrivals.next(hasSync, 'first sync');
    await app.start();
    await synced;
    const sent = new Map<string, number>();
    const samples: number[] = [];
    const everyOne = rig.arrivals.next((a) => {
      for (const op of a.batch.ops) {
        const created = op.op === 'upsert' ? sent.get(op.request.id) : undefined;
        if (created === undefined || op.op !== 'upsert') continue;
        sent.delete(op.request.id);
        samples.push(a.at - created);
      }
      return samples.length >= count;
    }, `POSTs for all ${count} requests`);
    const random = seededRandom(11);
    for (let i = 0; i < count; i++) {
      const id = randomUUID();
      sent.set(id, performance.now());
      newRequest(rig.teleport, random, { id });
      await new Promise((resolve) => setTimeout(resolve, gapMs));
    }
    await everyOne;
    return samples;
  } finally {
    await app.stop();
    await rig.close();
  }
}

export interface FirstSync {
  linger: string;
  requests: number;
  seconds: number;
  firstPostSeconds: number;
  posts: number;
  ops: number;
}

/** Seeds `n` requests, starts the relay, and times until the handler sees the closing sync. */
export async function measureFirstSync(cluster: TestCluster, n: number, linger: string): Promise<FirstSync> {
  const rig = await startRig(cluster);
  const random = seededRandom(5);
  for (let i = 0; i < n; i++) newRequest(rig.teleport, random);
  const app = startApp(rig, linger);
  try {
    const first = rig.arrivals.next(() => true, 'first POST');
    const synced = rig.arrivals.next(hasSync, 'first sync');
    const start = performance.now();
    await app.start();
    const [firstPost, sync] = await Promise.all([first, synced]);
    const upto = rig.arrivals.all.filter((a) => a.at <= sync.at);
    return {
      linger,
      requests: n,
      seconds: (sync.at - start) / 1000,
      firstPostSeconds: (firstPost.at - start) / 1000,
      posts: upto.length,
      ops: upto.reduce((sum, a) => sum + a.batch.ops.length, 0),
    };
  } finally {
    await app.stop();
    await rig.close();
  }
}
