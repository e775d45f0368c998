// The Dashboard tab, owned by the script: rewritten from A1 on every refresh (values only, so the
// charts drawn once keep following their fixed ranges), laid out (formats, bold, a warning-only
// protection) when created, grown or reformatted. A refresh reads (the zone 1, both tabs 4), then
// writes (the tab 1, its size 1, the block 2, the charts 1, the links 2): the reading, which grows
// with the ledger, happens outside the script lock for the timer and the menu (refreshBesideLock);
// the writing is small.
import { BLOCKS, DASHBOARD_TAB, DASHBOARD_WIDTH, layoutDashboard, type DashboardGrid } from '../dashboard/layout.js';
import { dashboardCapacity } from './capacity-view.js';
import { listedExports } from './exports-tab.js';
import type { FormatRange } from '../dashboard/grid.js';
import { buildDashboard, dashboardEvents } from '../dashboard/model.js';
import { probedZone } from '../dashboard/probed-zone.js';
import type { Zone } from '../records/zone.js';
import type { Link, Platform, Tab, Workbook } from '../gas/platform.js';
import { readSealedLedger } from '../records/sealed-ledger.js';
import { rowMac } from '../stores/ledger-store.js';
import { sealingKey } from '../stores/sealing-key.js';
import type { Cell } from '../rows/render.js';
import { relayContacts } from '../records/relay-contacts.js';
import { CACHE_TTL_SECONDS } from '../stores/cached-properties.js';

export const DASHBOARD_NOTE = 'Kept by the Teleport relay: rewritten on every refresh. Make your own tabs for notes.';
const STATE_KEY = 'teleport.dashboard';

/** When the tab was last refreshed and how many rows that wrote (so the next one clears what is left). */
interface Written {
  at: number;
  rows: number;
}

/** The spreadsheet's zone (1 call); offsets come from Utilities.formatDate, which is not a spreadsheet call. */
export function sheetZone(platform: Pick<Platform, 'formatDate'>, wb: Workbook): Zone {
  const id = wb.timeZone();
  return probedZone(id, (instant) => platform.formatDate(instant, id, 'Z'));
}

function lastWritten({ scriptCache }: Pick<Platform, 'scriptCache'>): Written | null {
  const [at, rows] = (scriptCache.get(STATE_KEY) ?? '').split('/').map(Number);
  return Number.isFinite(at) && Number.isInteger(rows) && rows! > 0 ? { at: at!, rows: rows! } : null;
}

/** The next delivery refreshes the tab (its time forgotten, the rows it wrote kept). */
export function markRefreshDue(p: Pick<Platform, 'scriptCache'>): void {
  const last = lastWritten(p);
  if (last) remember(p, { at: 0, rows: last.rows });
}

function remember({ scriptCache }: Pick<Platform, 'scriptCache'>, written: Written): void {
  scriptCache.put(STATE_KEY, `${written.at}/${written.rows}`, CACHE_TTL_SECONDS);
}

/** When the Dashboard was last written; null when never, or when the cache forgot. */
export function lastRefreshAt(platform: Pick<Platform, 'scriptCache'>): number | null {
  return lastWritten(platform)?.at ?? null;
}

/** Reads the ledger and computes the grid: no lock needed, nothing written. */
function computeDashboard(platform: Platform, wb: Workbook, now: number): DashboardGrid {
  const zone = sheetZone(platform, wb);
  // Run only in the owner's executions (the timer, the owner's menu items), which hold the key.
  const key = sealingKey(platform, { owner: true, create: false });
  const ledger = readSealedLedger(wb, zone, key ? rowMac(platform, key) : null, dashboardEvents(new Date(now)));
  const left = { rows: ledger.unvouched.rows.length, events: ledger.unvouched.events.length };
  const model = buildDashboard({ ...ledger, relays: relayContacts(platform), now: new Date(now), zone, left });
  return layoutDashboard(model, dashboardCapacity(platform, now, listedExports(wb)));
}

