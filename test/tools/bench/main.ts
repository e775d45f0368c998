// `npm run bench`: the sheet side (calls, modelled seconds, capacity), the relay, then end to end;
// each part's table, then one summary, printed and written to docs/performance.md.
// Benchmarks measure and print; nothing here asserts a timing.
import { existsSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { capacityBench } from './capacity-bench.js';
import { dashboardBench } from './dashboard-bench.js';
import { e2eBench } from './e2e-bench.js';
import { lockBench } from './lock-bench.js';
import { relayBench } from './relay-bench.js';
import { reconnectBench } from './relay-reconnects.js';
import { runSheetBench } from './sheet-bench.js';
import { usageBench } from './usage-bench.js';
import {
  count,
  figuresTable,
  fixed,
  machine,
  performancePage,
  thisMachine,
  type BenchPart,
  type Figure,
  type PageSection,
} from './table.js';

/**
 * The sheet bench prints a table only; its headline is read back from that table's numeric rows
 * (sheet rows, ops, calls, cells read, cells written, plugin calls, ..., modelled seconds).
 */
function sheetHeadline(table: string): Figure[] {
  const rows = table
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter((cells) => cells.length === 9 && cells.every((c) => /^[0-9,.]+$/.test(c)))
    .map((cells) => cells.map((c) => Number(c.replaceAll(',', ''))));
  if (rows.length === 0)
    return [{ figure: 'sheet: spreadsheet calls per batch', value: 'see the sheet table', how: 'runSheetBench' }];
  const calls = rows.map((r) => r[2]!);
  const [low, high] = [Math.min(...calls), Math.max(...calls)];
  const biggest = rows.reduce((a, b) => (b[0]! * b[1]! > a[0]! * a[1]! ? b : a));
  return [
    {
      figure: 'sheet: spreadsheet calls per batch (1–500 ops, 0–50,000 rows)',
      value: low === high ? `${low} calls` : `${low}–${high} calls`,
      how: 'local Apps Script runtime counters, real bundle',
    },
    {
      figure: `sheet: ${count(biggest[1]!)} ops on ${count(biggest[0]!)} rows, ours vs guide plugin`,
      value: `${count(biggest[2]!)} vs ${count(biggest[5]!)} calls`,
      how: 'plugin: one full-grid read + one write per event',
    },
  ];
}

async function timed<T>(name: string, run: () => Promise<T>): Promise<T> {
  const start = performance.now();
  const result = await run();
  console.log(`(${name} took ${fixed((performance.now() - start) / 1000)} s)\n`);
  return result;
}

/** A part's table under its own "== title ==" line when it has one. */
function section(fallback: string, table: string): PageSection {
  const [first = '', ...rest] = table.split('\n');
  const title = /^== (.*) ==$/.exec(first);
  return title ? { heading: title[1]!, table: rest.join('\n').trim() } : { heading: fallback, table };
}

/** The folder holding package.json, wherever this file sits below it. */
function repositoryRoot(from: string): string {
  for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) if (existsSync(join(dir, 'package.json'))) return dir;
  throw new Error(`no package.json above ${from}`);
}

const started = performance.now();
const at = new Date();
const host = thisMachine();
console.log(`${machine(host)}\n`);
const sheet = await timed('sheet bench', async () => {
  const table = await runSheetBench();
  console.log(`== Sheet side ==\n\n${table}`);
  return { table, headline: sheetHeadline(table) } satisfies BenchPart;
});
const dashboard = await timed('dashboard bench', async () => {
  const part = await dashboardBench();
  console.log(part.table);
  return part;
});
const capacity = await timed('capacity bench', async () => {
  const part = await capacityBench();
  console.log(part.table);
  return part;
});
const lock = await timed('lock bench', async () => {
  const part = await lockBench();
  console.log(part.table);
  return part;
});
const relay = await timed('relay bench', async () => {
  const part = await relayBench();
  console.log(part.table);
  return part;
});
const usage = await timed('usage bench', async () => {
  const part = await usageBench();
  console.log(part.table);
  return part;
});
const reconnects = await timed('reconnect bench', async () => {
  const part = await reconnectBench();
  console.log(part.table);
  return part;
});
const e2e = await timed('end-to-end bench', async () => {
  const part = await e2eBench();
  console.log(part.table);
  return part;
});
const figures = [
  ...sheet.headline,
  ...dashboard.headline,
  ...capacity.headline,
  ...lock.headline,
  ...relay.headline,
  ...usage.headline,
  ...reconnects.headline,
  ...e2e.headline,
];
console.log(
  figuresTable('== Summary ==', figures, [
    `total bench time ${fixed((performance.now() - started) / 1000)} s; ` +
      'figures are from one run on this machine, not assertions',
  ]),
);
const page = join(repositoryRoot(import.meta.dirname), 'docs', 'performance.md');
const sections = [
  section('Sheet side', sheet.table),
  section('Dashboard refresh', dashboard.table),
  section('Capacity: grid cells per request', capacity.table),
  section('One sheet, many clusters', lock.table),
  section('Relay', relay.table),
  section('Relay: was the access used?', usage.table),
  section('Relay over months: reconnects and stopping', reconnects.table),
  section('End to end', e2e.table),
];
writeFileSync(page, performancePage(at, host, figures, sections));
console.log(`\nwrote ${page}`);
