// Writes typed rows into the local runtime's spreadsheet as the script lays them out — the main
// tab in layout 3 and the History tab — so the Dashboard and evidence read a known sheet.
import type { HistoryRow, MainRow } from '../../../appsscript/src/records/rows.js';
import { COL, HEADERS, HISTORY_HEADERS, HISTORY_SHEET_NAME } from '../../../appsscript/src/ledger/layout.js';
import { historySeal, SEAL_HEADER } from '../../../appsscript/src/ledger/history-seal.js';
import { emptyHistoryMark } from '../../../appsscript/src/ledger/history.js';
import type { UsageMark } from '../../../appsscript/src/ledger/usage.js';
import { coverOf } from '../../../appsscript/src/rows/cover.js';
import { sealMeta, type Mac } from '../../../appsscript/src/rows/rowmeta.js';
import type { RequestState, UsageKind } from '../../../proto/contract.js';
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

/** The usage mark the row's usage cells are drawn from; null when they are empty. */
function usageOf(row: MainRow): UsageMark | null {
  if (row.sessions === null) return null;
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  const kinds = (row.usedFor === '' ? [] : row.usedFor.split(', ')) as UsageKind[];
  return {
    assumed: iso(row.assumed),
    firstUsed: iso(row.firstUsed),
    lastUsed: iso(row.lastUsed),
    sessions: row.sessions,
    kinds,
  };
}

/** The row as the script would have sealed it: its state (EXPIRED is a PENDING row gone), its cells covered. */
function sealed(row: MainRow, cells: Cell[], mac: Mac): Cell[] {
  const away = row.status === 'EXPIRED';
  const state = (away ? 'PENDING' : row.status) as RequestState;
  const history = away ? { ...emptyHistoryMark(), gone: 1 } : emptyHistoryMark();
  const updated = row.updated ? Math.round(row.updated.getTime() / 1000) : 0;
  const meta = { id: row.id, cluster: row.cluster, state, rank: 0, reviews: 0, hash: 'seeded', resolved: null };
  const cover = coverOf(cells, mac, true);
  const person = { user: row.user, roles: row.roles.join(', ') };
  const sealedCell = sealMeta({ ...meta, history, ...person, cover, updated, sentAt: 0, usage: usageOf(row) }, mac);
  return cells.map((cell, i) => (i === COL.version - 1 ? text(sealedCell) : cell));
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

/** With `mac`, every row and event is sealed as the script seals them (the key in the owner's store). */
export function seedLedger(
  ss: FakeSpreadsheet,
  rows: readonly MainRow[],
  history: readonly HistoryRow[],
  mac: Mac | null = null,
): void {
  const main = rows.map((row) => (mac ? sealed(row, mainCells(row), mac) : mainCells(row)));
  fill(ss, 'Access Requests', HEADERS, main);
  if (!mac) {
    fill(ss, HISTORY_SHEET_NAME, HISTORY_HEADERS, history.map(historyCells));
    return;
  }
  const events = history.map(historyCells).map((cells) => [...cells, historySeal(cells, mac, true)]);
  fill(ss, HISTORY_SHEET_NAME, [...HISTORY_HEADERS, SEAL_HEADER], events);
}
