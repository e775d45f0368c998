// A realistic life of one spreadsheet, driven through the real bundle in the local runtime: requests
// arrive through the day; most are reviewed once and approved or denied, some lapse unreviewed;
// Teleport forgets each one after its access (or its request) expires and the relay says so with a
// `delete`; the relay posts what happened once a day (the grid does not depend on how often: the
// sheet records a request's whole past from any later state), the Dashboard refreshes inside those
// POSTs, and the owner exports each quarter's evidence once the quarter is over. What it returns is
// the grid that life leaves: cells per request and requests per spreadsheet.
import type { Op, Request } from '../../../proto/contract.js';
import { GRID_LIMIT_CELLS } from '../../gas/cost-model.js';
import { seededRandom } from '../../e2e/workload.js';
import { makeBatch, makeRequest, upsert } from '../fixtures.js';
import type { Sheet } from '../harness.js';
import { HISTORY_SHEET_NAME } from '../../../appsscript/src/ledger/layout.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const MAX_OPS = 500;

export interface LifeOptions {
  requests: number;
  perDay: number;
  /** Simulated time between POSTs; each carries every op that fell due since the last. */
  postEveryMs: number;
  /** The first request's day; quarters are counted in UTC (the runtime's spreadsheet zone). */
  start: Date;
  /** Shares of requests approved and denied after one review; the rest lapse unreviewed. */
  approved: number;
  denied: number;
  seed: number;
}

export const REALISTIC_LIFE: LifeOptions = {
  requests: 10_000,
  perDay: 115,
  postEveryMs: DAY,
  start: new Date('2026-01-01T00:00:00.000Z'),
  approved: 0.8,
  denied: 0.1,
  seed: 18,
};

export interface TabCells {
  name: string;
  rows: number;
  columns: number;
  /** Rows and columns holding content: what the tab fills of its grid. */
  lastRow: number;
  lastColumn: number;
}

export interface LifeResult {
  requests: number;
  /** The History events the life implies (requested, reviewed, decided, expired, removed). */
  events: number;
  /** The live spreadsheet's grid, which the limit applies to. */
  gridCells: number;
  filledCells: number;
  /** Grid cells of the spreadsheets the script created (evidence or archive files): outside that budget. */
  createdCells: number;
  /** The grid cells that grow with the requests (the main tab's and History's) per request. */
  cellsPerRequest: number;
  /** Cells that do not grow with them: the spreadsheet's own first tab, the Dashboard, Exports. */
  fixedCells: number;
  /** What the limit holds at this life: the fixed cells, then cellsPerRequest for each request. */
  requestsPerSpreadsheet: number;
  tabs: TabCells[];
  exports: string[];
  posts: number;
  /** Modelled seconds of the slowest POST and of the exports (cost-model.ts). */
  slowestPostSeconds: number;
  exportSeconds: number[];
}

interface Due {
  at: number;
  op: Op;
}

/** Every op the relay will send over the life of request `i`, with when it falls due. */
function lifeOf(i: number, o: LifeOptions, random: () => number): Due[] {
  const created = o.start.getTime() + Math.floor((i * DAY) / o.perDay + random() * (DAY / o.perDay));
  const iso = (ms: number) => new Date(ms).toISOString();
  const base = makeRequest({
    user: `user-${i % 120}`,
    roles: [`role-${i % 17}`, 'auditor'],
    reason: `ticket OPS-${10_000 + i}`,
    created: iso(created),
    requestExpires: iso(created + DAY),
    accessExpires: null,
  });
  const fate = random();
  const out: Due[] = [{ at: created, op: upsert(base) }];
  if (fate >= o.approved + o.denied) {
    out.push({ at: created + DAY, op: { op: 'delete', id: base.id } });
    return out;
  }
  const decidedAt = created + Math.floor(5 * MINUTE + random() * 55 * MINUTE);
  const state = fate < o.approved ? 'APPROVED' : 'DENIED';
  const review = { author: `lead-${i % 9}`, state, reason: '', created: iso(decidedAt) } as const;
  const decided: Request = {
    ...base,
    state,
    reviews: [review],
    resolveReason: state === 'DENIED' ? 'not needed' : '',
    accessExpires: iso(decidedAt + 8 * HOUR),
  };
  out.push({ at: decidedAt, op: upsert(decided) }, { at: decidedAt + 8 * HOUR, op: { op: 'delete', id: base.id } });
  return out;
}

