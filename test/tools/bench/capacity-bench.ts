// The record at full size, in modelled Apps Script seconds (test/gas/cost-model.ts) beside calls and
// cells: the real bundle's executions on a sheet of 50,000 rows with 200,000 History rows, the first
// sync of 10,000 requests, and the grid cells one request costs over a realistic life (how many
// requests one spreadsheet holds). Figures, not assertions.
import { pathToFileURL } from 'node:url';
import { EXECUTION_LIMIT_SECONDS, GRID_LIMIT_CELLS } from '../../gas/cost-model.js';
import { REFRESH_INTERVAL_MS } from '../../../appsscript/src/tabs/dashboard-timer.js';
import { liveALife, REALISTIC_LIFE, type LifeResult } from '../../sheet/capacity/life.js';
import { makeBatch, makeRequest, upsert } from '../../sheet/fixtures.js';
import { Sheet, buildBundle } from '../../sheet/harness.js';
import { BENCH_RUNTIME, FULL_SIZE, bigSheet, type BigSheet } from './big-sheet.js';
import { count, fixed, formatTable, type BenchPart, type Figure } from './table.js';

const GOALS = { batchCalls: 10, batchSeconds: 2, refreshSeconds: 3, cellsPerRequest: 66, requests: 150_000 };
const FIRST_SYNC = 10_000;
const BATCH = 500;

interface Cost {
  what: string;
  calls: number;
  read: number;
  written: number;
  seconds: number;
  note: string;
}

function measured(sheet: Sheet, what: string, run: () => void, note = ''): Cost {
  sheet.rt.counters.reset();
  run();
  const c = sheet.rt.counters;
  return { what, calls: c.calls, read: c.cellsRead, written: c.cellsWritten, seconds: c.seconds, note };
}

function post(sheet: Sheet, ops: Parameters<typeof makeBatch>[0]): void {
  const reply = sheet.post(makeBatch(ops));
  if (!reply.ok) throw new Error(`bench batch refused: ${reply.error}`);
}

/** Export evidence… of the quarter holding every seeded row; past the grid limit, measured again without it. */
function evidenceExport(big: BigSheet): Cost {
  const { sheet } = big;
  const exportQuarter = () => {
    sheet.rt.ui.answer('OK', '2025-Q4');
    sheet.menu('exportEvidence');
  };
  try {
    return measured(sheet, 'Export evidence… of a quarter (every row)', exportQuarter);
  } catch (e) {
    if (!String(e).includes('above the limit')) throw e;
    sheet.rt.spreadsheet.cellLimit = Number.POSITIVE_INFINITY;
    const cost = measured(sheet, 'Export evidence… of a quarter (every row)', exportQuarter);
    const needs = count(sheet.rt.spreadsheet.gridCells());
    return { ...cost, note: `refused by the grid limit: needs ${needs} cells; measured without the limit` };
  }
}

function fullSize(big: BigSheet): Cost[] {
  const { sheet, requests } = big;
  const heartbeat = () => post(sheet, [{ op: 'heartbeat', at: new Date(sheet.nowMs).toISOString() }]);
  sheet.advance(1000);
  heartbeat();
  const costs = [measured(sheet, 'heartbeat-only batch (Dashboard not due)', heartbeat)];
  const updates = requests.slice(-BATCH / 2).map((r) => upsert({ ...r, state: 'APPROVED' }));
  const ops = [...updates, ...Array.from({ length: BATCH / 2 }, () => upsert(makeRequest()))];
  sheet.advance(1000);
  costs.push(measured(sheet, `${BATCH}-op batch (half decisions, half new)`, () => post(sheet, ops)));
  const oldest = upsert({ ...requests[1]!, state: 'APPROVED' });
  sheet.advance(1000);
  costs.push(
    measured(
      sheet,
      '2-op batch: a decision on the oldest row + a new request',
      () => post(sheet, [oldest, upsert(makeRequest())]),
      'two blocks: the rows between are neither read nor written',
    ),
  );
  sheet.advance(REFRESH_INTERVAL_MS);
  costs.push(measured(sheet, 'heartbeat-only batch, Dashboard due: no refresh inside a POST', heartbeat));
  // The first run also creates the tab and draws its charts, once: the steady one is measured.
  sheet.rt.runTimers();
  sheet.advance(REFRESH_INTERVAL_MS);
  const timer = measured(sheet, "the Dashboard's timer, steady (reads outside the lock)", () => sheet.rt.runTimers());
  const lock = sheet.rt.lastExecution?.lockSeconds ?? 0;
  costs.push({ ...timer, note: `script lock held ${fixed(lock, 2)} s` });
  sheet.advance(60_000);
  costs.push(measured(sheet, 'Refresh dashboard (menu)', () => sheet.menu('refreshDashboard')));
  costs.push(measured(sheet, 'Reformat (menu)', () => sheet.menu('reformatSheet')));
  costs.push(evidenceExport(big));
  costs.push(archive(big));
  return costs;
}

/** Archive… of every row but the newest 10,000 (Teleport forgot them: one sync), in as many runs as it takes. */
function archive(big: BigSheet): Cost {
  const { sheet, requests } = big;
  sheet.advance(60_000);
  post(sheet, [{ op: 'sync', ids: requests.slice(-10_000).map((r) => r.id) }]);
  let slowest = 0;
  let runs = 0;
  const cost = measured(sheet, `Archive… of ${count(requests.length - 10_000)} gone requests`, () => {
    do {
      if (sheet.rt.properties.getProperty('teleport.archiveRun') === null) sheet.rt.ui.answer('OK', '2025');
      sheet.menu('archiveRequests');
      slowest = Math.max(slowest, sheet.rt.lastExecution?.seconds ?? 0);
      runs += 1;
    } while (sheet.rt.properties.getProperty('teleport.archiveRun') !== null && runs < 20);
  });
  return { ...cost, note: `${runs} executions, slowest ${fixed(slowest, 1)} s` };
}

