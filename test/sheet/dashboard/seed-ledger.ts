// Writes typed rows into the local runtime's spreadsheet as the script lays them out — the main
// tab in layout 3 and the History tab — so the Dashboard and evidence read a known sheet.
import type { HistoryRow, MainRow } from '../../../appsscript/src/records/rows.js';
import { COL, HEADERS, HISTORY_HEADERS, HISTORY_SHEET_NAME } from '../../../appsscript/src/ledger/layout.js';
import type { FakeSpreadsheet } from '../../gas/spreadsheet.js';
import type { FakeSheet } from '../../gas/sheet.js';

type Cell = string | number | Date;

const text = (s: string): Cell => (s === '' ? '' : `'${s}`);

export function mainCells(row: MainRow): Cell[] {
  const cells: Cell[] = new Array<Cell>(HEADERS.length).fill('');
  const set = (col: number, cell: Cell) => (cells[col - 1] = cell);
  set(COL.id, text(row.id));
  set(COL.created, row.created);
  set(COL.user, text(row.user));
  set(COL.roles, text(row.roles.join(', ')));
  set(COL.status, text(row.status));
  set(COL.reason, text(row.reason));
  set(COL.resources, text(row.resources));
  set(COL.reviews, text(row.reviews));
  set(COL.resolution, text(row.resolution));
  set(COL.decidedBy, text(row.decidedBy));
  set(COL.decided, row.decided ?? '');
  set(COL.timeToDecision, row.timeToDecision ?? '');
  set(COL.reviewers, text(row.suggestedReviewers));
  set(COL.requestExpires, row.requestExpires ?? '');
  set(COL.accessStarts, row.accessStarts ?? '');
  set(COL.accessExpires, row.accessExpires ?? '');
  set(COL.accessDuration, row.accessDuration ?? '');
  set(COL.assumed, row.assumed ?? '');
  set(COL.firstUsed, row.firstUsed ?? '');
  set(COL.lastUsed, row.lastUsed ?? '');
  set(COL.sessions, row.sessions ?? '');
  set(COL.usedFor, text(row.usedFor));
  set(COL.cluster, text(row.cluster));
  set(COL.updated, row.updated ?? '');
  set(COL.version, text(`{"i":"${row.id}"}`));
  return cells;
}

export function historyCells(event: HistoryRow): Cell[] {
  return [
    ...[event.time, text(event.cluster), text(event.requestId), text(event.user), text(event.roles.join(', '))],
    ...[text(event.event), text(event.by), text(event.detail), text(event.key)],
  ];
}

function fill(ss: FakeSpreadsheet, name: string, headers: readonly string[], rows: Cell[][]): FakeSheet {
  const tab = ss.getSheetByName(name) ?? ss.insertSheet(name);
  const needed = rows.length + 1;
  if (tab.getMaxRows() < needed) tab.insertRowsAfter(tab.getMaxRows(), needed - tab.getMaxRows());
  tab.getRange(1, 1, 1, headers.length).setValues([headers.map((h) => `'${h}`)]);
  const chunk = 20_000;
  for (let start = 0; start < rows.length; start += chunk) {
    const part = rows.slice(start, start + chunk);
    tab.getRange(start + 2, 1, part.length, headers.length).setValues(part);
  }
  return tab;
}

export function seedLedger(ss: FakeSpreadsheet, rows: readonly MainRow[], history: readonly HistoryRow[]): void {
  fill(ss, 'Access Requests', HEADERS, rows.map(mainCells));
  fill(ss, HISTORY_SHEET_NAME, HISTORY_HEADERS, history.map(historyCells));
}
