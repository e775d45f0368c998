// Never silently full (contract §12): every growth the script makes is checked against a fresh
// measurement of the grid before it happens (growth is rare: grids grow by a twentieth at a time), so a
// batch that would not fit is answered `full` before Google's own refusal and before anything of it
// is written — whatever people added by hand. Replies carry the count stores/grid-store.ts keeps.
import { GRID_CELL_LIMIT } from '../../../proto/contract.js';
import type { Platform, Tab, Workbook } from '../gas/platform.js';
import { NEW_TAB_ROWS } from './grid-size.js';
import { addGrowth, gridRecord, rememberMeasurement, type GridRecord } from '../stores/grid-store.js';

export class SheetFullError extends Error {
  readonly code = 'full';
}

/** A count older than this is measured again before it decides anything or goes into a reply. */
export const GRID_FRESH_MS = 60 * 60_000;

/** What the room checks keep their count in, and the clock they date it by. */
export type RoomStores = Pick<Platform, 'scriptProperties' | 'scriptCache' | 'now'>;

/** Measures every tab's grid (1 + 2 calls per tab) and remembers it. */
export function measureGrid(p: RoomStores, wb: Workbook): GridRecord {
  measuredNow = rememberMeasurement(p, { at: p.now(), cells: wb.gridCells() });
  return measuredNow;
}

/** The grid cells in use, measured when the record is missing or an hour old. */
export function currentCells(p: RoomStores, wb: Workbook): number {
  const record = gridRecord(p);
  return record && p.now() - record.measured.at <= GRID_FRESH_MS ? record.cells : measureGrid(p, wb).cells;
}

/** The count for a reply, only when it is fresh: a reply never costs a spreadsheet call for it. */
export function reportedCells(p: RoomStores): number | null {
  const record = gridRecord(p);
  return record && p.now() - record.measured.at <= GRID_FRESH_MS ? record.cells : null;
}

/** Whether this execution measured the grid already (Apps Script evaluates the bundle afresh for each). */
let measuredNow: GridRecord | null = null;

/** Throws SheetFullError when `cells` more would pass the limit (measured once per execution). */
export function ensureRoom(p: RoomStores, wb: Workbook, cells: number): void {
  if (cells <= 0) return;
  let record = gridRecord(p);
  if (!record || !measuredNow) record = measureGrid(p, wb);
  if (record.cells + cells > GRID_CELL_LIMIT) {
    throw new SheetFullError(`${cells} more cells would pass the ${GRID_CELL_LIMIT}-cell limit`);
  }
}

/**
 * A growth of `cells` made by `fn`: checked first and counted after. When Google refuses it anyway
 * (someone added a tab since the count) and a measurement shows no room, it is full too.
 */
export function grow(p: RoomStores, wb: Workbook, cells: number, fn: () => void): void {
  ensureRoom(p, wb, cells);
  try {
    fn();
  } catch (err) {
    if (measureGrid(p, wb).cells + cells > GRID_CELL_LIMIT) throw new SheetFullError('Google refused the growth');
    throw err;
  }
  addGrowth(p, cells);
}

/** Cells a tab gave back (rows or columns deleted). */
export function shrunk(p: RoomStores, cells: number): void {
  addGrowth(p, -cells);
}

/** What Google gives a new tab, whatever it will hold. */
export const NEW_TAB_CELLS = 1000 * 26;

/** Creates the tab, checked as a growth, and trims it to `columns` × `rows` at once. */
export function createFitted(p: RoomStores, wb: Workbook, tab: Tab, columns: number, rows = NEW_TAB_ROWS): void {
  grow(p, wb, NEW_TAB_CELLS, () => tab.create());
  tab.fitGrid(rows, columns);
  shrunk(p, NEW_TAB_CELLS - rows * columns);
}
