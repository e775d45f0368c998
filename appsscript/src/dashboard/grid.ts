// A tab drawn as data: one rectangle of values from A1, its number formats and links by range,
// so the adapter writes it with a handful of calls and tests read it cell by cell.
import { literal, type Cell } from '../rows/render.js';

export interface CellLink {
  /** 1-based. */
  row: number;
  col: number;
  text: string;
  url: string;
}

export interface FormatRange {
  /** A1 notation without a tab name, e.g. `B5:B7`. */
  range: string;
  format: string;
}

export interface Grid {
  /** Rectangular, from A1; strings are ready for setValues (literal text, or '' for empty). */
  values: Cell[][];
  formats: FormatRange[];
  links: CellLink[];
  /** Ranges to show in bold: titles and header rows. */
  bold: string[];
}

export const PERCENT_FORMAT = '0.0%';
export const COUNT_FORMAT = '0';
export const DAY_FORMAT = 'yyyy-mm-dd';

export function emptyGrid(rows: number, cols: number): Grid {
  const values = Array.from({ length: rows }, () => new Array<Cell>(cols).fill(''));
  return { values, formats: [], links: [], bold: [] };
}

/** Any value as a cell: text literal, numbers and dates as they are, null empty. */
export function cell(value: string | number | Date | null): Cell {
  if (value === null) return '';
  return typeof value === 'string' ? literal(value) : value;
}

/** Writes one row of values from (row, col), 1-based; the grid grows downwards as needed. */
export function putRow(grid: Grid, row: number, col: number, values: readonly (string | number | Date | null)[]): void {
  const width = grid.values[0]?.length ?? 0;
  while (grid.values.length < row) grid.values.push(new Array<Cell>(width).fill(''));
  values.forEach((value, i) => {
    grid.values[row - 1]![col - 1 + i] = cell(value);
  });
}

export function columnName(col: number): string {
  let name = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

export function a1(row: number, col: number, rows = 1, cols = 1): string {
  const start = `${columnName(col)}${row}`;
  return rows === 1 && cols === 1 ? start : `${start}:${columnName(col + cols - 1)}${row + rows - 1}`;
}
