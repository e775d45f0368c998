// Archive… under the script lock, one execution at a time, exactly once however often it is cut
// short: every step is decided from what the live sheet and the archive hold when it runs, never
// from a note of what an earlier execution did. Rows are copied into the archive before the live
// sheet lets them go, and let go only once the archive holds them (with the same Version cell), so
// an execution stopped at any call leaves each row in the live sheet, the archive, or both; the
// next run copies only what the archive lacks and deletes only what it holds.
import { SHEET_NAME } from '../../../proto/contract.js';
import { SheetFullError, shrunk } from '../capacity/room.js';
import type { Platform, Tab, Workbook } from '../gas/platform.js';
import { HISTORY_WIDTH, SEAL_HEADER } from '../ledger/history-seal.js';
import { COL, HEADERS, HISTORY_HEADERS, HISTORY_SHEET_NAME } from '../ledger/layout.js';
import { COLUMN_COUNT } from '../rows/columns.js';
import { literal, rewritable } from '../rows/render.js';
import type { Mac } from '../rows/rowmeta.js';
import { forgetHistoryCursor } from '../stores/ledger-store.js';
import type { ArchiveRun } from '../stores/archive-store.js';
import { appendHistory } from '../tabs/history-tab.js';
import { listExport, listedExports, type ExportEntry } from '../tabs/exports-tab.js';
import { archiveEvent, hasArchiveEvent } from './record.js';
import {
  archiveText,
  archivableRows,
  deletionRuns,
  eventKey,
  eventRequest,
  historyOf,
  rowKey,
  type ArchivedRow,
} from './select.js';

/** Requests copied per execution, so that one execution stays well inside Apps Script's 6 minutes. */
export const ARCHIVE_CHUNK = 20_000;

export interface ArchiveStep {
  /** Requests and History rows the archive holds. */
  requests: number;
  historyRows: number;
  /** Requests still to move (another run finishes them). */
  left: number;
  url: string;
  digest: string | null;
  /** False when the Exports tab had no room to list it (History records it all the same). */
  listed: boolean;
}

function rowsOf(tab: Tab, width: number): unknown[][] {
  if (!tab.exists()) return [];
  const last = tab.lastRow();
  return last < 2 ? [] : tab.range(2, 1, last - 1, width).values();
}

/** The archive's two tabs, created with their headers when missing (a run cut short may have left either). */
function prepare(archive: Workbook): void {
  for (const [name, headers] of [
    [SHEET_NAME, HEADERS],
    [HISTORY_SHEET_NAME, [...HISTORY_HEADERS, SEAL_HEADER]],
  ] as const) {
    const tab = archive.tab(name);
    if (!tab.exists()) tab.create();
    if (tab.range(1, 1, 1, 1).values()[0]?.[0] !== headers[0]) {
      tab.range(1, 1, 1, headers.length).setValues([headers.map((h) => literal(h))]);
    }
  }
}

/** Appends rows below the tab's last row, growing its grid as needed. */
function append(tab: Tab, rows: readonly ArchivedRow[], width: number): void {
  if (rows.length === 0) return;
  const next = Math.max(2, tab.lastRow() + 1);
  const grid = tab.gridRows();
  const end = next + rows.length - 1;
  if (end > grid) tab.insertRowsAfter(grid, end - grid);
  tab.range(next, 1, rows.length, width).setValues(rows.map((r) => r.cells.slice(0, width).map(rewritable)));
}

/** Deletes the rows bottom-up, in as few calls as they have runs; returns how many went. */
function remove(tab: Tab, rows: readonly number[]): number {
  for (const [first, count] of deletionRuns(rows)) tab.deleteRows(first, count);
  return new Set(rows).size;
}

