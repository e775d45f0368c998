// `npm run bench`: the sheet side, the relay, then end to end; each part's table, then one summary.
// Benchmarks measure and print; nothing here asserts a timing.
import { performance } from 'node:perf_hooks';
import { dashboardBench } from './dashboard-bench.js';
import { e2eBench } from './e2e-bench.js';
import { lockBench } from './lock-bench.js';
import { relayBench } from './relay-bench.js';
import { runSheetBench } from './sheet-bench.js';
import { usageBench } from './usage-bench.js';
import { count, figuresTable, fixed, machine, type BenchPart, type Figure } from './table.js';

/**
 * The sheet bench prints a table only; its headline is read back from that table's numeric rows
 * (sheet rows, ops, calls, cells read, cells written, plugin calls, ...).
 */
function sheetHeadline(table: string): Figure[] {
  const rows = table
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter((cells) => cells.length === 8 && cells.every((c) => /^[0-9,]+$/.test(c)))
    .map((cells) => cells.map((c) => Number(c.replaceAll(',', ''))));
  if (rows.length === 0)
    return [{ figure: 'sheet: spreadsheet calls per batch', value: 'see the sheet table', how: 'runSheetBench' }];
  const calls = rows.map((r) => r[2]!);
  const biggest = rows.reduce((a, b) => (b[0]! * b[1]! > a[0]! * a[1]! ? b : a));
  return [
    {
      figure: 'sheet: spreadsheet calls per batch (1–500 ops, 0–50,000 rows)',
      value: `${Math.min(...calls)}–${Math.max(...calls)} calls`,
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

const started = performance.now();
console.log(`${machine()}\n`);
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
const e2e = await timed('end-to-end bench', async () => {
  const part = await e2eBench();
  console.log(part.table);
  return part;
});
console.log(
  figuresTable(
    '== Summary ==',
    [...sheet.headline, ...dashboard.headline, ...lock.headline, ...relay.headline, ...usage.headline, ...e2e.headline],
    [
      `total bench time ${fixed((performance.now() - started) / 1000)} s; ` +
        'figures are from one run on this machine, not assertions',
    ],
  ),
);
