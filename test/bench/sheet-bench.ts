// Spreadsheet service calls and cells moved per batch by the real bundle, beside what the Teleport
// guide's plugin does for the same events (one full-grid read and one write request per event).
// Counts, not timings: the runtime's counter prices each call as the cost model does.
import { pathToFileURL } from 'node:url';
import type { Request } from '../../proto/contract.js';
import { COLUMN_COUNT } from '../../appsscript/src/columns.js';
import { makeBatch, makeRequest, upsert } from '../sheet/fixtures.js';
import { Sheet, buildBundle } from '../sheet/harness.js';
import { seedRows } from '../sheet/seed.js';

const SHEET_SIZES = [0, 5_000, 50_000];
const BATCH_SIZES = [1, 50, 500];

interface Row {
  rows: number;
  ops: number;
  calls: number;
  read: number;
  written: number;
  pluginCalls: number;
  pluginRead: number;
  pluginWritten: number;
}

/** Half updates of the newest rows (when there are any), half new requests. */
function mixedOps(existing: readonly Request[], n: number): { ops: ReturnType<typeof upsert>[]; added: Request[] } {
  const updates = Math.min(Math.floor(n / 2), existing.length);
  const added = Array.from({ length: n - updates }, () => makeRequest());
  const ops = [
    ...existing.slice(existing.length - updates).map((r) =>
      upsert({
        ...r,
        state: 'APPROVED',
        reviews: [{ author: 'bob', state: 'APPROVED', reason: '', created: '2025-11-23T12:30:00Z' }],
      }),
    ),
    ...added.map(upsert),
  ];
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
  if (rows > 0) seedRows(sheet, existing);
  else sheet.post(makeBatch([]));
  const out: Row[] = [];
  for (const n of BATCH_SIZES) {
    const before = existing.length;
    const { ops, added } = mixedOps(existing, n);
    sheet.rt.counters.reset();
    const reply = sheet.post(makeBatch(ops));
    if (!reply.ok) throw new Error(`bench batch refused: ${reply.error}`);
    const { calls, cellsRead, cellsWritten } = sheet.rt.counters;
    out.push({
      rows: before,
      ops: n,
      calls,
      read: cellsRead,
      written: cellsWritten,
      ...plugin(before, n - added.length, added.length),
    });
    existing.push(...added);
    sheet.advance(1000);
  }
  return out;
}

/** The one-off cost of the first batch ever, which creates the tab and lays it out. */
async function creation(bundleDir: string): Promise<number> {
  const sheet = await Sheet.open(bundleDir);
  sheet.post(makeBatch([]));
  return sheet.rt.counters.calls;
}

function table(rows: Row[], createCalls: number): string {
  const head = [
    'sheet rows',
    'ops',
    'calls',
    'cells read',
    'cells written',
    'plugin calls',
    'plugin cells read',
    'plugin cells written',
  ];
  const body = rows.map((r) =>
    [r.rows, r.ops, r.calls, r.read, r.written, r.pluginCalls, r.pluginRead, r.pluginWritten].map((v) =>
      v.toLocaleString('en-US'),
    ),
  );
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i]!)).join('  ');
  return [
    'Sheet side: spreadsheet service calls and cells per batch (half updates of the newest rows, half new requests)',
    line(head),
    line(widths.map((w) => '-'.repeat(w))),
    ...body.map(line),
    'calls include the flush before the lock is released (value builders such as newRichTextValue() make no round trip and are not counted);',
    `the very first batch also creates and lays out the tab, once: ${createCalls} calls.`,
  ].join('\n');
}

export async function runSheetBench(): Promise<string> {
  const bundle = buildBundle();
  try {
    const rows: Row[] = [];
    for (const size of SHEET_SIZES) rows.push(...(await measure(bundle.dir, size)));
    return table(rows, await creation(bundle.dir));
  } finally {
    bundle.remove();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(await runSheetBench());
}
