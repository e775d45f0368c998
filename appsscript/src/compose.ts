// Turns a plan (and, when the span holds rows we do not rewrite, the span's current values) into
// the one block of values and the one column of links the platform writes.
import { COL, COLUMN_COUNT, HEADERS, LINK_LABEL } from './columns.js';
import type { Link, WriteValue } from './gas/platform.js';
import type { Plan } from './plan.js';
import { literal, rewritable } from './render.js';
import { encodeMeta, statusOf } from './rowmeta.js';

export interface Block {
  first: number;
  values: WriteValue[][];
  links: Link[];
}

export class SpanNotReadError extends Error {
  readonly code = 'span_not_read';
}

function existing(spanValues: readonly (readonly unknown[])[] | null, offset: number): WriteValue[] {
  const row = spanValues?.[offset];
  if (!row) throw new SpanNotReadError('the span holds a row that was not read');
  return Array.from({ length: COLUMN_COUNT }, (_, i) => rewritable(row[i]));
}

export function composeBlock(plan: Plan, spanValues: readonly (readonly unknown[])[] | null, now: Date): Block | null {
  if (!plan.span) return null;
  const { first, last } = plan.span;
  const values: WriteValue[][] = [];
  const links: Link[] = [];
  for (let row = first; row <= last; row++) {
    const write = plan.writes.get(row);
    if (write === 'header') {
      values.push(HEADERS.map((h) => literal(h)));
      links.push({ text: HEADERS[COL.link - 1]!, url: '' });
      continue;
    }
    const cells: WriteValue[] = write?.cells ? write.cells.slice() : existing(spanValues, row - first);
    if (write) {
      cells[COL.status - 1] = literal(statusOf(write.meta));
      cells[COL.updated - 1] = now;
      cells[COL.version - 1] = literal(encodeMeta(write.meta));
    }
    const meta = plan.metas.get(row);
    const shown = cells[COL.link - 1];
    links.push(
      meta
        ? { text: meta.url !== '' ? LINK_LABEL : '', url: meta.url }
        : { text: typeof shown === 'string' ? shown.replace(/^'/, '') : String(shown ?? ''), url: '' },
    );
    values.push(cells);
  }
  return { first, values, links };
}
