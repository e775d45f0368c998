// A1 notation: "B3", "A1:C10", open-ended "P2:P", whole columns "A:C", whole rows "2:5",
// and a sheet prefix "'Sheet name'!A1:B2" (quotes doubled inside a quoted name).
import { gasError } from './expose.js';

export interface GridBox {
  row: number;
  col: number;
  numRows: number;
  numCols: number;
}

export function columnLetters(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

export function toA1(box: GridBox): string {
  const start = `${columnLetters(box.col)}${box.row}`;
  if (box.numRows === 1 && box.numCols === 1) return start;
  return `${start}:${columnLetters(box.col + box.numCols - 1)}${box.row + box.numRows - 1}`;
}

/** Splits "'My sheet'!A1:B2" into the sheet name (null when absent) and the range part. */
export function splitSheetName(a1: string): { sheet: string | null; range: string } {
  const quoted = /^'((?:[^']|'')+)'!(.+)$/.exec(a1);
  if (quoted) return { sheet: quoted[1]!.replace(/''/g, "'"), range: quoted[2]! };
  const bang = a1.lastIndexOf('!');
  return bang === -1 ? { sheet: null, range: a1 } : { sheet: a1.slice(0, bang), range: a1.slice(bang + 1) };
}

interface Corner {
  col: number | null;
  row: number | null;
}

function corner(s: string): Corner | null {
  const m = /^\$?([A-Za-z]*)\$?(\d*)$/.exec(s);
  if (!m || (m[1] === '' && m[2] === '')) return null;
  return { col: m[1] ? columnNumber(m[1]) : null, row: m[2] ? Number(m[2]) : null };
}

export function parseA1(range: string, maxRows: number, maxCols: number): GridBox {
  const [first, second, extra] = range.trim().split(':');
  const a = first === undefined ? null : corner(first);
  const b = second === undefined ? a : corner(second);
  if (!a || !b || extra !== undefined || (second === undefined && (a.row === null || a.col === null))) {
    throw gasError('Range not found');
  }
  const row = a.row ?? 1;
  const col = a.col ?? 1;
  const lastRow = b.row ?? (a.row === null || second !== undefined ? maxRows : row);
  const lastCol = b.col ?? maxCols;
  if (row === 0 || col === 0 || lastRow < row || lastCol < col) throw gasError('Range not found');
  return { row, col, numRows: lastRow - row + 1, numCols: lastCol - col + 1 };
}

/** Where a box ends up when `count` rows are inserted before row `at` (it grows when they land inside it). */
export function afterRowInsert(box: GridBox, at: number, count: number): GridBox {
  if (box.row >= at) return { ...box, row: box.row + count };
  if (box.row + box.numRows - 1 >= at) return { ...box, numRows: box.numRows + count };
  return box;
}

/** Where a box ends up when rows at..at+count-1 are deleted; null when none of its rows remain. */
export function afterRowDelete(box: GridBox, at: number, count: number): GridBox | null {
  const last = box.row + box.numRows - 1;
  const deletedLast = at + count - 1;
  if (last < at) return box;
  if (box.row > deletedLast) return { ...box, row: box.row - count };
  const overlap = Math.min(last, deletedLast) - Math.max(box.row, at) + 1;
  const numRows = box.numRows - overlap;
  return numRows === 0 ? null : { ...box, row: Math.min(box.row, at), numRows };
}

/** Where a box ends up when `count` columns are inserted before column `at` (it grows when they land inside it). */
export function afterColumnInsert(box: GridBox, at: number, count: number): GridBox {
  if (box.col >= at) return { ...box, col: box.col + count };
  if (box.col + box.numCols - 1 >= at) return { ...box, numCols: box.numCols + count };
  return box;
}

/** Where a box ends up when columns at..at+count-1 are deleted; null when none of its columns remain. */
export function afterColumnDelete(box: GridBox, at: number, count: number): GridBox | null {
  const turned = afterRowDelete({ row: box.col, col: box.row, numRows: box.numCols, numCols: box.numRows }, at, count);
  return turned && { row: box.row, col: turned.row, numRows: box.numRows, numCols: turned.numRows };
}
