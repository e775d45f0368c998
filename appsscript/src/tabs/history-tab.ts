// The History tab (contract §9) through the platform: created when first needed, appended to and
// never rewritten (Reformat alone may drop duplicate keys and sort). Appending never reads the
// tab: where the next row goes is remembered (stores/ledger-store.ts), and asked of the tab once when
// forgotten; the grid grows in big steps.
import type { Tab, Workbook, WriteValue } from '../gas/platform.js';
import { historyValues, type HistoryEvent } from '../ledger/history.js';
import { reformatHistory } from '../ledger/history-reformat.js';
import { DATE_TIME_FORMAT, HISTORY_COL, HISTORY_HEADERS, HISTORY_SHEET_NAME } from '../ledger/layout.js';
import type { ScriptStores } from '../stores/cached-properties.js';
import {
  forgetHistoryCursor,
  historyCursor,
  rememberHistoryCursor,
  type HistoryCursor,
} from '../stores/ledger-store.js';
import { literal, rewritable } from '../rows/render.js';

/** Rows added whenever the History grid must grow. */
export const HISTORY_GROW_ROWS = 5000;
const WIDTHS: readonly number[] = [130, 160, 280, 160, 180, 90, 160, 360, 80];
export const HISTORY_NOTE = 'Kept by the Teleport relay: a record of every change, appended only. Do not edit.';

function layout(tab: Tab): void {
  const header = tab.range(1, 1, 1, HISTORY_HEADERS.length);
  header.setValues([HISTORY_HEADERS.map((h) => literal(h))]);
  header.setBold();
  tab.freezeRows(1);
  WIDTHS.forEach((width, i) => tab.setColumnWidth(i + 1, width));
  tab.formatColumns([HISTORY_COL.time], DATE_TIME_FORMAT);
  tab.hideColumn(HISTORY_COL.key);
  tab.protect({ warningOnly: true, description: HISTORY_NOTE });
}

/** Where the next row goes; creates and lays out the tab when it is missing. */
function locate(p: ScriptStores, tab: Tab): HistoryCursor {
  const known = historyCursor(p);
  if (known) return known;
  if (!tab.exists()) {
    tab.create();
    layout(tab);
  }
  return { next: Math.max(2, tab.lastRow() + 1), grid: tab.gridRows() };
}

function write(p: ScriptStores, tab: Tab, values: WriteValue[][]): void {
  let rows = locate(p, tab);
  const end = rows.next + values.length - 1;
  if (end > rows.grid) {
    const grow = end - rows.grid + HISTORY_GROW_ROWS;
    tab.insertRowsAfter(rows.grid, grow);
    rows = { ...rows, grid: rows.grid + grow };
  }
  // Reserved before writing: an execution killed now leaves blank rows, never rows written over.
  rememberHistoryCursor(p, { next: end + 1, grid: rows.grid });
  tab.range(rows.next, 1, values.length, HISTORY_HEADERS.length).setValues(values);
}

/** Appends the events in one write (two more calls when the grid grows). */
export function appendHistory(p: ScriptStores, wb: Workbook, events: readonly HistoryEvent[]): void {
  if (events.length === 0) return;
  const values = events.map((e) => historyValues(e).map((v) => (typeof v === 'string' ? literal(v) : v)));
  const tab = wb.tab(HISTORY_SHEET_NAME);
  try {
    write(p, tab, values);
  } catch (err) {
    // What was remembered no longer fits the tab (it was deleted, or its rows were): ask the tab.
    if (historyCursor(p) === null) throw err;
    forgetHistoryCursor(p);
    write(p, wb.tab(HISTORY_SHEET_NAME), values);
  }
}

/** Every key the tab holds (read only when a row's own bookkeeping was lost). */
export function historyKeys(p: ScriptStores, wb: Workbook): Set<string> {
  const tab = wb.tab(HISTORY_SHEET_NAME);
  if (historyCursor(p) === null && !tab.exists()) return new Set();
  const { next } = locate(p, tab);
  if (next <= 2) return new Set();
  const cells = tab.range(2, HISTORY_COL.key, next - 2, 1).values();
  return new Set(cells.map((row) => row[0]).filter((k): k is string => typeof k === 'string' && k !== ''));
}

/** Reformat: the layout again, duplicate keys dropped, newest first. */
export function reformatHistoryTab(p: ScriptStores, wb: Workbook): void {
  const tab = wb.tab(HISTORY_SHEET_NAME);
  if (!tab.exists()) return;
  layout(tab);
  const last = tab.lastRow();
  forgetHistoryCursor(p);
  if (last < 2) return;
  const range = tab.range(2, 1, last - 1, HISTORY_HEADERS.length);
  const { rows, removed } = reformatHistory(range.values());
  const blank = Array.from({ length: removed }, () => HISTORY_HEADERS.map(() => ''));
  range.setValues([...rows.map((row) => row.map(rewritable)), ...blank]);
}
