// The cells of one sheet: a grid of maxRows × maxColumns whose cells carry content and style.
// Rows are stored densely only up to the last row ever touched.
import { EMPTY, type Content } from './values.js';

export interface Style {
  numberFormat?: string;
  background?: string;
  fontColor?: string;
  fontWeight?: string;
  fontStyle?: string;
  wrapStrategy?: string;
  verticalAlignment?: string;
  horizontalAlignment?: string;
}

export interface Cell {
  content: Content;
  style: Style;
}

export class Grid {
  private rows: (Cell | undefined)[][] = [];

  constructor(
    public maxRows: number,
    public maxColumns: number,
  ) {}

  cell(row: number, col: number): Cell | undefined {
    return this.rows[row - 1]?.[col - 1];
  }

  content(row: number, col: number): Content {
    return this.cell(row, col)?.content ?? EMPTY;
  }

  style(row: number, col: number): Style {
    return this.cell(row, col)?.style ?? {};
  }

  private ensure(row: number, col: number): Cell {
    while (this.rows.length < row) this.rows.push([]);
    const line = this.rows[row - 1]!;
    return (line[col - 1] ??= { content: EMPTY, style: {} });
  }

  setContent(row: number, col: number, content: Content): void {
    if (content.kind === 'empty' && !this.cell(row, col)) return;
    this.ensure(row, col).content = content;
  }

  patchStyle(row: number, col: number, patch: Style): void {
    const cell = this.ensure(row, col);
    cell.style = { ...cell.style, ...patch };
  }

  clear(row: number, col: number, what: { content: boolean; style: boolean }): void {
    const cell = this.cell(row, col);
    if (!cell) return;
    if (what.content) cell.content = EMPTY;
    if (what.style) cell.style = {};
  }

  insertRows(before: number, count: number): void {
    if (before - 1 < this.rows.length) this.rows.splice(before - 1, 0, ...Array.from({ length: count }, () => []));
    this.maxRows += count;
  }

  deleteRows(start: number, count: number): void {
    this.rows.splice(start - 1, count);
    this.maxRows -= count;
  }

  /** New empty columns before column `before`: every cell from there moves right, content and style. */
  insertColumns(before: number, count: number): void {
    for (const line of this.rows) {
      if (line.length >= before) line.splice(before - 1, 0, ...Array<undefined>(count).fill(undefined));
    }
    this.maxColumns += count;
  }

  deleteColumns(start: number, count: number): void {
    for (const line of this.rows) line.splice(start - 1, count);
    this.maxColumns -= count;
  }

  /** The cells the grid counts against its spreadsheet's limit, empty ones included. */
  get cells(): number {
    return this.maxRows * this.maxColumns;
  }

  lastRow(): number {
    for (let r = this.rows.length; r >= 1; r--) {
      if (this.rows[r - 1]!.some((c) => c && c.content.kind !== 'empty')) return r;
    }
    return 0;
  }

  lastColumn(): number {
    let last = 0;
    for (const line of this.rows) {
      for (let c = line.length; c > last; c--) {
        if (line[c - 1] && line[c - 1]!.content.kind !== 'empty') {
          last = c;
          break;
        }
      }
    }
    return last;
  }

  /** Puts rows `order` (in that order) at rows first.. over columns col..col+numCols-1, moving whole cells. */
  reorderRows(first: number, col: number, numCols: number, order: number[]): void {
    const taken = order.map((r) =>
      Array.from({ length: numCols }, (_, j) => {
        const cell = this.cell(r, col + j);
        return { content: cell?.content ?? EMPTY, style: { ...cell?.style } };
      }),
    );
    taken.forEach((cells, i) => {
      cells.forEach((cell, j) => {
        const target = this.ensure(first + i, col + j);
        target.content = cell.content;
        target.style = cell.style;
      });
    });
  }
}
