// Turns a plan (and, when the span holds rows we do not rewrite, the span's current values) into
// the one block of values and the one column of links the platform writes.
import { COLUMN_COUNT, LINK_LABEL } from './columns.js';
import type { Link, WriteValue } from '../gas/platform.js';
import type { Plan } from './plan.js';
import { literal, rewritable } from './render.js';
import { sealMeta, statusOf, type Mac } from './rowmeta.js';
import { COL } from '../ledger/layout.js';

export interface Block {
  first: number;
  values: WriteValue[][];
  /** null keeps what the cell shows (a row that is not ours). */
  links: (Link | null)[];
}

export class SpanNotReadError extends Error {
  readonly code = 'span_not_read';
}

function existing(spanValues: readonly (readonly unknown[])[] | null, offset: number): WriteValue[] {
  const row = spanValues?.[offset];
  if (!row) throw new SpanNotReadError('the span holds a row that was not read');
  return Array.from({ length: COLUMN_COUNT }, (_, i) => rewritable(row[i]));
}

export function composeBlock(
  plan: Plan,
  spanValues: readonly (readonly unknown[])[] | null,
  now: Date,
  mac: Mac,
): Block | null {
  if (!plan.span) return null;
  const { first, last } = plan.span;
  const values: WriteValue[][] = [];
  const links: (Link | null)[] = [];
  for (let row = first; row <= last; row++) {
    const write = plan.writes.get(row);
    const cells: WriteValue[] = write?.cells ? write.cells.slice() : existing(spanValues, row - first);
    if (write) {
      cells[COL.status - 1] = literal(statusOf(write.meta));
      cells[COL.updated - 1] = now;
      cells[COL.version - 1] = literal(sealMeta({ ...write.meta, updated: Math.round(now.getTime() / 1000) }, mac));
    }
    const meta = plan.metaAt(row);
    const url = meta ? plan.linkOf(meta) : '';
    links.push(meta ? { text: url !== '' ? LINK_LABEL : '', url } : null);
    values.push(cells);
  }
  return { first, values, links };
}
