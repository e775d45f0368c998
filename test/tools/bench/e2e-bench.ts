// End to end: the Teleport stand-in, the real relay process and the real Apps Script bundle in
// the local runtime behind Google's 302 flow (test/e2e/chain.ts). Latency from an event to its
// row, the first sync of a big cluster, and the same sync costed the way the Teleport guide's
// Google Sheets plugin would do it.
import { until } from '../../until.js';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { COLUMN_COUNT } from '../../../appsscript/src/rows/columns.js';
import { SHEET_NAME } from '../../../proto/contract.js';
import { Chain } from '../../e2e/chain.js';
import { readSeconds, writeSeconds } from '../../gas/cost-model.js';
import type { RelayProcess } from '../../e2e/relay-process.js';
import { newRequest, seededRandom } from '../../e2e/workload.js';
import type { GasRuntime } from '../../gas/runtime.js';
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

/** The product's defaults (the e2e harness's own defaults are tuned for quick tests). */
const RELAY_DEFAULTS = { batchLinger: '250ms', heartbeatInterval: '30s' };
const LATENCY_EVENTS = 100;
const LATENCY_GAP_MS = 50;
const ROW_POLL_MS = 2;
const BIG_CLUSTER = 10_000;
const WAIT_MS = 180_000;

/** Ready means the first listing and its sync reached the sheet. */
async function ready(relay: RelayProcess): Promise<void> {
  await until(
    'ready relay',
    async () => (await relay.get('/readyz').catch(() => ({ status: 0 }))).status,
    (s) => s === 200,
    {
      timeoutMs: WAIT_MS,
      intervalMs: 50,
    },
  );
}

/** Calls onRow(id, at) for every row of the runtime's sheet, polling every ROW_POLL_MS. */
function watchRows(runtime: GasRuntime, onRow: (id: string, at: number) => void): () => void {
  let timer: NodeJS.Timeout;
  const poll = () => {
    const sheet = runtime.spreadsheet.getSheetByName(SHEET_NAME);
    const at = performance.now();
    if (sheet) for (let row = 2; row <= sheet.getLastRow(); row++) onRow(String(sheet.cell(row, 1).value), at);
    timer = setTimeout(poll, ROW_POLL_MS);
  };
  poll();
  return () => clearTimeout(timer);
}

async function rowLatency(): Promise<number[]> {
  const chain = await Chain.start();
  try {
    await ready(await chain.startRelay(RELAY_DEFAULTS));
    const sent = new Map<string, number>();
    const samples: number[] = [];
    const stop = watchRows(chain.runtime, (id, at) => {
      const created = sent.get(id);
      if (created === undefined) return;
      sent.delete(id);
      samples.push(at - created);
    });
    const random = seededRandom(13);
    for (let i = 0; i < LATENCY_EVENTS; i++) {
      const id = randomUUID();
      sent.set(id, performance.now());
      newRequest(chain.teleport, random, { id });
      await new Promise((resolve) => setTimeout(resolve, LATENCY_GAP_MS));
    }
    await until(
      'a row for every request',
      () => samples.length,
      (n) => n >= LATENCY_EVENTS,
      { timeoutMs: WAIT_MS },
    );
    stop();
    return samples;
  } finally {
    await chain.close();
  }
}

interface SyncCost {
  seconds: number;
  posts: number;
  calls: number;
  cellsRead: number;
  cellsWritten: number;
  /** Modelled Apps Script seconds of those calls (test/gas/cost-model.ts). */
  modelledSeconds: number;
}

async function firstSync(): Promise<SyncCost> {
  const chain = await Chain.start();
  try {
    const random = seededRandom(17);
    for (let i = 0; i < BIG_CLUSTER; i++) newRequest(chain.teleport, random);
    chain.runtime.counters.reset();
    const postsBefore = chain.web.posts;
    const start = performance.now();
    await ready(await chain.startRelay(RELAY_DEFAULTS));
    const readyAt = performance.now();
    const { calls, cellsRead, cellsWritten, seconds: modelledSeconds } = chain.runtime.counters;
    const posts = chain.web.posts - postsBefore;
    const okAt = chain.check().ok ? readyAt : (await chain.converge(WAIT_MS), performance.now());
    return { seconds: (okAt - start) / 1000, posts, calls, cellsRead, cellsWritten, modelledSeconds };
  } finally {
    await chain.close();
  }
}

/** The plugin reads the whole grid (header + rows so far) and writes one row, for every event. */
function pluginCost(events: number): { calls: number; cellsRead: number; cellsWritten: number; seconds: number } {
  let cellsRead = 0;
  let seconds = 0;
  for (let rows = 0; rows < events; rows++) {
    cellsRead += (rows + 1) * COLUMN_COUNT;
    seconds += readSeconds((rows + 1) * COLUMN_COUNT) + writeSeconds(COLUMN_COUNT);
  }
  return { calls: 2 * events, cellsRead, cellsWritten: events * COLUMN_COUNT, seconds };
}

