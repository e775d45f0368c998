// How a sheet's grid grows and shrinks: rows and columns inserted and deleted with everything bound
// to them. Every growth is charged to the spreadsheet's cell budget first, and Google refuses a
// growth past it whole; deleting rows or columns gives their cells back.
import { afterColumnDelete, afterColumnInsert, afterRowDelete, afterRowInsert } from './a1.js';
import { gasError } from './expose.js';
import type { Grid } from './grid.js';
import type { SheetBindings } from './sheet-bindings.js';
import type { SheetLayout } from './sheet-layout.js';

/** The spreadsheet's side: throws Google's error when `cells` more would pass its limit. */
export interface CellBudget {
  makeRoom(cells: number): void;
}

export class SheetDimensions {
  constructor(
    private readonly grid: Grid,
    private readonly layout: SheetLayout,
    private readonly bound: SheetBindings,
    private readonly budget: CellBudget,
  ) {}

  insertRows(rowIndex: number, numRows: number): void {
    if (!(rowIndex >= 1 && rowIndex <= this.grid.maxRows + 1)) throw gasError('Those rows are out of bounds.');
    if (!(numRows >= 1)) throw gasError('The number of rows to insert must be at least 1.');
    this.budget.makeRoom(numRows * this.grid.maxColumns);
    this.grid.insertRows(rowIndex, numRows);
    this.bound.move((box) => afterRowInsert(box, rowIndex, numRows));
  }

  /**
   * Columns from `at` move right with everything bound to them — cells, widths, hidden state,
   * conditional rules, protections, the filter — as Sheets moves references.
   */
  insertColumns(at: number, howMany: number): void {
    if (!(at >= 1 && at <= this.grid.maxColumns + 1)) throw gasError('Those columns are out of bounds.');
    if (!(howMany >= 1)) throw gasError('The number of columns to insert must be at least 1.');
    this.budget.makeRoom(howMany * this.grid.maxRows);
    this.grid.insertColumns(at, howMany);
    this.layout.insertColumns(at, howMany);
    this.bound.move((box) => afterColumnInsert(box, at, howMany));
  }

  deleteRows(rowPosition: number, howMany: number): void {
    if (!(rowPosition >= 1 && howMany >= 1 && rowPosition + howMany - 1 <= this.grid.maxRows))
      throw gasError('Those rows are out of bounds.');
    if (this.grid.maxRows - howMany <= this.layout.frozenRows)
      throw gasError('Sorry, it is not possible to delete all non-frozen rows.');
    this.grid.deleteRows(rowPosition, howMany);
    this.bound.move((box) => afterRowDelete(box, rowPosition, howMany));
  }

  deleteColumns(columnPosition: number, howMany: number): void {
    if (!(columnPosition >= 1 && howMany >= 1 && columnPosition + howMany - 1 <= this.grid.maxColumns))
      throw gasError('Those columns are out of bounds.');
    if (this.grid.maxColumns - howMany <= this.layout.frozenColumns)
      throw gasError('Sorry, it is not possible to delete all non-frozen columns.');
    this.grid.deleteColumns(columnPosition, howMany);
    this.layout.deleteColumns(columnPosition, howMany);
    this.bound.move((box) => afterColumnDelete(box, columnPosition, howMany));
  }

  /** appendRow's growth, charged at once: a row past the grid when `row` is beyond it, columns for a wider row. */
  growFor(row: number, width: number): void {
    const rows = this.grid.maxRows + (row > this.grid.maxRows ? 1 : 0);
    const columns = Math.max(this.grid.maxColumns, width);
    this.budget.makeRoom(rows * columns - this.grid.cells);
    if (rows > this.grid.maxRows) this.grid.insertRows(this.grid.maxRows + 1, 1);
    if (columns > this.grid.maxColumns)
      this.grid.insertColumns(this.grid.maxColumns + 1, columns - this.grid.maxColumns);
    this.bound.coverWholeSheet();
  }
}
