// Sheet: the grid (1000 × 26 when new) with Google's bounds checks and messages; its growth and
// shrinkage, layout, bindings (rules, protections, filter) and charts are kept by
// sheet-dimensions.ts, sheet-layout.ts, sheet-bindings.ts and charts.ts.
import { parseA1, splitSheetName, type GridBox } from './a1.js';
import { cellView, gridValues, storedCells, type CellView } from './cell-view.js';
import { FakeEmbeddedChartBuilder, SheetCharts, type ChartView, type FakeEmbeddedChart } from './charts.js';
import { gasError } from './expose.js';
import type { FakeFilter } from './filter.js';
import { Grid } from './grid.js';
import type { FakeProtection } from './protection.js';
import { FakeRange } from './range.js';
import { FakeRangeList } from './range-list.js';
import type { ConditionalFormatRule } from './rules.js';
import { SheetBindings } from './sheet-bindings.js';
import { SheetDimensions } from './sheet-dimensions.js';
import { SheetLayout } from './sheet-layout.js';
import type { FakeTextFinder } from './text-finder.js';
import type { FakeSpreadsheet } from './spreadsheet.js';

export type { CellView } from './cell-view.js';

export const NEW_SHEET_ROWS = 1000;
export const NEW_SHEET_COLUMNS = 26;

export class FakeSheet {
  readonly grid: Grid;
  private readonly layout = new SheetLayout();
  private readonly bound = new SheetBindings(this, () => this.wholeSheet());
  private readonly dimensions: SheetDimensions;
  private readonly embedded: SheetCharts;

  constructor(
    private readonly parent: FakeSpreadsheet,
    private name: string,
    private readonly sheetId: number,
    size: { rows: number; columns: number } = { rows: NEW_SHEET_ROWS, columns: NEW_SHEET_COLUMNS },
  ) {
    this.grid = new Grid(size.rows, size.columns);
    this.dimensions = new SheetDimensions(this.grid, this.layout, this.bound, parent);
    this.embedded = new SheetCharts(parent);
  }

  newChart = () => FakeEmbeddedChartBuilder.fresh(this);
  insertChart = (chart: FakeEmbeddedChart) => this.embedded.insert(this, chart);
  updateChart = (chart: FakeEmbeddedChart) => this.embedded.update(chart);
  removeChart = (chart: FakeEmbeddedChart) => this.embedded.remove(chart);
  getCharts = () => this.embedded.list();
  /** Inspection for tests and the demo (not visible to the script). */
  charts = (): ChartView[] => this.embedded.views();

  timeZone(): string {
    return this.parent.getSpreadsheetTimeZone();
  }
  realmDate(): DateConstructor {
    return this.parent.env.realm.Date;
  }

  getName(): string {
    return this.name;
  }
  setName(name: string): this {
    this.parent.renameSheet(this, String(name));
    this.name = String(name);
    return this;
  }
  getSheetId(): number {
    return this.sheetId;
  }
  getParent(): FakeSpreadsheet {
    return this.parent;
  }
  getIndex(): number {
    return this.parent.getSheets().indexOf(this) + 1;
  }
  activate(): this {
    this.parent.setActiveSheet(this);
    return this;
  }

  getRange(...args: unknown[]): FakeRange {
    if (typeof args[0] === 'string') {
      const box = parseA1(splitSheetName(args[0]).range, this.grid.maxRows, this.grid.maxColumns);
      return this.rangeAt(box);
    }
    const size = (i: number) => (args[i] === undefined ? 1 : Number(args[i]));
    const [row, col, numRows, numCols] = [Number(args[0]), Number(args[1]), size(2), size(3)];
    if (!(row >= 1)) throw gasError('The starting row of the range is too small.');
    if (!(col >= 1)) throw gasError('The starting column of the range is too small.');
    if (!(numRows >= 1)) throw gasError('The number of rows in the range must be at least 1.');
    if (!(numCols >= 1)) throw gasError('The number of columns in the range must be at least 1.');
    return this.rangeAt({ row, col, numRows, numCols });
  }

  private rangeAt(box: GridBox): FakeRange {
    if (box.row + box.numRows - 1 > this.grid.maxRows || box.col + box.numCols - 1 > this.grid.maxColumns) {
      throw gasError('The coordinates of the range are outside the dimensions of the sheet.');
    }
    return new FakeRange(this, box);
  }

  createTextFinder(findText: string): FakeTextFinder {
    return this.wholeSheet().createTextFinder(findText);
  }
  getRangeList(a1s: string[]): FakeRangeList {
    return new FakeRangeList(a1s.map((a1) => this.getRange(a1)));
  }
  getDataRange(): FakeRange {
    return this.rangeAt({
      row: 1,
      col: 1,
      numRows: Math.max(1, this.grid.lastRow()),
      numCols: Math.max(1, this.grid.lastColumn()),
    });
  }

  getLastRow(): number {
    return this.grid.lastRow();
  }
  getLastColumn(): number {
    return this.grid.lastColumn();
  }
  getMaxRows(): number {
    return this.grid.maxRows;
  }
  getMaxColumns(): number {
    return this.grid.maxColumns;
  }

  insertRowsAfter(afterPosition: number, howMany: number): this {
    return this.insertRows(afterPosition + 1, howMany);
  }
  insertRowsBefore(beforePosition: number, howMany: number): this {
    return this.insertRows(beforePosition, howMany);
  }
  insertRowAfter(afterPosition: number): this {
    return this.insertRows(afterPosition + 1, 1);
  }
  insertRowBefore(beforePosition: number): this {
    return this.insertRows(beforePosition, 1);
  }

