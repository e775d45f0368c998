// The History tab (contract §9, §15) through the platform: created when first needed, appended to
// and never rewritten (Reformat alone may drop duplicate keys and sort), every row sealed. Where the
// next row goes is remembered with the seal of the last row written, and the write's own range
// starts one row up: one read shows that row is still there and the rows below are empty before
// anything is written, so rows a person inserts, deletes or sorts never make the script write over
// a sealed row. When they did move, the tab's last row says where to write, below everything. The
// tab is as wide as its columns and grows in steps proportional to it (contract §12).
import { rowsToGrow } from '../capacity/grid-size.js';
import { SheetFullError, createFitted, grow, type RoomStores } from '../capacity/room.js';
import type { Cells, Tab, Workbook, WriteValue } from '../gas/platform.js';
import { historyValues, type HistoryEvent } from '../ledger/history.js';
import { reformatHistory } from '../ledger/history-reformat.js';
import { HISTORY_WIDTH, SEAL_COL, SEAL_HEADER, historySeal, isSealed } from '../ledger/history-seal.js';
import { DATE_TIME_FORMAT, HISTORY_COL, HISTORY_HEADERS, HISTORY_SHEET_NAME } from '../ledger/layout.js';
import type { Mac } from '../rows/rowmeta.js';
import type { ScriptStores } from '../stores/cached-properties.js';
import {
  forgetHistoryCursor,
  historyCursor,
  rememberHistoryCursor,
  type HistoryCursor,
} from '../stores/ledger-store.js';
import { literal, rewritable } from '../rows/render.js';

const WIDTHS: readonly number[] = [130, 160, 280, 160, 180, 90, 160, 360, 80, 80];
export const HISTORY_NOTE = 'Kept by the Teleport relay: a record of every change, appended only. Do not edit.';
const HEADERS = [...HISTORY_HEADERS, SEAL_HEADER];

function layout(tab: Tab): void {
  const header = tab.range(1, 1, 1, HISTORY_WIDTH);
  header.setValues([HEADERS.map((h) => literal(h))]);
  header.setBold();
  tab.freezeRows(1);
  WIDTHS.forEach((width, i) => tab.setColumnWidth(i + 1, width));
  tab.formatColumns([HISTORY_COL.time], DATE_TIME_FORMAT);
  tab.hideColumn(HISTORY_COL.key);
  tab.hideColumn(SEAL_COL);
  tab.protect({ warningOnly: true, description: HISTORY_NOTE });
}

/** Rows for the events from row `next` on, the grid grown first when they do not fit; the grid after. */
function room(p: RoomStores, wb: Workbook, tab: Tab, grid: number, end: number): number {
  const more = rowsToGrow(grid, end);
  if (more === 0) return grid;
  grow(p, wb, more * HISTORY_WIDTH, () => tab.insertRowsAfter(grid, more));
  return grid + more;
}

const blank = (cell: unknown) => cell === '' || cell === null || cell === undefined;

/** The row above the cursor is the one the script wrote last (or the header), and the rows from it are empty. */
function stillThere(cursor: HistoryCursor, read: readonly (readonly unknown[])[]): boolean {
  const [above, ...below] = read;
  const ours = cursor.next === 2 ? above?.[0] === HISTORY_HEADERS[0] : above?.[SEAL_COL - 1] === cursor.seal;
  return ours && below.every((row) => row.every(blank));
}

/** Writes at the remembered cursor when the tab is as the script left it; false when it is not. */
function writeAtCursor(p: RoomStores, wb: Workbook, tab: Tab, cursor: HistoryCursor, values: WriteValue[][]): boolean {
  const end = cursor.next + values.length - 1;
  const grid = room(p, wb, tab, cursor.grid, end);
  const range: Cells = tab.range(cursor.next - 1, 1, values.length + 1, HISTORY_WIDTH);
  const read = range.values();
  if (!stillThere(cursor, read)) return false;
  remember(p, end, grid, values);
  range.setValues([read[0]!.map(rewritable), ...values]);
  return true;
}

/** Reserved before writing: an execution killed now leaves blank rows, never rows written over. */
function remember(p: ScriptStores, end: number, grid: number, values: WriteValue[][]): void {
  rememberHistoryCursor(p, { next: end + 1, grid, seal: String(values[values.length - 1]![SEAL_COL - 1]) });
}

