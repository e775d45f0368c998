// Relay half: throughput of the hot path without a network, added latency per event, the first
// sync of a big cluster, and the resident memory of the real process.
import { pathToFileURL } from 'node:url';
import { createCluster } from '../../teleport/pki.js';
import { measureFirstSync, measureLatency, type FirstSync } from './relay-live.js';
import { measureMemory, type MemoryResult, type MemorySample } from './relay-memory.js';
import { measurePipeline, type PipelineResult } from './relay-pipeline.js';
import {
  count,
  figuresTable,
  fixed,
  formatTable,
  spread,
  spreadCells,
  type BenchPart,
  type Figure,
  type Spread,
} from './table.js';

const PIPELINE_EVENTS = 50_000;
const LATENCY_EVENTS = 200;
const LATENCY_GAP_MS = 20;
const LINGERS = ['250ms', '0ms'];
const BIG_CLUSTER = 10_000;

function pipelineTable(p: PipelineResult): { table: string; headline: Figure[] } {
  const perSecond = (ms: number) => count(p.events / (ms / 1000));
  const how = `${count(p.events)} encoded WatchEvents (55% new, 35% reviews, 10% deletes), one thread`;
  const figures: Figure[] = [
    { figure: 'events decoded (relay schema only)', value: `${perSecond(p.decodeMs)} events/s`, how },
    {
      figure: 'events through decode → toRequest → Outbox → batch → encodeAsciiJson',
      value: `${perSecond(p.pipelineMs)} events/s`,
      how,
    },
    {
      figure: 'mean wire size of an event',
      value: `${count(p.wireBytes / p.events)} bytes`,
      how: 'protobuf bytes, with the fields the relay skips',
    },
    {
      figure: 'batches produced',
      value: `${count(p.batches)} batches, ${count(p.ops)} ops`,
      how: 'a batch taken whenever 500 ops wait (fewer ops than events: coalesced per id)',
    },
    {
      figure: 'batch bodies',
      value: `${fixed(p.bodyBytes / 1024 / 1024)} MiB, ${count(p.bodyBytes / p.batches)} bytes/batch`,
      how: 'ASCII JSON as POSTed',
    },
  ];
  return {
    table: figuresTable('Relay hot path, no network', figures),
    headline: [
      {
        figure: 'relay: events/s decode → outbox → encoded batch',
        value: `${perSecond(p.pipelineMs)} events/s`,
        how: `${count(p.events)} events in-process, no network`,
      },
    ],
  };
}

