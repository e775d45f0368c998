// What Reformat and a new tab decide, as pure functions: the rules that are ours (rebuilt, other
// people's kept), the links rebuilt from Version cells, the columns a narrow tab gets inserted.
import { COLUMN_COUNT, LINK_LABEL, STATUS_COLOURS } from './columns.js';
import type { FormatRule, Link, TextColourRule } from '../gas/platform.js';
import { requestLink } from '../../../proto/contract.js';
import { openMeta, type Mac } from './rowmeta.js';
import { COL } from '../ledger/layout.js';

export const PROTECTION_NOTE = 'Kept by the Teleport relay: edits here are overwritten. Review requests in Teleport.';

/** Columns to insert, each `count` columns after column `after` (in the order given). */
export interface Insertion {
  after: number;
  count: number;
}

export function statusRules(): TextColourRule[] {
  return Object.entries(STATUS_COLOURS).map(([text, background]) => ({
    text,
    background,
    column: COL.status,
    fromRow: 2,
  }));
}

/** A status colour rule on the Status column alone is ours, whoever added it. */
export function isStatusRule(rule: FormatRule): boolean {
  if (rule.criteria !== 'TEXT_EQUAL_TO') return false;
  const value = rule.values[0];
  return (
    typeof value === 'string' &&
    value in STATUS_COLOURS &&
    rule.ranges.every((r) => r.column === COL.status && r.columns === 1)
  );
}

/** The ID, Cluster and Version cells of rows, in row order. */
export interface RowCells {
  ids: readonly unknown[];
  clusters: readonly unknown[];
  versions: readonly unknown[];
}

/**
 * The Link column rebuilt from the Version column (row 2 down): for each sealed cell whose ID and
 * Cluster cells agree with it (a cell copied from another row is not this row's), the id and its
 * cluster's last verified webUrl. A batch writes values and then links in two calls; if it died in
 * between, its retry finds the rows unchanged and rewrites nothing, so this is where such a missing
 * link comes back. Rows not ours keep what they show (null): nothing is ever copied out of a cell
 * we cannot trust.
 */
export function relinks(rows: RowCells, mac: Mac, webUrls: Readonly<Record<string, string>>): (Link | null)[] {
  return rows.versions.map((cell, i) => {
    const meta = openMeta(cell, mac);
    if (!meta || meta.id !== rows.ids[i] || meta.cluster !== rows.clusters[i]) return null;
    const url = requestLink(webUrls[meta.cluster] ?? '', meta.id) ?? '';
    return { text: url === '' ? '' : LINK_LABEL, url };
  });
}

/** A tab narrower than our columns is widened at its right edge. */
export function columnInsertions(gridColumns: number): Insertion[] {
  return gridColumns < COLUMN_COUNT ? [{ after: gridColumns, count: COLUMN_COUNT - gridColumns }] : [];
}

/** The rows to sort newest first, whole (columns people added after ours move with them). */
export function sortArea(lastRow: number, lastColumn: number): { rows: number; columns: number } | null {
  return lastRow > 2 ? { rows: lastRow - 1, columns: Math.max(COLUMN_COUNT, lastColumn) } : null;
}
