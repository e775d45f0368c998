// Sort order as Sheets applies it: numbers and dates, then text (case-insensitive), then
// booleans; empty cells always last, whichever the direction. Ties keep their order.
import { gasError } from './expose.js';
import type { Grid } from './grid.js';
import type { Content } from './values.js';

export type SortKey = number | { column: number; ascending?: boolean };
export type SortSpec = SortKey | SortKey[];

function rank(c: Content): number {
  switch (c.kind) {
    case 'number':
    case 'date':
      return 0;
    case 'text':
    case 'formula':
      return 1;
    case 'boolean':
      return 2;
    case 'empty':
      return 3;
  }
}

function compare(a: Content, b: Content): number {
  const byRank = rank(a) - rank(b);
  if (byRank !== 0 || a.kind === 'empty') return byRank;
  if (rank(a) === 1) return String(a.value ?? '').localeCompare(String(b.value ?? ''), 'en', { sensitivity: 'base' });
  return Number(a.value) - Number(b.value);
}

export function sortOrder(
  grid: Grid,
  firstRow: number,
  numRows: number,
  spec: SortSpec,
  col: number,
  numCols: number,
): number[] {
  const keys = (Array.isArray(spec) ? spec : [spec]).map((k) =>
    typeof k === 'number'
      ? { column: k, ascending: true }
      : { column: Number(k.column), ascending: k.ascending !== false },
  );
  for (const k of keys) {
    if (!(k.column >= col && k.column < col + numCols))
      throw gasError('The sort column must be within the range being sorted.');
  }
  const rows = Array.from({ length: numRows }, (_, i) => firstRow + i);
  return rows.sort((ra, rb) => {
    for (const { column, ascending } of keys) {
      const a = grid.content(ra, column);
      const b = grid.content(rb, column);
      const empties = a.kind === 'empty' || b.kind === 'empty';
      const d = compare(a, b);
      if (d !== 0) return empties || ascending ? d : -d;
    }
    return 0;
  });
}