/**
 * A tab from before contract §15 gets its Seal column, and its rows are sealed as they stand, once:
 * every row with a key no other row holds (of two rows claiming one event, neither is vouched for).
 */
function adoptOlderTab(tab: Tab, mac: Mac): void {
  layout(tab);
  const last = tab.lastRow();
  if (last < 2) return;
  const rows = tab.range(2, 1, last - 1, HISTORY_HEADERS.length).values();
  const keyOf = (row: readonly unknown[]) => row[HISTORY_COL.key - 1];
  const count = new Map<unknown, number>();
  for (const row of rows) count.set(keyOf(row), (count.get(keyOf(row)) ?? 0) + 1);
  const seal = (row: readonly unknown[]) => {
    const key = keyOf(row);
    return typeof key === 'string' && key !== '' && count.get(key) === 1 ? historySeal(row, mac, false) : '';
  };
  tab.range(2, SEAL_COL, rows.length, 1).setValues(rows.map((row) => [seal(row)]));
}

/** Below the tab's last row with anything in it; creates the tab, or adopts one from before its seals. */
function writeBelowAll(p: RoomStores, wb: Workbook, tab: Tab, values: WriteValue[][], mac: Mac): void {
  if (!tab.exists()) {
    createFitted(p, wb, tab, HISTORY_WIDTH);
    layout(tab);
  } else if (tab.range(1, SEAL_COL, 1, 1).values()[0]?.[0] !== SEAL_HEADER) {
    adoptOlderTab(tab, mac);
  }
  const next = Math.max(2, tab.lastRow() + 1);
  const end = next + values.length - 1;
  const grid = room(p, wb, tab, tab.gridRows(), end);
  remember(p, end, grid, values);
  tab.range(next, 1, values.length, HISTORY_WIDTH).setValues(values);
}

/** The events' cells, each row sealed. */
export function sealedRows(events: readonly HistoryEvent[], mac: Mac): WriteValue[][] {
  return events.map((e) => {
    const cells: WriteValue[] = historyValues(e).map((v) => (typeof v === 'string' ? literal(v) : v));
    return [...cells, historySeal(cells, mac, true)];
  });
}

/** Appends the events, sealed, in one read and one write (two more calls when the grid grows). */
export function appendHistory(p: RoomStores, wb: Workbook, events: readonly HistoryEvent[], mac: Mac): void {
  if (events.length === 0) return;
  const values = sealedRows(events, mac);
  const tab = wb.tab(HISTORY_SHEET_NAME);
  const cursor = historyCursor(p);
  let written = false;
  try {
    written = cursor !== null && writeAtCursor(p, wb, tab, cursor, values);
  } catch (err) {
    // The remembered grid no longer fits the tab (it was deleted, or rows of it were).
    if (err instanceof SheetFullError) throw err;
  }
  if (written) return;
  forgetHistoryCursor(p);
  writeBelowAll(p, wb, wb.tab(HISTORY_SHEET_NAME), values, mac);
}

/** Every key a sealed row holds (read only when a row's own bookkeeping was lost). */
export function historyKeys(wb: Workbook, mac: Mac): Set<string> {
  const tab = wb.tab(HISTORY_SHEET_NAME);
  if (!tab.exists()) return new Set();
  const last = tab.lastRow();
  if (last < 2) return new Set();
  const rows = tab.range(2, 1, last - 1, HISTORY_WIDTH).values();
  const keys = rows.filter((row) => isSealed(row, mac)).map((row) => row[HISTORY_COL.key - 1]);
  return new Set(keys.filter((k): k is string => typeof k === 'string' && k !== ''));
}

/**
 * Reformat: the layout again; with the sealing key (the owner's executions), duplicate keys dropped
 * in favour of sealed rows and the rows sorted newest first. Without it nothing is moved or dropped.
 */
export function reformatHistoryTab(p: ScriptStores, wb: Workbook, mac: Mac | null): void {
  const tab = wb.tab(HISTORY_SHEET_NAME);
  if (!tab.exists()) return;
  layout(tab);
  if (!mac) return;
  const last = tab.lastRow();
  forgetHistoryCursor(p);
  if (last < 2) return;
  const range = tab.range(2, 1, last - 1, HISTORY_WIDTH);
  const { rows, removed } = reformatHistory(range.values(), (row) => isSealed(row, mac));
  const cleared = Array.from({ length: removed }, () => HEADERS.map(() => ''));
  range.setValues([...rows.map((row) => row.map(rewritable)), ...cleared]);
}