function latencyTable(rows: { linger: string; s: Spread }[]): { table: string; headline: Figure[] } {
  return {
    table: formatTable(
      'Relay added latency: createRequest() in the Teleport stand-in → the POST carrying that id reaches ' +
        `the web app handler (ms; ${LATENCY_EVENTS} requests ${LATENCY_GAP_MS} ms apart)`,
      ['batch_linger', 'events', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms'],
      rows.map((r) => [r.linger, ...spreadCells(r.s)]),
      ['in-process App over gRPC/mTLS and HTTP on loopback, stand-ins in the same event loop'],
    ),
    headline: rows.map((r) => ({
      figure: `relay: added latency, batch_linger ${r.linger}`,
      value: `p50 ${fixed(r.s.p50)} ms, p99 ${fixed(r.s.p99)} ms`,
      how: 'createRequest() → POST at the handler, in-process',
    })),
  };
}

function kib(n: number): string {
  return `${fixed(n / 1024)} MiB`;
}

/** A byte count from /metrics, which may lack it. */
function bytesMiB(bytes: number | null): string {
  return bytes === null ? 'n/a' : kib(bytes / 1024);
}

const heapMiB = (s: MemorySample) => bytesMiB(s.heapUsedBytes);

function memoryRows(samples: MemorySample[]): string[][] {
  return [
    ['RSS (VmRSS)', ...samples.map((s) => kib(s.rssKiB))],
    ['peak RSS (VmHWM)', ...samples.map((s) => kib(s.peakRssKiB))],
    ['heap used (/metrics, no forced GC)', ...samples.map(heapMiB)],
    ['heap total (/metrics)', ...samples.map((s) => bytesMiB(s.heapTotalBytes))],
  ];
}

function memoryTable(memory: MemoryResult): string {
  return formatTable(
    'Relay process memory (node dist/relay/src/cli.js start, read from /proc/<pid>/status): ' +
      `started and idle with 0 requests, then after listing and delivering ${count(memory.requests)}`,
    [
      'measure',
      'just started',
      'idle',
      `just after ${count(memory.requests)}`,
      `${count(memory.requests)} tracked, settled`,
    ],
    memoryRows([memory.started, memory.idle, memory.after, memory.settled]),
    [
      '"just started" is right after the first sync; "idle" is ' +
        `${memory.idleSeconds} s later, once V8's own memory reducer gave back the heap start-up grew;`,
      'the relay keeps no request state once delivered: "just after" still holds the burst\'s garbage;',
      `"settled" is ${memory.settleSeconds} s later, idling on heartbeats, once the reducer ` +
        'collected it and gave the heap back (no forced GC);',
      'peak shows the high-water mark the container limit must allow',
    ],
  );
}

export async function relayBench(): Promise<BenchPart> {
  const pipeline = pipelineTable(measurePipeline(PIPELINE_EVENTS));
  const cluster = await createCluster('bench.example.com');
  const latencies: { linger: string; s: Spread }[] = [];
  for (const linger of LINGERS)
    latencies.push({ linger, s: spread(await measureLatency(cluster, linger, LATENCY_EVENTS, LATENCY_GAP_MS)) });
  const latency = latencyTable(latencies);
  const syncs: FirstSync[] = [];
  for (const linger of LINGERS) syncs.push(await measureFirstSync(cluster, BIG_CLUSTER, linger));
  const memory = await measureMemory(cluster, BIG_CLUSTER);
  const syncTable = formatTable(
    `Relay first sync of ${count(BIG_CLUSTER)} existing requests: App.start() → the handler sees the sync ` +
      '(in-process App, verifying web app stand-in behind the 302 flow)',
    ['batch_linger', 'seconds to sync', 'seconds to first POST', 'POSTs', 'ops'],
    syncs.map((s) => [s.linger, fixed(s.seconds, 2), fixed(s.firstPostSeconds, 2), count(s.posts), count(s.ops)]),
    [
      'first POST includes loading credentials, Ping, INIT and the paged listing; ' +
        'ops are upserts, the sync and heartbeats;',
      'batch_linger is paid once, before the first batch: a backlog is sent without lingering',
    ],
  );
  const memTable = memoryTable(memory);
  const headline: Figure[] = [
    ...pipeline.headline,
    ...latency.headline,
    ...syncs.map((s) => ({
      figure: `relay: first sync of ${count(s.requests)} requests, batch_linger ${s.linger}`,
      value: `${fixed(s.seconds, 2)} s, ${count(s.posts)} POSTs`,
      how: 'App.start() → sync at a plain handler',
    })),
    {
      figure: `relay: process RSS idle / ${count(memory.requests)} tracked (settled) / just after / peak`,
      value:
        `${kib(memory.idle.rssKiB)} / ${kib(memory.settled.rssKiB)} / ${kib(memory.after.rssKiB)} / ` +
        kib(memory.settled.peakRssKiB),
      how: 'VmRSS and VmHWM of the real relay process',
    },
    {
      figure: `relay: heap used idle / ${count(memory.requests)} tracked (settled) / just after`,
      value: `${heapMiB(memory.idle)} / ${heapMiB(memory.settled)} / ${heapMiB(memory.after)}`,
      how: "the relay's own /metrics (nodejs_heap_size_used_bytes), no forced GC",
    },
  ];
  return { table: ['== Relay ==', pipeline.table, latency.table, syncTable, memTable].join('\n\n'), headline };
}

export async function runRelayBench(): Promise<string> {
  return (await relayBench()).table;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(await runRelayBench());
}
