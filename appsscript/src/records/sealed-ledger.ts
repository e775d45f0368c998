// The two tabs as the evidence export reads them, with the sealing key: every main-tab row the
// script's seal vouches for (cover.ts), every History row whose seal holds (history-seal.ts), and
// what could not be vouched for, kept apart so that it is named, never exported as the script's.
import { SHEET_NAME } from '../../../proto/contract.js';
import type { Workbook } from '../gas/platform.js';
import { HISTORY_WIDTH, isSealed } from '../ledger/history-seal.js';
import { COL, HISTORY_HEADERS, HISTORY_SHEET_NAME, HEADERS } from '../ledger/layout.js';
import { COLUMN_COUNT } from '../rows/columns.js';
import { vouches } from '../rows/cover.js';
import { openMeta, type Mac } from '../rows/rowmeta.js';
import type { Unvouched } from '../evidence/select.js';
import { historyRows, mainRows, type EventFilter, type Ledger } from './ledger-rows.js';
import type { HistoryRow } from './rows.js';
import type { Zone } from './zone.js';

export interface SealedLedger extends Ledger {
  unvouched: Unvouched;
  /** Every History row read, sealed or not (for the export records). */
  allHistory: readonly (readonly unknown[])[];
}

/** The rows under a header, in 2 calls; none when the tab is missing, too narrow or headed otherwise. */
function cellsUnder(wb: Workbook, name: string, width: number, headers: readonly string[]): unknown[][] {
  let cells: unknown[][];
  try {
    cells = wb.tab(name).range(1, 1, null, width).values();
  } catch {
    return [];
  }
  const header = cells[0] ?? [];
  return headers.every((h, i) => header[i] === h) ? cells.slice(1) : [];
}

function reasonOf(row: readonly unknown[], mac: Mac): string | null {
  const meta = openMeta(row[COL.version - 1], mac);
  const ours = meta && meta.id === row[COL.id - 1] && meta.cluster === row[COL.cluster - 1];
  if (!meta || !ours) return 'not sealed by the script';
  return vouches(meta, row, mac) ? null : 'cells typed over';
}

/** Both tabs in 4 calls; History only as far as `keep` wants it (the seals of other rows are not checked). */
export function readSealedLedger(wb: Workbook, zone: Zone, mac: Mac | null, keep?: EventFilter): SealedLedger {
  const main = cellsUnder(wb, SHEET_NAME, COLUMN_COUNT, HEADERS);
  // A History tab from before §15 has no Seal header yet: its rows are read, and none is sealed.
  const read = cellsUnder(wb, HISTORY_SHEET_NAME, HISTORY_WIDTH, HISTORY_HEADERS);
  const history = keep ? read.filter((row) => historyRows([row], keep).length === 1) : read;
  if (!mac) {
    // No key was ever made: the script never wrote a row, so nothing here is its.
    const rows = mainRows(main, zone).map((row) => ({ row, reason: 'not sealed by the script' }));
    return { rows: [], history: [], unvouched: { rows, events: historyRows(history) }, allHistory: read };
  }
  const vouched: unknown[][] = [];
  const rows: Unvouched['rows'][number][] = [];
  for (const row of main) {
    const reason = reasonOf(row, mac);
    if (reason === null) vouched.push(row);
    else for (const parsed of mainRows([row], zone)) rows.push({ row: parsed, reason });
  }
  const sealed = history.filter((row) => isSealed(row, mac));
  const events: HistoryRow[] = historyRows(history.filter((row) => !isSealed(row, mac)));
  const unvouched = { rows, events };
  return { rows: mainRows(vouched, zone), history: historyRows(sealed), unvouched, allHistory: read };
}