async function firstSync(bundleDir: string): Promise<Cost & { slowest: number }> {
  const sheet = await Sheet.open(bundleDir, { runtime: BENCH_RUNTIME });
  const requests = Array.from({ length: FIRST_SYNC }, () => makeRequest());
  let slowest = 0;
  const cost = measured(sheet, `first sync of ${count(FIRST_SYNC)} requests (${FIRST_SYNC / BATCH} POSTs)`, () => {
    for (let i = 0; i < requests.length; i += BATCH) {
      sheet.advance(1000);
      post(sheet, requests.slice(i, i + BATCH).map(upsert));
      slowest = Math.max(slowest, sheet.rt.lastExecution?.seconds ?? 0);
    }
  });
  return { ...cost, slowest, note: `slowest POST ${fixed(slowest, 1)} s` };
}

function costRows(costs: Cost[]): string[][] {
  return costs.map((c) => [
    c.what,
    count(c.calls),
    count(c.read),
    count(c.written),
    fixed(c.seconds, 2),
    c.seconds > EXECUTION_LIMIT_SECONDS ? `past the 6-minute limit; ${c.note}` : c.note,
  ]);
}

function lifeLines(life: LifeResult): string[] {
  const o = REALISTIC_LIFE;
  const tabs = life.tabs.map((t) => `${t.name} ${count(t.rows)} × ${t.columns}`).join(', ');
  return [
    `Capacity: a realistic life of ${count(life.requests)} requests (${o.perDay} a day from ` +
      `${o.start.toISOString().slice(0, 10)}; ${o.approved * 100} % approved and ${o.denied * 100} % denied after ` +
      'one review, the rest lapse; each deleted from Teleport after it expires; a POST every ' +
      `${o.postEveryMs / 3_600_000} h, the Dashboard's timer after it; Export evidence… of every quarter):`,
    `  ${count(life.gridCells)} grid cells (${count(life.filledCells)} filled; ` +
      `${count(life.createdCells)} more in spreadsheets the script created) = ` +
      `${fixed(life.cellsPerRequest, 1)} cells per request → ${count(life.requestsPerSpreadsheet)} requests ` +
      `per spreadsheet of ${count(GRID_LIMIT_CELLS)} cells (goal ≤ ${GOALS.cellsPerRequest} ⇒ ≥ ` +
      `${count(GOALS.requests)});`,
    `  tabs: ${tabs}; exports ${life.exports.join(', ')} took ` +
      `${life.exportSeconds.map((s) => fixed(s, 1)).join(', ')} s; ` +
      `slowest POST ${fixed(life.slowestPostSeconds, 1)} s.`,
  ];
}

function headline(costs: Cost[], life: LifeResult): Figure[] {
  const [, batch, , refresh, timer] = costs;
  const archived = costs.find((c) => c.what.startsWith('Archive'));
  const how = 'local runtime, real bundle, cost-model.ts';
  return [
    {
      figure: `capacity: grid cells per request, realistic life (goal ≤ ${GOALS.cellsPerRequest})`,
      value: `${fixed(life.cellsPerRequest, 1)} → ${count(life.requestsPerSpreadsheet)} requests/spreadsheet`,
      how: `goal ≥ ${count(GOALS.requests)} requests; ${how}`,
    },
    {
      figure: `Dashboard refresh inside a POST at 50,000 / 200,000 (goal ≤ ${GOALS.refreshSeconds} s)`,
      value: `${fixed(refresh!.seconds, 1)} s modelled (its timer: ${timer!.note})`,
      how,
    },
    {
      figure: 'Archive… at 50,000 / 200,000 (each execution ≤ 6 min)',
      value: `${fixed(archived!.seconds, 0)} s modelled; ${archived!.note}`,
      how,
    },
    {
      figure: `${BATCH}-op batch at 50,000 / 200,000 (goal ≤ ${GOALS.batchCalls} calls, ≤ ${GOALS.batchSeconds} s)`,
      value: `${batch!.calls} calls, ${fixed(batch!.seconds, 2)} s modelled`,
      how,
    },
  ];
}

export async function capacityBench(): Promise<BenchPart> {
  const bundle = buildBundle();
  try {
    const costs = fullSize(await bigSheet(bundle.dir, FULL_SIZE.rows, FULL_SIZE.history));
    const sync = await firstSync(bundle.dir);
    const life = liveALife(await Sheet.open(bundle.dir, { runtime: BENCH_RUNTIME }));
    const table = formatTable(
      `== Modelled Apps Script seconds at ${count(FULL_SIZE.rows)} rows / ${count(FULL_SIZE.history)} History rows ==`,
      ['execution', 'calls', 'cells read', 'cells written', 'modelled s', 'note'],
      costRows([...costs, sync]),
      [
        'modelled s: every spreadsheet call priced by test/gas/cost-model.ts (published measurements: reads',
        '  0.2 s + 10 µs/cell, writes stepping to 1.3 s + 60 µs/cell past 15,000 cells, metadata by file size,',
        '  flush 0.6 s with writes pending, 80 ms otherwise); Properties, Cache and script compute are not priced.',
        '  The History seeded here is of other requests, so the export copies the 50,000 rows alone;',
        '  the last row (the first sync) starts from an empty sheet.',
        ...lifeLines(life),
      ],
    );
    return { table, headline: headline(costs, life) };
  } finally {
    bundle.remove();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log((await capacityBench()).table);
}
