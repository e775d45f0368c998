// What 1,000 reconnects leave in the real relay process (`node dist/relay/src/cli.js start`): heap
// and RSS beside idle, each once V8's memory reducer has given back what it can (no forced GC); then
// how long SIGTERM takes to end the process when the sheet answers. Goals: within 2 MiB of idle,
// and under 1 s from the signal to the exit.
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { RelayProcess } from '../../e2e/relay-process.js';
import { createCluster } from '../../teleport/pki.js';
import { hasSync, startRig } from './relay-live.js';
import { heapGivenBack, pidOf, settle, type MemorySample } from './relay-memory.js';
import { count, fixed, formatTable, type BenchPart } from './table.js';

const RECONNECTS = 1000;
const MiB = 1024 * 1024;

interface ReconnectResult {
  idle: MemorySample;
  after: MemorySample;
  reconnects: number;
  reconnectSeconds: number;
  exitMs: number;
  exitCode: number | null;
}

async function measure(): Promise<ReconnectResult> {
  const rig = await startRig(await createCluster('reconnect.bench.test'));
  const firstSync = rig.arrivals.next(hasSync, 'first sync of the relay process');
  const relay = await RelayProcess.start(rig.dir, {
    addr: rig.teleport.address,
    mode: 'auth',
    identity: join(rig.dir, 'identity'),
    sheetUrl: rig.web.url,
    secretFile: join(rig.dir, 'secret'),
    id: 'bench-reconnects',
    heartbeatInterval: '30s',
  });
  try {
    await firstSync;
    const pid = await pidOf(relay.configFile);
    const [idle] = await settle(relay, pid, heapGivenBack);
    const started = performance.now();
    const inits = rig.teleport.stats.initsSent;
    for (let i = 0; i < RECONNECTS; i++) {
      const before = rig.teleport.stats.initsSent;
      rig.teleport.dropStreams(i % 2 === 0 ? 'unavailable' : 'reset');
      await rig.teleport.waitFor(() => rig.teleport.stats.initsSent > before, 30_000);
    }
    const reconnectSeconds = (performance.now() - started) / 1000;
    const reconnects = rig.teleport.stats.initsSent - inits;
    const [after] = await settle(relay, pid, (s) => heapGivenBack(s) && s.heapUsedBytes! <= idle.heapUsedBytes! + MiB);
    const signalled = performance.now();
    const exitCode = await relay.stop();
    return { idle, after, reconnects, reconnectSeconds, exitMs: performance.now() - signalled, exitCode };
  } catch (err) {
    throw new Error(`${(err as Error).message}\n--- relay process (last lines)\n${relay.tail(20)}`);
  } finally {
    await relay.kill();
    await rig.close();
  }
}

const signed = (n: number) => `${n >= 0 ? '+' : ''}${fixed(n)}`;
const mib = (bytes: number | null) => (bytes === null ? 'n/a' : `${fixed(bytes / MiB)} MiB`);

export async function reconnectBench(): Promise<BenchPart> {
  const r = await measure();
  const rss = (s: MemorySample) => s.rssKiB * 1024;
  const heapGrowth = (r.after.heapUsedBytes ?? 0) - (r.idle.heapUsedBytes ?? 0);
  const table = formatTable(
    `== Relay after ${count(r.reconnects)} reconnects (stream dropped, unavailable and reset in turn) ==`,
    ['', 'heap used', 'heap total', 'RSS'],
    [
      ['idle', mib(r.idle.heapUsedBytes), mib(r.idle.heapTotalBytes), mib(rss(r.idle))],
      [
        `after ${count(r.reconnects)} reconnects`,
        mib(r.after.heapUsedBytes),
        mib(r.after.heapTotalBytes),
        mib(rss(r.after)),
      ],
    ],
    [
      `${count(r.reconnects)} reconnects in ${fixed(r.reconnectSeconds)} s; each sample once V8 has given back ` +
        'what it grew (no forced GC)',
      `SIGTERM to exit: ${count(r.exitMs)} ms (exit code ${r.exitCode}), the sheet answering`,
    ],
  );
  return {
    table: `${table}\n`,
    headline: [
      {
        figure: `relay heap / RSS after ${count(r.reconnects)} reconnects, beside idle (goal: within 2 MiB)`,
        value: `${signed(heapGrowth / MiB)} MiB / ${signed((rss(r.after) - rss(r.idle)) / MiB)} MiB`,
        how: 'real relay process; /metrics heap, /proc RSS',
      },
      {
        figure: 'relay: SIGTERM to exit after the reconnects (goal: under 1 s)',
        value: `${count(r.exitMs)} ms, exit ${r.exitCode}`,
        how: 'real relay process, sheet answering',
      },
    ],
  };
}