function quarterOf(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-Q${Math.floor(d.getUTCMonth() / 3) + 1}`;
}

function nextQuarterStart(ms: number): number {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), Math.floor(d.getUTCMonth() / 3) * 3 + 3, 1);
}

function tabCells(sheet: Sheet): TabCells[] {
  return sheet.rt.spreadsheet.getSheets().map((t) => ({
    name: t.getName(),
    rows: t.getMaxRows(),
    columns: t.getMaxColumns(),
    lastRow: t.getLastRow(),
    lastColumn: t.getLastColumn(),
  }));
}

function post(sheet: Sheet, ops: Op[]): number {
  let slowest = 0;
  for (let i = 0; i < ops.length; i += MAX_OPS) {
    const reply = sheet.post(makeBatch(ops.slice(i, i + MAX_OPS)));
    if (!reply.ok) throw new Error(`the life's batch was refused: ${reply.error}`);
    slowest = Math.max(slowest, sheet.rt.lastExecution?.seconds ?? 0);
  }
  return slowest;
}

function exportQuarter(sheet: Sheet, quarter: string): number {
  sheet.rt.ui.answer('OK', quarter);
  sheet.menu('exportEvidence');
  return sheet.rt.lastExecution?.seconds ?? 0;
}

/** Lives `o` on `sheet` (a fresh one); its clock ends at the start of the quarter after the last op. */
export function liveALife(sheet: Sheet, o: LifeOptions = REALISTIC_LIFE): LifeResult {
  const random = seededRandom(o.seed);
  const lives = Array.from({ length: o.requests }, (_, i) => lifeOf(i, o, random));
  // Lapsed: requested, expired. Decided: requested, reviewed, approved or denied, removed.
  const events = lives.reduce((sum, ops) => sum + (ops.length === 2 ? 2 : 4), 0);
  const due = lives.flat().sort((a, b) => a.at - b.at);
  const result = { posts: 0, slowestPostSeconds: 0, exports: [] as string[], exportSeconds: [] as number[] };
  let next = 0;
  for (let now = o.start.getTime(); next < due.length; now += o.postEveryMs) {
    sheet.nowMs = now;
    const ops: Op[] = [];
    while (next < due.length && due[next]!.at <= now) ops.push(due[next++]!.op);
    if (ops.length > 0) {
      result.slowestPostSeconds = Math.max(result.slowestPostSeconds, post(sheet, ops));
      result.posts += 1;
    }
    // The Dashboard refreshes on its own timer (made by the first POST), not inside the POSTs.
    sheet.rt.runTimers();
    const ended = quarterOf(now - o.postEveryMs);
    if (now > o.start.getTime() && quarterOf(now) !== ended) {
      result.exports.push(ended);
      result.exportSeconds.push(exportQuarter(sheet, ended));
    }
  }
  const last = quarterOf(sheet.nowMs);
  sheet.nowMs = nextQuarterStart(sheet.nowMs);
  result.exports.push(last);
  result.exportSeconds.push(exportQuarter(sheet, last));
  const gridCells = sheet.rt.spreadsheet.gridCells();
  const tabs = tabCells(sheet);
  const growing = tabs
    .filter((t) => t.name === 'Access Requests' || t.name === HISTORY_SHEET_NAME)
    .reduce((sum, t) => sum + t.rows * t.columns, 0);
  const cellsPerRequest = growing / o.requests;
  const fixedCells = gridCells - growing;
  return {
    requests: o.requests,
    events,
    gridCells,
    filledCells: tabs.reduce((sum, t) => sum + t.lastRow * t.lastColumn, 0),
    createdCells: sheet.rt.drive.list().reduce((sum, ss) => sum + ss.gridCells(), 0),
    cellsPerRequest,
    fixedCells,
    requestsPerSpreadsheet: Math.floor((GRID_LIMIT_CELLS - fixedCells) / cellsPerRequest),
    tabs,
    ...result,
  };
}
