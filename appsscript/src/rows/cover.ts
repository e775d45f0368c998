// What a row's seal covers (contract §15): the visible cells the script wrote, read the way
// getValues gives them back, keyed so that nobody without the sealing key can make other cells
// that pass. The Status cell is checked against the sealed state instead (a row going away shows
// EXPIRED without being re-rendered); the Link cell is rebuilt from the sealed id and its
// cluster's address; the two durations are Decided − Created and Access expires − Access starts,
// which are covered, and Sheets may read a duration back as a date, so they are left out. Updated
// is sealed beside the cover (a row going away gets a new Updated over the cells it keeps). The
// usage cells (§14) are checked against the sealed usage mark, which they are drawn from.
import { COL, USAGE_COLUMNS } from '../ledger/layout.js';
import { isDate, usageCells } from './render.js';
import { statusOf, type Mac, type RowMeta } from './rowmeta.js';

export const COVERED_COLUMNS: readonly number[] = [
  COL.id,
  COL.created,
  COL.user,
  COL.roles,
  COL.reason,
  COL.resources,
  COL.reviews,
  COL.resolution,
  COL.decidedBy,
  COL.decided,
  COL.reviewers,
  COL.requestExpires,
  COL.accessStarts,
  COL.accessExpires,
  COL.cluster,
];

/** Instants to the second: what a date-time cell keeps of them whatever Sheets rounds away. */
export function normalCell(value: unknown, literalText: boolean): string {
  if (isDate(value)) return isNaN(value.getTime()) ? '' : `d${Math.round(value.getTime() / 1000)}`;
  if (typeof value === 'string') {
    const text = literalText && value.startsWith("'") ? value.slice(1) : value;
    return text === '' ? '' : `s${text}`;
  }
  if (typeof value === 'number') return `n${Number(value.toPrecision(12))}`;
  return value === null || value === undefined ? '' : `s${String(value)}`;
}

/**
 * The keyed digest of a row's covered cells: `cells` as written (literal text with its apostrophe)
 * or as read back (`literalText` false).
 */
export function coverOf(cells: readonly unknown[], mac: Mac, literalText: boolean): string {
  const values = COVERED_COLUMNS.map((col) => normalCell(cells[col - 1], literalText));
  return mac(JSON.stringify(values)).slice(0, 32);
}

/** Seconds of an Updated cell as read back, or null when it holds no instant. */
function seconds(value: unknown): number | null {
  return isDate(value) && !isNaN(value.getTime()) ? Math.round(value.getTime() / 1000) : null;
}

/** The usage cells as read back are the ones the sealed usage mark draws. */
function showsUsage(meta: RowMeta, cells: readonly unknown[]): boolean {
  const drawn = usageCells(meta.usage);
  return USAGE_COLUMNS.every((col, i) => normalCell(cells[col - 1], false) === normalCell(drawn[i], true));
}

/**
 * Whether a row's cells, as read back, are what the script wrote under this (verified) seal: the
 * covered cells, the Status the sealed state shows, the usage cells its usage mark draws, and the
 * Updated time. A cell sealed before §15 carries no cover, so it vouches for nothing.
 */
export function vouches(meta: RowMeta, cells: readonly unknown[], mac: Mac): boolean {
  if (meta.cover === '') return false;
  if (cells[COL.status - 1] !== statusOf(meta)) return false;
  if ((seconds(cells[COL.updated - 1]) ?? 0) !== meta.updated) return false;
  if (!showsUsage(meta, cells)) return false;
  return coverOf(cells, mac, false) === meta.cover;
}
