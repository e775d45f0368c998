// The Dashboard refresh on a 50,000-row main tab with a 200,000-event History: spreadsheet calls
// and cells read through the real bundle in the local runtime, and the time of the computation
// itself (cells → rows → figures → grid, offsets probed through a formatDate stand-in, History read
// as the refresh reads it) in Node: one warm-up run, then the median of several. Figures, not assertions.
import { performance } from 'node:perf_hooks';
import { layoutDashboard } from '../../../appsscript/src/dashboard/layout.js';
import { buildDashboard, dashboardEvents } from '../../../appsscript/src/dashboard/model.js';
import { probedZone } from '../../../appsscript/src/dashboard/probed-zone.js';
import { historyRows, mainRows } from '../../../appsscript/src/records/ledger-rows.js';
import { formatJavaDate } from '../../gas/date-format.js';
import { bigLedger } from '../../sheet/dashboard/big-ledger.js';
import { NOW } from '../../sheet/dashboard/ledger.js';
import { historyCells, mainCells, seedLedger } from '../../sheet/dashboard/seed-ledger.js';
import { Sheet, buildBundle } from '../../sheet/harness.js';
import { seedRowKey } from '../../sheet/seed.js';
import { count, fixed, formatTable, spread, type BenchPart } from './table.js';

const SIZES: readonly [number, number][] = [
  [5_000, 20_000],
  [50_000, 200_000],
];
const ZONE = 'America/New_York';
const AROUND = new Set(['SpreadsheetApp.getActiveSpreadsheet', 'Spreadsheet.getId', 'SpreadsheetApp.flush']);
const UI = new Set(['SpreadsheetApp.getUi', 'Spreadsheet.toast']);
const WARM_UP_RUNS = 1;
const TIMED_RUNS = 7;

/** getValues gives literal text back without its apostrophe. */
const asRead = (cells: unknown[]) => cells.map((c) => (typeof c === 'string' ? c.replace(/^'/, '') : c));

type Cells = unknown[][];

/**
 * The refresh's computation, timed; `wholeHistory` builds every History event (as the evidence
 * export does) where a refresh builds only the events the Dashboard reads.
 */
function computeMs(main: Cells, history: Cells, wholeHistory: boolean): { ms: number[]; probes: number } {
  let probes = 0;
  const ms: number[] = [];
  for (let run = 0; run < WARM_UP_RUNS + TIMED_RUNS; run++) {
    probes = 0;
    const start = performance.now();
    const zone = probedZone(ZONE, (d) => (probes++, formatJavaDate(d.getTime(), ZONE, 'Z')));
    const model = buildDashboard({
      rows: mainRows(main, zone),
      history: wholeHistory ? historyRows(history) : historyRows(history, dashboardEvents(NOW)),
      relays: [],
      now: NOW,
      zone,
    });
    layoutDashboard(model);
    if (run >= WARM_UP_RUNS) ms.push(performance.now() - start);
  }
  return { ms, probes };
}

async function refreshCalls(
  bundleDir: string,
  n: number,
  m: number,
): Promise<{ calls: number; read: number; seconds: number }> {
  const sheet = await Sheet.open(bundleDir);
  sheet.nowMs = NOW.getTime();
  sheet.rt.spreadsheet.setSpreadsheetTimeZone(ZONE);
  const { rows, history } = bigLedger(NOW, n, m);
  seedLedger(sheet.rt.spreadsheet, rows, history, seedRowKey(sheet));
  sheet.rt.properties.setProperty('teleport.webUrls', JSON.stringify({ prod: 'https://prod.example.com' }));
  sheet.menu('refreshDashboard');
  sheet.advance(60_000);
  sheet.rt.counters.reset();
  sheet.menu('refreshDashboard');
  const calls = Object.entries(sheet.rt.counters.byMethod)
    .filter(([method]) => !AROUND.has(method) && !UI.has(method))
    .reduce((sum, [, c]) => sum + c, 0);
  return { calls, read: sheet.rt.counters.cellsRead, seconds: sheet.rt.counters.seconds };
}

export async function dashboardBench(): Promise<BenchPart> {
  const bundle = buildBundle();
  try {
    const rows: string[][] = [];
    let biggest = { calls: 0, p50: 0, seconds: 0 };
    for (const [n, m] of SIZES) {
      const { calls, read, seconds } = await refreshCalls(bundle.dir, n, m);
      const ledger = bigLedger(NOW, n, m);
      const main = ledger.rows.map((r) => asRead(mainCells(r)));
      const history = ledger.history.map((e) => asRead(historyCells(e)));
      const { ms, probes } = computeMs(main, history, false);
      const s = spread(ms);
      const whole = spread(computeMs(main, history, true).ms);
      rows.push([
        ...[count(n), count(m), count(calls), count(read), fixed(seconds, 1), fixed(s.p50), fixed(s.max)],
        ...[fixed(whole.p50), count(probes)],
      ]);
      biggest = { calls, p50: s.p50, seconds };
    }
    const table = formatTable(
      '== Dashboard refresh ==',
      [
        ...['main rows', 'History', 'calls', 'cells read', 'modelled s', 'compute ms p50', 'max'],
        ...['whole History p50', 'offset probes'],
      ],
      rows,
      [
        'calls: one steady refresh by the real bundle (Waiting longest linked), without opening the spreadsheet,',
        '  the flush and the toast; modelled s: the whole menu execution priced by test/gas/cost-model.ts.',
        `  compute: cells → rows → figures → grid in Node, ${TIMED_RUNS} runs after`,
        `  ${WARM_UP_RUNS} warm-up; History built only for the events the Dashboard reads, as the refresh does`,
        '  (here a quarter of them); whole History: every event built, as the evidence export reads it.',
      ],
    );
    const headline = [
      {
        figure: 'dashboard: refresh of 50,000 rows + 200,000 History events',
        value: `${biggest.calls} calls, ${fixed(biggest.seconds, 1)} s modelled, compute ${fixed(biggest.p50)} ms`,
        how: 'runtime counters and cost model (real bundle); computation timed in Node',
      },
    ];
    return { table, headline };
  } finally {
    bundle.remove();
  }
}
