// Spreadsheet service calls and cells moved per batch by the real bundle (a History tab four times
// the main tab's size beside it), beside what the Teleport guide's plugin does for the same events
// (one full-grid read and one write request per event), version 2 batches carrying usage ops (§13)
// at the largest size, and the one-off conversion of a layout-1 tab. Counts and modelled seconds
// (test/gas/cost-model.ts), not timings.
import { pathToFileURL } from 'node:url';
import type { Request } from '../../../proto/contract.js';
import { COLUMN_COUNT } from '../../../appsscript/src/rows/columns.js';
import { makeBatch, makeBatchV2, makeRequest, upsert, usageOp } from '../../sheet/fixtures.js';
import { Sheet, buildBundle } from '../../sheet/harness.js';
import { LAYOUT1_BUNDLE_DIR } from '../../sheet/layout1-bundle.js';
import { seedHistory, seedRows } from '../../sheet/seed.js';

const SHEET_SIZES = [0, 5_000, 50_000];
const BATCH_SIZES = [1, 50, 500];
const HISTORY_PER_ROW = 4;
const UPGRADE_ROWS = 50_000;

interface Row {
  rows: number;
  ops: number;
  calls: number;
  read: number;
  written: number;
  pluginCalls: number;
  pluginRead: number;
  pluginWritten: number;
  seconds: number;
}

/** One more approving review: every update changes its row, so no batch leaves holes to read back. */
function approvedAgain(r: Request): Request {
  const review = { author: `bob-${r.reviews.length}`, state: 'APPROVED' as const, reason: '', created: r.created };
  return { ...r, state: 'APPROVED', reviews: [...r.reviews, review] };
}

/** Half updates of the newest rows (when there are any), half new requests. */
function mixedOps(existing: Request[], n: number): { ops: ReturnType<typeof upsert>[]; added: Request[] } {
  const updates = Math.min(Math.floor(n / 2), existing.length);
  const added = Array.from({ length: n - updates }, () => makeRequest());
  for (let i = existing.length - updates; i < existing.length; i++) existing[i] = approvedAgain(existing[i]!);
  const ops = [...existing.slice(existing.length - updates).map(upsert), ...added.map(upsert)];
  return { ops, added };
}

/** The plugin reads the whole grid and writes one row for every event. */
function plugin(
  rows: number,
  updates: number,
  added: number,
): Pick<Row, 'pluginCalls' | 'pluginRead' | 'pluginWritten'> {
  let read = 0;
  let current = rows;
  for (let i = 0; i < updates + added; i++) {
    read += (current + 1) * COLUMN_COUNT;
    if (i >= updates) current++;
  }
  return { pluginCalls: 2 * (updates + added), pluginRead: read, pluginWritten: (updates + added) * COLUMN_COUNT };
}

async function measure(bundleDir: string, rows: number): Promise<Row[]> {
  const sheet = await Sheet.open(bundleDir);
  const existing = Array.from({ length: rows }, () => makeRequest());
  if (rows > 0) {
    seedRows(sheet, existing);
    seedHistory(sheet, rows * HISTORY_PER_ROW);
    // The first History write after a cold cache asks the tab where it ends; measured batches do not.
    existing[0] = approvedAgain(existing[0]!);
    sheet.post(makeBatch([upsert(existing[0])]));
  } else {
    const first = makeRequest();
    sheet.post(makeBatch([upsert(first)]));
    existing.push(first);
  }
  const out: Row[] = [];
  for (const n of BATCH_SIZES) {
    const before = existing.length;
    const { ops, added } = mixedOps(existing, n);
    sheet.rt.counters.reset();
    const reply = sheet.post(makeBatch(ops));
    if (!reply.ok) throw new Error(`bench batch refused: ${reply.error}`);
    const { calls, cellsRead, cellsWritten, seconds } = sheet.rt.counters;
    out.push({
      rows: before,
      ops: n,
      calls,
      read: cellsRead,
      written: cellsWritten,
      ...plugin(before, n - added.length, added.length),
      seconds,
    });
    existing.push(...added);
    sheet.advance(1000);
  }
  return out;
}

interface Spent {
  calls: number;
  seconds: number;
}

interface OneOffs {
  create: Spent;
  heartbeat: Spent;
  upgrade: { first: Spent; resyncBatches: number; resync: Spent };
  usage: { mixed: Spent; alone: Spent };
}

const spent = (sheet: Sheet): Spent => ({ calls: sheet.rt.counters.calls, seconds: sheet.rt.counters.seconds });

/** The first batch ever, which creates both tabs and lays them out; a batch of heartbeats only. */
async function creation(bundleDir: string): Promise<Pick<OneOffs, 'create' | 'heartbeat'>> {
  const sheet = await Sheet.open(bundleDir);
  sheet.post(makeBatch([upsert(makeRequest())]));
  const create = spent(sheet);
  sheet.rt.counters.reset();
  sheet.post(makeBatch([{ op: 'heartbeat', at: new Date(sheet.nowMs).toISOString() }]));
  return { create, heartbeat: spent(sheet) };
}