type PluginCost = ReturnType<typeof pluginCost>;

function modelled(seconds: number): string {
  if (seconds >= 7200) return `${fixed(seconds / 3600)} h`;
  return seconds >= 120 ? `${fixed(seconds / 60)} min` : `${fixed(seconds)} s`;
}

function latencyTable(latency: Spread): string {
  return formatTable(
    "End to end: createRequest() → its row in the local Apps Script runtime's sheet " +
      `(ms; ${LATENCY_EVENTS} requests ${LATENCY_GAP_MS} ms apart, batch_linger 250ms)`,
    ['events', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms'],
    [spreadCells(latency)],
    [`relay process → HTTP 302 flow → real bundle's doPost; sheet polled every ${ROW_POLL_MS} ms`],
  );
}

function syncTable(sync: SyncCost): string {
  return figuresTable(
    `End to end: first sync of ${count(BIG_CLUSTER)} existing requests ` +
      '(relay process started → /readyz 200 and the checker finds every row right)',
    [
      {
        figure: 'seconds',
        value: `${fixed(sync.seconds, 2)} s`,
        how: 'from spawning the relay process (node start-up included); readiness polled every 50 ms',
      },
      { figure: 'POSTs', value: count(sync.posts), how: 'received by the web app front' },
      {
        figure: 'spreadsheet service calls',
        value: `${count(sync.calls)} (${fixed(sync.calls / sync.posts)} per POST)`,
        how: 'counted by the local runtime, first-batch tab creation included',
      },
      {
        figure: 'cells read / written',
        value: `${count(sync.cellsRead)} / ${count(sync.cellsWritten)}`,
        how: 'counted by the local runtime',
      },
    ],
  );
}

function compareTable(sync: SyncCost, plugin: PluginCost): string {
  return formatTable(
    `The same ${count(BIG_CLUSTER)}-request first sync, in modelled Apps Script time (test/gas/cost-model.ts)`,
    ['approach', 'API calls', 'cells read', 'cells written', 'modelled time'],
    [
      [
        'teleport-sheets (measured)',
        count(sync.calls),
        count(sync.cellsRead),
        count(sync.cellsWritten),
        modelled(sync.modelledSeconds),
      ],
      [
        'guide plugin (1 full-grid read + 1 write per event)',
        count(plugin.calls),
        count(plugin.cellsRead),
        count(plugin.cellsWritten),
        modelled(plugin.seconds),
      ],
    ],
    [
      `plugin reads: the sum over events of (rows so far + header) × ${COLUMN_COUNT} columns, each read ` +
        'and one-row write priced by the same model; ours: every call the local runtime counted, priced',
    ],
  );
}

function headline(latency: Spread, sync: SyncCost, plugin: PluginCost): Figure[] {
  return [
    {
      figure: 'end to end: event → row in the sheet',
      value: `p50 ${fixed(latency.p50)} ms, p99 ${fixed(latency.p99)} ms`,
      how: `${LATENCY_EVENTS} requests through relay process + real bundle, linger 250ms`,
    },
    {
      figure: `end to end: first sync of ${count(BIG_CLUSTER)} requests`,
      value: `${fixed(sync.seconds, 2)} s, ${count(sync.posts)} POSTs, ${count(sync.calls)} spreadsheet calls`,
      how: 'relay spawn → ready and every row checked',
    },
    {
      figure: `spreadsheet calls for that sync: ours vs guide plugin`,
      value: `${count(sync.calls)} vs ${count(plugin.calls)}`,
      how: 'local runtime counters vs 2 calls per event',
    },
    {
      figure: `modelled Sheets time for that sync: ours vs guide plugin`,
      value: `${modelled(sync.modelledSeconds)} vs ${modelled(plugin.seconds)}`,
      how: 'test/gas/cost-model.ts: reads and writes by cells, other calls 80 ms',
    },
  ];
}

function tables(latency: Spread, sync: SyncCost): BenchPart {
  const plugin = pluginCost(BIG_CLUSTER);
  const table = ['== End to end ==', latencyTable(latency), syncTable(sync), compareTable(sync, plugin)].join('\n\n');
  return { table, headline: headline(latency, sync, plugin) };
}

export async function e2eBench(): Promise<BenchPart> {
  const latency = spread(await rowLatency());
  return tables(latency, await firstSync());
}

export async function runE2eBench(): Promise<string> {
  return (await e2eBench()).table;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(await runE2eBench());
}