  insertRows(rowIndex: number, numRows = 1): this {
    this.dimensions.insertRows(rowIndex, numRows);
    return this;
  }

  insertColumnsAfter(afterPosition: number, howMany: number): this {
    if (!(afterPosition >= 1 && afterPosition <= this.grid.maxColumns))
      throw gasError('Those columns are out of bounds.');
    this.dimensions.insertColumns(afterPosition + 1, howMany);
    return this;
  }
  insertColumnsBefore(beforePosition: number, howMany: number): this {
    if (!(beforePosition >= 1 && beforePosition <= this.grid.maxColumns))
      throw gasError('Those columns are out of bounds.');
    this.dimensions.insertColumns(beforePosition, howMany);
    return this;
  }
  insertColumnAfter(afterPosition: number): this {
    return this.insertColumnsAfter(afterPosition, 1);
  }
  insertColumnBefore(beforePosition: number): this {
    return this.insertColumnsBefore(beforePosition, 1);
  }
  insertColumns(columnIndex: number, numColumns = 1): void {
    this.insertColumnsBefore(columnIndex, numColumns);
  }

  getFilter = () => this.bound.getFilter();
  addFilter = (range: FakeRange) => this.bound.addFilter(range);
  dropFilter = (filter: FakeFilter) => this.bound.dropFilter(filter);

  deleteRows(rowPosition: number, howMany: number): void {
    this.dimensions.deleteRows(rowPosition, howMany);
  }
  deleteColumns(columnPosition: number, howMany: number): void {
    this.dimensions.deleteColumns(columnPosition, howMany);
  }
  deleteColumn(columnPosition: number): this {
    this.deleteColumns(columnPosition, 1);
    return this;
  }

  private wholeSheet(): FakeRange {
    return new FakeRange(this, { row: 1, col: 1, numRows: this.grid.maxRows, numCols: this.grid.maxColumns });
  }

  deleteRow(rowPosition: number): this {
    this.deleteRows(rowPosition, 1);
    return this;
  }

  appendRow(rowContents: unknown[]): this {
    if (!Array.isArray(rowContents))
      throw gasError("The parameters (String) don't match the method signature for SpreadsheetApp.Sheet.appendRow.");
    const row = this.grid.lastRow() + 1;
    this.dimensions.growFor(row, rowContents.length);
    if (rowContents.length > 0)
      this.rangeAt({ row, col: 1, numRows: 1, numCols: rowContents.length }).setValues([rowContents]);
    return this;
  }

  setFrozenRows(rows: number): void {
    this.layout.frozenRows = Number(rows);
  }
  getFrozenRows = () => this.layout.frozenRows;
  setFrozenColumns(columns: number): void {
    this.layout.frozenColumns = Number(columns);
  }
  getFrozenColumns = () => this.layout.frozenColumns;

  setColumnWidth(column: number, width: number): this {
    this.layout.setColumnWidth(column, width);
    return this;
  }
  setColumnWidths(startColumn: number, numColumns: number, width: number): this {
    this.layout.setColumnWidths(startColumn, numColumns, width);
    return this;
  }
  getColumnWidth = (column: number) => this.layout.getColumnWidth(column);
  autoResizeColumns(): this {
    return this;
  }
  hideColumns = (columnIndex: number, numColumns?: number) => this.layout.hideColumns(columnIndex, numColumns);
  showColumns = (columnIndex: number, numColumns?: number) => this.layout.showColumns(columnIndex, numColumns);
  isColumnHiddenByUser = (column: number) => this.layout.isColumnHiddenByUser(column);

  getConditionalFormatRules = () => this.bound.getConditionalFormatRules();
  setConditionalFormatRules = (rules: ConditionalFormatRule[]) => this.bound.setConditionalFormatRules(rules);
  clearConditionalFormatRules = () => this.bound.setConditionalFormatRules([]);

  protect = () => this.bound.protect();
  getProtections = (type: string) => this.bound.getProtections(type);
  addRangeProtection = (p: FakeProtection) => this.bound.addRangeProtection(p);
  dropProtection = (p: FakeProtection) => this.bound.dropProtection(p);

  sort(columnPosition: number, ascending = true): this {
    const first = this.layout.frozenRows + 1;
    const last = this.grid.lastRow();
    if (last >= first) {
      this.rangeAt({ row: first, col: 1, numRows: last - first + 1, numCols: this.grid.maxColumns }).sort({
        column: columnPosition,
        ascending,
      });
    }
    return this;
  }

  clear(): this {
    this.clearRows({ content: true, style: true });
    return this;
  }
  clearContents(): this {
    this.clearRows({ content: true, style: false });
    return this;
  }
  clearFormats(): this {
    this.clearRows({ content: false, style: true });
    return this;
  }

  private clearRows(what: { content: boolean; style: boolean }): void {
    for (let r = 1; r <= this.grid.maxRows; r++)
      for (let c = 1; c <= this.grid.maxColumns; c++) this.grid.clear(r, c, what);
  }

  /** Test inspection: one cell as stored. */
  cell(row: number, col: number): CellView {
    return cellView(this.grid, row, col);
  }

  /** Test inspection: what getValues() of the data range would return (host-realm Dates). */
  values(): unknown[][] {
    return gridValues(this.grid);
  }

  /** Everything about the sheet, as plain data, for "nothing changed" comparisons. */
  describe(): unknown {
    return {
      name: this.name,
      maxRows: this.grid.maxRows,
      maxColumns: this.grid.maxColumns,
      ...this.layout.describe(),
      ...this.bound.describe(),
      cells: storedCells(this.grid),
    };
  }
}