/** Copies what the archive lacks (at most a chunk), then lets go of what it holds. */
function move(p: Platform, live: Workbook, archive: Workbook, run: ArchiveRun, mac: Mac): number {
  const liveMain = live.tab(SHEET_NAME);
  const liveHistory = live.tab(HISTORY_SHEET_NAME);
  const mainCells = rowsOf(liveMain, COLUMN_COUNT);
  const candidates = archivableRows(mainCells, mac, new Date(run.cutoff));
  const held = new Map(rowsOf(archive.tab(SHEET_NAME), COLUMN_COUNT).map((row) => [rowKey(row), row]));
  const copy = candidates.filter((r) => !held.has(r.key)).slice(0, ARCHIVE_CHUNK);
  const moving = new Set([...candidates.filter((r) => held.has(r.key)), ...copy].map((r) => r.key));
  const historyCells = rowsOf(liveHistory, HISTORY_WIDTH);
  const events = historyOf(historyCells, moving);
  const heldKeys = new Set(rowsOf(archive.tab(HISTORY_SHEET_NAME), HISTORY_WIDTH).map(eventKey));
  // History first, as a batch writes it: a request in the archive always has its past there too.
  append(archive.tab(HISTORY_SHEET_NAME), dedupe(events.filter((e) => !heldKeys.has(e.key))), HISTORY_WIDTH);
  append(archive.tab(SHEET_NAME), copy, COLUMN_COUNT);
  archive.flush();
  for (const e of events) heldKeys.add(e.key);
  for (const r of copy) held.set(r.key, r.cells as unknown[]);
  // Only rows the archive now holds unchanged (the same sealed Version cell) leave, with their History.
  const gone = candidates.filter((r) => held.get(r.key)?.[COL.version - 1] === r.cells[COL.version - 1]);
  const goneKeys = new Set(gone.map((r) => r.key));
  const historyGone = events.filter((e) => goneKeys.has(eventRequest(e.cells)) && heldKeys.has(e.key));
  forgetHistoryCursor(p);
  const freed =
    remove(
      liveHistory,
      historyGone.map((e) => e.row),
    ) * HISTORY_WIDTH;
  shrunk(
    p,
    freed +
      remove(
        liveMain,
        gone.map((r) => r.row),
      ) *
        COLUMN_COUNT,
  );
  return candidates.length - gone.length;
}

/** One row per History key (a run cut short between its writes may have left a copy). */
function dedupe(rows: readonly ArchivedRow[]): ArchivedRow[] {
  const seen = new Set<string>();
  return rows.filter((r) => !seen.has(r.key) && seen.add(r.key) !== undefined);
}

/** What the archive holds, its digest, and the record of it on the live sheet (once). */
function record(p: Platform, live: Workbook, archive: Workbook, run: ArchiveRun, mac: Mac): ArchiveStep {
  const read = (name: string, width: number, key: (row: readonly unknown[]) => string): ArchivedRow[] =>
    rowsOf(archive.tab(name), width).map((cells, i) => ({ row: i + 2, key: key(cells), cells }));
  const main = read(SHEET_NAME, COLUMN_COUNT, rowKey);
  const history = read(HISTORY_SHEET_NAME, HISTORY_WIDTH, eventKey);
  const digest = p.crypto.sha256Hex(archiveText(main, history));
  const url = archive.url();
  const made = new Date(p.now());
  const by = p.effectiveUser();
  let listed = listedExports(live).some((e) => e.kind === 'archive' && e.url === url);
  if (!listed)
    listed = listOnce(p, live, {
      kind: 'archive',
      period: run.label,
      url,
      digest,
      requests: main.length,
      historyRows: history.length,
      made,
      by,
    });
  if (!hasArchiveEvent(live, archive.id())) {
    appendHistory(
      p,
      live,
      [archiveEvent({ id: archive.id(), label: run.label, digest, requests: main.length, made, by })],
      mac,
    );
  }
  return { requests: main.length, historyRows: history.length, left: 0, url, digest, listed };
}

/** The Exports line; false when the sheet has no room for the Exports tab (History records it still). */
function listOnce(p: Platform, live: Workbook, entry: ExportEntry): boolean {
  try {
    listExport(p, live, entry);
    return true;
  } catch (err) {
    if (err instanceof SheetFullError) return false;
    throw err;
  }
}

/** One execution's share of the run; the run is finished when `left` is 0 and `digest` is set. */
export function archiveStep(p: Platform, live: Workbook, archive: Workbook, run: ArchiveRun, mac: Mac): ArchiveStep {
  prepare(archive);
  const left = move(p, live, archive, run, mac);
  if (left > 0) {
    const requests = rowsOf(archive.tab(SHEET_NAME), 1).length;
    return { requests, historyRows: 0, left, url: archive.url(), digest: null, listed: false };
  }
  return record(p, live, archive, run, mac);
}
