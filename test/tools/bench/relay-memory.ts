// Resident memory of the real relay process (`node dist/relay/src/cli.js start`), read from
// /proc/<pid>/status, before and after it has listed and delivered a big cluster. The process
// runs alone, so the stand-ins' memory is not in the figure.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { newRequest, seededRandom } from '../../e2e/workload.js';
import { RelayProcess } from '../../e2e/relay-process.js';
import type { TestCluster } from '../../teleport/pki.js';
import { hasSync, startRig } from './relay-live.js';

export interface MemorySample {
  rssKiB: number;
  peakRssKiB: number;
  heapUsedBytes: number | null;
  heapTotalBytes: number | null;
}
export interface MemoryResult {
  requests: number;
  /** Just after its first sync of an empty cluster: the heap V8 grew while loading is still committed. */
  started: MemorySample;
  /** Idle, once V8's memory reducer has given back what start-up grew. */
  idle: MemorySample;
  after: MemorySample;
  /** Once V8 has collected what the burst left (heap used back near idle), or the last sample. */
  settled: MemorySample;
  idleSeconds: number;
  settleSeconds: number;
}

const SETTLE_POLL_MS = 5_000;
const SETTLE_LIMIT_MS = 180_000;

/** The pid of the process whose command line names this (unique) config file. */
export async function pidOf(configFile: string): Promise<number> {
  for (const entry of await readdir('/proc')) {
    if (!/^[0-9]+$/.test(entry)) continue;
    const cmdline = await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '');
    if (cmdline.split('\0').includes(configFile)) return Number(entry);
  }
  throw new Error(`bench: no process runs with ${configFile}`);
}

function statusKiB(status: string, field: string): number {
  const match = new RegExp(`^${field}:\\s+([0-9]+) kB`, 'm').exec(status);
  if (!match) throw new Error(`bench: /proc status has no ${field}`);
  return Number(match[1]);
}

/** RSS and peak RSS from /proc; heap used as the relay's own /metrics reports it (no forced GC). */
async function sample(relay: RelayProcess, pid: number): Promise<MemorySample> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const metrics = await relay.get('/metrics');
  const gauge = (name: string) => {
    const match = new RegExp(`^nodejs_heap_size_${name}_bytes ([0-9.e+]+)$`, 'm').exec(metrics.body);
    return match ? Number(match[1]) : null;
  };
  return {
    rssKiB: statusKiB(status, 'VmRSS'),
    peakRssKiB: statusKiB(status, 'VmHWM'),
    heapUsedBytes: gauge('used'),
    heapTotalBytes: gauge('total'),
  };
}

/** Where the relay's inspector listens: node prints it when started with --inspect=127.0.0.1:0. */
export function inspectorUrl(relay: RelayProcess): string {
  for (const line of relay.output) {
    const match = /Debugger listening on (ws:\/\/\S+)/.exec(line);
    if (match) return match[1]!;
  }
  throw new Error('bench: the relay was not started with --inspect, or has not said where it listens');
}

/** A full GC in the relay through its inspector (HeapProfiler.collectGarbage), then a sample: what is retained. */
export async function sampleRetained(relay: RelayProcess, pid: number, inspector: string): Promise<MemorySample> {
  const { default: WebSocket } = await import('ws');
  const ws = new WebSocket(inspector);
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  const call = (id: number) =>
    new Promise<void>((resolve) => {
      const onMessage = (data: Buffer) => {
        if ((JSON.parse(data.toString('utf8')) as { id?: number }).id !== id) return;
        ws.off('message', onMessage);
        resolve();
      };
      ws.on('message', onMessage);
      ws.send(JSON.stringify({ id, method: 'HeapProfiler.collectGarbage' }));
    });
  // Twice: the first full GC runs finalizers that free more for the second.
  await call(1);
  await call(2);
  ws.close();
  return sample(relay, pid);
}

/** V8's memory reducer has run: the heap it grew for a burst is given back (committed within 1.25× of used). */
export function heapGivenBack(s: MemorySample): boolean {
  return s.heapUsedBytes !== null && s.heapTotalBytes !== null && s.heapTotalBytes <= 1.25 * s.heapUsedBytes;
}

/**
 * Samples every few seconds while the relay idles (heartbeats only) until `done`, or the limit.
 * No GC is forced: V8 gives memory back by itself when the process goes quiet, in steps.
 */
export async function settle(
  relay: RelayProcess,
  pid: number,
  done: (s: MemorySample) => boolean,
): Promise<[MemorySample, number]> {
  const start = Date.now();
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, SETTLE_POLL_MS));
    const now = await sample(relay, pid);
    if (done(now) || Date.now() - start >= SETTLE_LIMIT_MS) return [now, Math.round((Date.now() - start) / 1000)];
  }
}

/**
 * Starts the relay on an empty cluster and samples it once its first sync is delivered, and once idle; then
 * creates n requests (streamed to it live) and has the sheet ask for a resync, so the relay lists
 * all n and delivers them with a sync; samples again at once, and once the heap has settled.
 */
export async function measureMemory(cluster: TestCluster, n: number): Promise<MemoryResult> {
  const rig = await startRig(cluster);
  const firstSync = rig.arrivals.next(hasSync, 'first sync of the relay process');
  const relay = await RelayProcess.start(rig.dir, {
    addr: rig.teleport.address,
    mode: 'auth',
    identity: join(rig.dir, 'identity'),
    sheetUrl: rig.web.url,
    secretFile: join(rig.dir, 'secret'),
    id: 'bench-memory',
    batchLinger: '250ms',
    heartbeatInterval: '30s',
  });
  try {
    await firstSync;
    const pid = await pidOf(relay.configFile);
    const started = await sample(relay, pid);
    const [idle, idleSeconds] = await settle(relay, pid, heapGivenBack);
    const fullSync = rig.arrivals.next(
      (a) => a.batch.ops.some((op) => op.op === 'sync' && op.ids.length >= n),
      `a sync of ${n} ids`,
    );
    rig.sheet.resyncRequested = true;
    const random = seededRandom(3);
    for (let i = 0; i < n; i++) newRequest(rig.teleport, random);
    await fullSync;
    const after = await sample(relay, pid);
    // Settled means the burst's garbage is gone and its heap given back, not just some of it.
    const collected = (s: MemorySample) =>
      idle.heapUsedBytes !== null && (s.heapUsedBytes ?? Infinity) <= 1.25 * idle.heapUsedBytes && heapGivenBack(s);
    const [settled, settleSeconds] = await settle(relay, pid, collected);
    return { requests: n, started, idle, after, settled, idleSeconds, settleSeconds };
  } catch (err) {
    throw new Error(`${(err as Error).message}\n--- relay process (last lines)\n${relay.tail(20)}`);
  } finally {
    await relay.kill();
    await rig.close();
  }
}