/** A layout-1 tab written by the old script, then the new script's first batch and the resync it asks for. */
async function upgrade(bundleDir: string): Promise<OneOffs['upgrade']> {
  const sheet = await Sheet.open(LAYOUT1_BUNDLE_DIR);
  const requests = Array.from({ length: UPGRADE_ROWS }, () => makeRequest());
  for (let i = 0; i < requests.length; i += 500) sheet.post(makeBatch(requests.slice(i, i + 500).map(upsert)));
  await sheet.rt.deploy(bundleDir);
  sheet.rt.counters.reset();
  sheet.post(makeBatch([upsert(requests[0]!)]));
  const first = spent(sheet);
  sheet.rt.counters.reset();
  let resyncBatches = 0;
  for (let i = 0; i < requests.length; i += 500, resyncBatches++) {
    sheet.post(makeBatch(requests.slice(i, i + 500).map(upsert)));
  }
  return { first, resyncBatches, resync: spent(sheet) };
}

const USAGE_ROWS = 50_000;

/**
 * At 50,000 rows (History 4× beside it), two 500-op version 2 batches: 250 decisions on the newest
 * rows with a usage op for each, then usage ops alone for the newest 500 rows.
 */
async function usageBatches(bundleDir: string): Promise<OneOffs['usage']> {
  const sheet = await Sheet.open(bundleDir);
  const existing = Array.from({ length: USAGE_ROWS }, () => makeRequest());
  seedRows(sheet, existing);
  seedHistory(sheet, USAGE_ROWS * HISTORY_PER_ROW);
  sheet.post(makeBatch([upsert(approvedAgain(existing[0]!))]));
  const at = (minutes: number) => new Date(sheet.nowMs + minutes * 60_000).toISOString();
  const use = { assumed: at(1), firstUsed: at(2), lastUsed: at(3), sessions: 1, kinds: ['ssh' as const] };
  const newest = existing.slice(-250).map(approvedAgain);
  sheet.rt.counters.reset();
  sheet.post(makeBatchV2([...newest.map(upsert), ...newest.map((r) => usageOp(r.id, use))]));
  const mixed = spent(sheet);
  sheet.rt.counters.reset();
  const later = { ...use, lastUsed: at(30), sessions: 2, kinds: ['ssh' as const, 'kube' as const] };
  sheet.post(makeBatchV2(existing.slice(-500).map((r) => usageOp(r.id, later))));
  return { mixed, alone: spent(sheet) };
}

function usageLines(u: OneOffs['usage']): string[] {
  const rows = USAGE_ROWS.toLocaleString('en-US');
  return [
    `Version 2 batches at ${rows} rows: 250 decisions with their 250 usage ops, ${u.mixed.calls} calls ` +
      `(${seconds(u.mixed, 2)}); 500 usage ops alone (the columns from Assumed on, Link untouched), ` +
      `${u.alone.calls} calls (${seconds(u.alone, 2)}).`,
  ];
}

const seconds = (s: Spent, digits: number) => `${s.seconds.toFixed(digits)} s modelled`;

function upgradeLines(u: OneOffs['upgrade']): string[] {
  const rows = UPGRADE_ROWS.toLocaleString('en-US');
  return [
    `Upgrade of a ${rows}-row layout-1 tab: the first batch takes ${u.first.calls} calls ` +
      `(${seconds(u.first, 1)}), including the new History tab;`,
    `  the resync it asks for re-adopts every row in ${u.resyncBatches} batches, ` +
      `${u.resync.calls.toLocaleString('en-US')} calls in all (${seconds(u.resync, 0)}),`,
    '  reading the ID and Cluster columns as well while rows with old Version cells remain.',
  ];
}

function table(rows: Row[], once: OneOffs): string {
  const head = [
    'sheet rows',
    'ops',
    'calls',
    'cells read',
    'cells written',
    'plugin calls',
    'plugin cells read',
    'plugin cells written',
    'modelled s',
  ];
  const body = rows.map((r) => [
    ...[r.rows, r.ops, r.calls, r.read, r.written, r.pluginCalls, r.pluginRead, r.pluginWritten].map((v) =>
      v.toLocaleString('en-US'),
    ),
    r.seconds.toFixed(2),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i]!)).join('  ');
  return [
    'Sheet side: spreadsheet service calls and cells per batch (half decisions on the newest rows, half new requests;',
    `  a History tab of ${HISTORY_PER_ROW}× the sheet rows beside it; every op appends History events)`,
    line(head),
    line(widths.map((w) => '-'.repeat(w))),
    ...body.map(line),
    'calls include the flush before the lock is released (value builders such as newRichTextValue()',
    '  make no round trip and are not counted); modelled s: our batch priced by test/gas/cost-model.ts;',
    `the very first batch also creates and lays out both tabs, once: ${once.create.calls} calls ` +
      `(${seconds(once.create, 2)});`,
    `a batch of heartbeats only: ${once.heartbeat.calls} calls (${seconds(once.heartbeat, 2)}).`,
    ...upgradeLines(once.upgrade),
    ...usageLines(once.usage),
  ].join('\n');
}

export async function runSheetBench(): Promise<string> {
  const bundle = buildBundle();
  try {
    const rows: Row[] = [];
    for (const size of SHEET_SIZES) rows.push(...(await measure(bundle.dir, size)));
    const usage = await usageBatches(bundle.dir);
    return table(rows, { ...(await creation(bundle.dir)), upgrade: await upgrade(bundle.dir), usage });
  } finally {
    bundle.remove();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(await runSheetBench());
}
