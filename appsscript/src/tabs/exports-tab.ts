// The Exports tab: one small, owner-only list of every record the script wrote into a spreadsheet
// of its own — evidence exports and archives — with its link and digest, so the live sheet keeps
// no copy of their rows (contract §12) and still says where each one is and what it must match.
import { createFitted, grow, type RoomStores } from '../capacity/room.js';
import type { Link, Tab, Workbook, WriteValue } from '../gas/platform.js';
import { DATE_TIME_FORMAT } from '../ledger/layout.js';
import { literal } from '../rows/render.js';

export const EXPORTS_TAB = 'Exports';
export const EXPORTS_HEADERS = [
  'Kind',
  'Period',
  'Spreadsheet',
  'Content SHA-256',
  'Requests',
  'History rows',
  'Made',
  'By',
] as const;
const COL = { link: 3, made: 7 } as const;
const NEW_ROWS = 20;
const WIDTHS = [90, 200, 110, 480, 80, 90, 150, 200];
export const EXPORTS_NOTE =
  'Kept by the Teleport relay: where each evidence export and archive lives, and the digest it must match. ' +
  'Only the owner may change it.';

export interface ExportEntry {
  kind: 'evidence' | 'archive';
  period: string;
  url: string;
  digest: string;
  requests: number;
  historyRows: number;
  made: Date;
  by: string;
}

function create(p: RoomStores, wb: Workbook, tab: Tab): void {
  // A new tab takes 26,000 cells until trimmed: on a full sheet this throws SheetFullError.
  createFitted(p, wb, tab, EXPORTS_HEADERS.length, NEW_ROWS);
  const header = tab.range(1, 1, 1, EXPORTS_HEADERS.length);
  header.setValues([EXPORTS_HEADERS.map((h) => literal(h))]);
  header.setBold();
  tab.freezeRows(1);
  WIDTHS.forEach((width, i) => tab.setColumnWidth(i + 1, width));
  tab.formatColumns([COL.made], DATE_TIME_FORMAT);
  tab.protectOwnerOnly(EXPORTS_NOTE);
}

/** Appends one entry below the last row; under the script lock. */
export function listExport(p: RoomStores, wb: Workbook, entry: ExportEntry): void {
  const tab = wb.tab(EXPORTS_TAB);
  if (!tab.exists()) create(p, wb, tab);
  const row = Math.max(2, tab.lastRow() + 1);
  const grid = tab.gridRows();
  if (row > grid) grow(p, wb, NEW_ROWS * EXPORTS_HEADERS.length, () => tab.insertRowsAfter(grid, NEW_ROWS));
  const values: WriteValue[] = [
    entry.kind,
    literal(entry.period),
    literal(entry.url),
    literal(entry.digest),
    entry.requests,
    entry.historyRows,
    entry.made,
    literal(entry.by),
  ];
  tab.range(row, 1, 1, EXPORTS_HEADERS.length).setValues([values]);
  const link: Link = { text: entry.url, url: entry.url };
  tab.range(row, COL.link, 1, 1).setLinks([link]);
}

export interface ListedExport {
  kind: string;
  period: string;
  url: string;
  digest: string;
  requests: number;
}

/** The entries, oldest first (none when the tab is missing). */
export function listedExports(wb: Workbook): ListedExport[] {
  const tab = wb.tab(EXPORTS_TAB);
  if (!tab.exists()) return [];
  const last = tab.lastRow();
  if (last < 2) return [];
  return tab
    .range(2, 1, last - 1, EXPORTS_HEADERS.length)
    .values()
    .map((cells) => ({
      kind: String(cells[0]),
      period: String(cells[1]),
      url: String(cells[2]),
      digest: String(cells[3]),
      requests: Number(cells[4]) || 0,
    }));
}