/**
 * Reads and computes without the script lock (at full size, tens of seconds no POST should wait
 * for), then takes the lock, waiting at most `waitMs`, only to write. False when it stayed busy.
 */
export function refreshBesideLock(platform: Platform, wb: Workbook, now: number, waitMs: number): boolean {
  const grid = computeDashboard(platform, wb, now);
  const written = platform.withScriptLock(waitMs, () => {
    writeDashboard(platform, wb, grid, now, false);
    wb.flush();
    return true;
  });
  return written === true;
}

/** Computes and writes the tab; `layOut` re-applies formats and protection (Reformat). Under the script lock. */
export function refreshDashboard(platform: Platform, wb: Workbook, now: number, layOut: boolean): void {
  writeDashboard(platform, wb, computeDashboard(platform, wb, now), now, layOut);
}

/** Writes a computed grid. Under the script lock. */
function writeDashboard(platform: Platform, wb: Workbook, grid: DashboardGrid, now: number, layOut: boolean) {
  const tab = wb.tab(DASHBOARD_TAB);
  const created = !tab.exists();
  if (created) {
    tab.create();
    tab.fitGrid(grid.values.length, DASHBOARD_WIDTH);
  }
  const { rows, grown } = writeValues(tab, grid.values, lastWritten(platform)?.rows ?? null);
  if (created || grown || layOut) layOutTab(tab, grid.formats, grid.bold);
  const titles = tab.chartTitles();
  for (const chart of grid.charts) if (!titles.includes(chart.title)) tab.insertChart(chart);
  writeLinks(tab, grid.values, grid.links);
  remember(platform, { at: now, rows });
}

/** The grid from A1, padded with empty rows over what the last refresh wrote (or the whole tab). */
function writeValues(tab: Tab, values: Cell[][], previous: number | null): { rows: number; grown: boolean } {
  const gridRows = tab.gridRows();
  const grown = values.length > gridRows;
  if (grown) tab.insertRowsAfter(gridRows, values.length - gridRows);
  const rows = Math.max(values.length, Math.min(previous ?? gridRows, gridRows));
  const padded = [
    ...values,
    ...Array.from({ length: rows - values.length }, () => Array<Cell>(DASHBOARD_WIDTH).fill('')),
  ];
  tab.range(1, 1, rows, DASHBOARD_WIDTH).setValues(padded);
  return { rows, grown };
}

/** The Waiting longest IDs: setValues dropped every link, so the whole column is rewritten. */
function writeLinks(tab: Tab, values: Cell[][], links: readonly { row: number; col: number; url: string }[]): void {
  if (links.length === 0) return;
  const first = BLOCKS.waiting.row + 2;
  const column: Link[] = Array.from({ length: BLOCKS.waiting.capacity! }, (_, i) => {
    const shown = values[first - 1 + i]?.[BLOCKS.waiting.col - 1] ?? '';
    const link = links.find((l) => l.row === first + i && l.col === BLOCKS.waiting.col);
    return { text: typeof shown === 'string' ? shown.replace(/^'/, '') : String(shown), url: link?.url ?? '' };
  });
  tab.range(first, BLOCKS.waiting.col, column.length, 1).setLinks(column);
}

/** Formats of the tables that grow downwards reach the end of their column, so no refresh needs them again. */
function layOutTab(tab: Tab, formats: readonly FormatRange[], bold: readonly string[]): void {
  const growing = BLOCKS.clusters.row + 2;
  const byFormat = new Map<string, string[]>();
  for (const { range, format } of formats) {
    const m = /^([A-Z]+)([0-9]+)(?::([A-Z]+)[0-9]+)?$/.exec(range);
    const area = m && Number(m[2]) >= growing ? `${m[1]}${m[2]}:${m[3] ?? m[1]}` : range;
    byFormat.set(format, [...(byFormat.get(format) ?? []), area]);
  }
  for (const [format, areas] of byFormat) tab.formatAreas(areas, format);
  tab.boldAreas(bold);
  tab.protect({ warningOnly: true, description: DASHBOARD_NOTE });
}
