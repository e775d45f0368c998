// Turns one run of a plan (row-runs.ts; and, when the run holds rows we do not rewrite, the run's
// current values) into the block of values and the column of links the platform writes. A plan that changes
// only usage covers the columns from Assumed on, so Link and its rich text are left as they are.
import { COLUMN_COUNT, LINK_LABEL } from './columns.js';
import type { Link, WriteValue } from '../gas/platform.js';
import type { Plan } from './plan.js';
import type { RowRun } from './row-runs.js';
import { literal, rewritable, usageCells } from './render.js';
import { sealMeta, statusOf, type Mac } from './rowmeta.js';
import { COL, USAGE_COLUMNS } from '../ledger/layout.js';

export interface Block {
  first: number;
  /** The block's first column (plan.fromColumn); values hold the columns from there to Version. */
  fromColumn: number;
  values: WriteValue[][];
  /** null keeps what the cell shows (a row that is not ours); the whole list is null when Link is not covered. */
  links: (Link | null)[] | null;
}

export class SpanNotReadError extends Error {
  readonly code = 'span_not_read';
}

/** A row of the span as read (from column `from`), as a full row; the cells left of `from` are never written. */
function existing(spanValues: readonly (readonly unknown[])[] | null, offset: number, from: number): WriteValue[] {
  const row = spanValues?.[offset];
  if (!row) throw new SpanNotReadError('the span holds a row that was not read');
  return Array.from({ length: COLUMN_COUNT }, (_, i) => (i < from - 1 ? '' : rewritable(row[i - from + 1])));
}

export function composeBlock(
  plan: Plan,
  run: RowRun,
  spanValues: readonly (readonly unknown[])[] | null,
  now: Date,
  mac: Mac,
): Block {
  const { first, last } = run;
  const from = plan.fromColumn;
  const values: WriteValue[][] = [];
  const links: (Link | null)[] = [];
  for (let row = first; row <= last; row++) {
    const write = plan.writes.get(row);
    const cells: WriteValue[] = write?.cells ? write.cells.slice() : existing(spanValues, row - first, from);
    if (write) {
      cells[COL.status - 1] = literal(statusOf(write.meta));
      cells[COL.updated - 1] = now;
      cells[COL.version - 1] = literal(sealMeta({ ...write.meta, updated: Math.round(now.getTime() / 1000) }, mac));
      usageCells(write.meta.usage).forEach((cell, i) => (cells[USAGE_COLUMNS[i]! - 1] = cell));
    }
    const meta = plan.metaAt(row);
    const url = meta ? plan.linkOf(meta) : '';
    links.push(meta ? { text: url !== '' ? LINK_LABEL : '', url } : null);
    values.push(cells.slice(from - 1));
  }
  return { first, fromColumn: from, values, links: from <= COL.link ? links : null };
}
