// Which rows Archive… moves, from the cells as read (pure): a main-tab row created before the
// cutoff whose sealed Version cell says Teleport no longer has the request (EXPIRED, or resolved and
// gone), and the History rows of those requests. A row whose Version cell is not the script's is
// never archived, nor one whose cells were typed over (cover.ts): nothing about it can be trusted,
// least of all that its request is gone.
import { canonicalLines } from '../evidence/canonical.js';
import { vouches } from '../rows/cover.js';
import { isDate } from '../rows/render.js';
import { isGone, openMeta, type Mac } from '../rows/rowmeta.js';
import { requestKey } from '../records/request-map.js';
import { COL, HISTORY_COL } from '../ledger/layout.js';

export interface ArchivedRow {
  /** 1-based row on its tab. */
  row: number;
  key: string;
  cells: readonly unknown[];
}

/** Main-tab rows (cells from row 2) that may leave the live sheet. */
export function archivableRows(cells: readonly (readonly unknown[])[], mac: Mac, cutoff: Date): ArchivedRow[] {
  const out: ArchivedRow[] = [];
  cells.forEach((row, i) => {
    const created = row[COL.created - 1];
    if (!isDate(created) || created.getTime() >= cutoff.getTime()) return;
    const meta = openMeta(row[COL.version - 1], mac);
    if (!meta || meta.id !== row[COL.id - 1] || meta.cluster !== row[COL.cluster - 1] || !isGone(meta)) return;
    if (!vouches(meta, row, mac)) return;
    out.push({ row: i + 2, key: requestKey(meta.cluster, meta.id), cells: row });
  });
  return out;
}

/** The key of a main-tab row by its ID and Cluster cells. */
export const rowKey = (row: readonly unknown[]): string =>
  requestKey(String(row[COL.cluster - 1] ?? ''), String(row[COL.id - 1] ?? ''));

/** A History row's event key, and the key of the request it belongs to. */
export const eventKey = (row: readonly unknown[]): string => String(row[HISTORY_COL.key - 1] ?? '');
export const eventRequest = (row: readonly unknown[]): string =>
  requestKey(String(row[HISTORY_COL.cluster - 1] ?? ''), String(row[HISTORY_COL.requestId - 1] ?? ''));

/** History rows (cells from row 2) of the requests with these keys. */
export function historyOf(cells: readonly (readonly unknown[])[], requests: ReadonlySet<string>): ArchivedRow[] {
  const out: ArchivedRow[] = [];
  cells.forEach((row, i) => {
    if (requests.has(eventRequest(row))) out.push({ row: i + 2, key: eventKey(row), cells: row });
  });
  return out;
}

/** Rows to delete as bottom-up runs [first row, count], so each deletion leaves the rows above in place. */
export function deletionRuns(rows: readonly number[]): [number, number][] {
  const sorted = [...new Set(rows)].sort((a, b) => b - a);
  const runs: [number, number][] = [];
  for (const row of sorted) {
    const last = runs[runs.length - 1];
    if (last && last[0] === row + 1) {
      last[0] = row;
      last[1] += 1;
    } else runs.push([row, 1]);
  }
  return runs;
}

function canonical(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (isDate(value)) return value.toISOString();
  return String(value);
}

/**
 * The digest's text: every archived row of both tabs in key order, each a JSON array of its cells
 * on a line of its own (the evidence encoding, which no edit across cells or rows keeps), the two
 * tabs apart by an empty array.
 */
export function archiveText(main: readonly ArchivedRow[], history: readonly ArchivedRow[]): string {
  const lines = (rows: readonly ArchivedRow[]) =>
    [...rows].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).map((r) => r.cells.map(canonical));
  return canonicalLines([...lines(main), [], ...lines(history)]);
}
