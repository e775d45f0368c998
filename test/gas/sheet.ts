// Sheet: the grid (1000 × 26 when new) with Google's bounds checks and messages, its rows'
// growth and shrinkage, frozen rows, column widths and visibility, conditional rules and protections.
import { afterColumnInsert, afterRowDelete, afterRowInsert, parseA1, splitSheetName, type GridBox } from './a1.js';
import { FakeEmbeddedChartBuilder, SheetCharts, type ChartView, type FakeEmbeddedChart } from './charts.js';
import { gasError } from './expose.js';
import { FakeFilter, noSecondFilter } from './filter.js';
import { Grid } from './grid.js';
import { FakeProtection, ProtectionType } from './protection.js';
import { FakeRange } from './range.js';
import { FakeRangeList } from './range-list.js';
import type { ConditionalFormatRule } from './rules.js';
import type { FakeTextFinder } from './text-finder.js';
import type { FakeSpreadsheet } from './spreadsheet.js';
import { scriptValue, type CellKind } from './values.js';

export const NEW_SHEET_ROWS = 1000;
export const NEW_SHEET_COLUMNS = 26;
const DEFAULT_COLUMN_WIDTH = 100;

export interface CellView {
  kind: CellKind;
  value: unknown;
  formula?: string;
  link?: string;
  numberFormat?: string;
  background?: string;
  fontWeight?: string;
}

export class FakeSheet {
  readonly grid = new Grid(NEW_SHEET_ROWS, NEW_SHEET_COLUMNS);
  private frozenRows = 0;
  private frozenColumns = 0;
  private readonly widths = new Map<number, number>();
  private readonly hidden = new Set<number>();
  private rules: ConditionalFormatRule[] = [];
  private sheetProtection: FakeProtection | null = null;
  private rangeProtections: FakeProtection[] = [];
  private filter: FakeFilter | null = null;
  private readonly embedded: SheetCharts;

  constructor(
    private readonly parent: FakeSpreadsheet,
    private name: string,
    private readonly sheetId: number,
  ) {
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
    if (!(rowIndex >= 1 && rowIndex <= this.grid.maxRows + 1)) throw gasError('Those rows are out of bounds.');
    if (!(numRows >= 1)) throw gasError('The number of rows to insert must be at least 1.');
    this.grid.insertRows(rowIndex, numRows);
    this.moveRowBound((box) => afterRowInsert(box, rowIndex, numRows));
    return this;
  }

  /**
   * Columns after `afterPosition` move right with everything bound to them — cells, widths, hidden
   * state, conditional rules, protections, the filter — as Sheets moves references.
   */
  insertColumnsAfter(afterPosition: number, howMany: number): this {
    if (!(afterPosition >= 1 && afterPosition <= this.grid.maxColumns))
      throw gasError('Those columns are out of bounds.');
    if (!(howMany >= 1)) throw gasError('The number of columns to insert must be at least 1.');
    const at = afterPosition + 1;
    this.grid.insertColumns(at, howMany);
    const shift = (c: number) => (c >= at ? c + howMany : c);
    const widths = [...this.widths].map(([c, w]) => [shift(c), w] as const);
    this.widths.clear();
    for (const [c, w] of widths) this.widths.set(c, w);
    const hidden = [...this.hidden].map(shift);
    this.hidden.clear();
    for (const c of hidden) this.hidden.add(c);
    this.moveRowBound((box) => afterColumnInsert(box, at, howMany));
    return this;
  }

  getFilter(): FakeFilter | null {
    return this.filter;
  }

  addFilter(range: FakeRange): FakeFilter {
    if (this.filter) throw noSecondFilter();
    this.filter = new FakeFilter(this, range);
    return this.filter;
  }

  dropFilter(filter: FakeFilter): void {
    if (this.filter === filter) this.filter = null;
  }

  deleteRows(rowPosition: number, howMany: number): void {
    if (!(rowPosition >= 1 && howMany >= 1 && rowPosition + howMany - 1 <= this.grid.maxRows))
      throw gasError('Those rows are out of bounds.');
    if (this.grid.maxRows - howMany <= this.frozenRows)
      throw gasError('Sorry, it is not possible to delete all non-frozen rows.');
    this.grid.deleteRows(rowPosition, howMany);
    this.moveRowBound((box) => afterRowDelete(box, rowPosition, howMany));
  }

  /** Conditional rules, protections and the filter follow the cells they cover when rows or columns come and go. */
  private moveRowBound(move: (box: GridBox) => GridBox | null): void {
    const moveRange = (range: FakeRange) => {
      const box = move(range.box);
      return box && new FakeRange(this, box);
    };
    this.rules = this.rules.flatMap((rule) => rule.remapped(moveRange) ?? []);
    this.rangeProtections = this.rangeProtections.filter((p) => {
      const range = moveRange(p.getRange());
      if (range) p.moveTo(range);
      return range !== null;
    });
    this.sheetProtection?.moveTo(this.wholeSheet());
    if (this.filter) {
      const range = moveRange(this.filter.getRange());
      if (range) this.filter.moveTo(range);
      else this.filter = null;
    }
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
    if (row > this.grid.maxRows) this.grid.insertRows(this.grid.maxRows + 1, 1);
    if (rowContents.length > this.grid.maxColumns)
      this.grid.insertColumns(this.grid.maxColumns + 1, rowContents.length - this.grid.maxColumns);
    this.sheetProtection?.moveTo(this.wholeSheet());
    if (rowContents.length > 0)
      this.rangeAt({ row, col: 1, numRows: 1, numCols: rowContents.length }).setValues([rowContents]);
    return this;
  }

  setFrozenRows(rows: number): void {
    this.frozenRows = Number(rows);
  }
  getFrozenRows(): number {
    return this.frozenRows;
  }
  setFrozenColumns(columns: number): void {
    this.frozenColumns = Number(columns);
  }
  getFrozenColumns(): number {
    return this.frozenColumns;
  }

  setColumnWidth(column: number, width: number): this {
    this.widths.set(column, Number(width));
    return this;
  }
  setColumnWidths(startColumn: number, numColumns: number, width: number): this {
    for (let c = startColumn; c < startColumn + numColumns; c++) this.widths.set(c, Number(width));
    return this;
  }
  getColumnWidth(column: number): number {
    return this.widths.get(column) ?? DEFAULT_COLUMN_WIDTH;
  }
  autoResizeColumns(): this {
    return this;
  }
  hideColumns(columnIndex: number, numColumns = 1): void {
    for (let c = columnIndex; c < columnIndex + numColumns; c++) this.hidden.add(c);
  }
  showColumns(columnIndex: number, numColumns = 1): void {
    for (let c = columnIndex; c < columnIndex + numColumns; c++) this.hidden.delete(c);
  }
  isColumnHiddenByUser(column: number): boolean {
    return this.hidden.has(column);
  }

  getConditionalFormatRules(): ConditionalFormatRule[] {
    return [...this.rules];
  }
  setConditionalFormatRules(rules: ConditionalFormatRule[]): void {
    this.rules = [...rules];
  }
  clearConditionalFormatRules(): void {
    this.rules = [];
  }

  protect(): FakeProtection {
    this.sheetProtection ??= new FakeProtection('SHEET', this, this.wholeSheet());
    return this.sheetProtection;
  }

  getProtections(type: string): FakeProtection[] {
    if (type === ProtectionType.SHEET) return this.sheetProtection ? [this.sheetProtection] : [];
    return [...this.rangeProtections];
  }

  addRangeProtection(p: FakeProtection): FakeProtection {
    this.rangeProtections.push(p);
    return p;
  }

  dropProtection(p: FakeProtection): void {
    if (this.sheetProtection === p) this.sheetProtection = null;
    this.rangeProtections = this.rangeProtections.filter((x) => x !== p);
  }

  sort(columnPosition: number, ascending = true): this {
    const first = this.frozenRows + 1;
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
    const { content, style } = this.grid.cell(row, col) ?? {
      content: { kind: 'empty' as const, value: null },
      style: {},
    };
    const view: CellView = {
      kind: content.kind,
      value: content.kind === 'date' ? new Date(content.value as number) : content.value,
    };
    if (content.formula !== undefined) view.formula = content.formula;
    if (content.link !== undefined) view.link = content.link;
    return { ...view, ...style };
  }

  /** Test inspection: what getValues() of the data range would return (host-realm Dates). */
  values(): unknown[][] {
    const rows = this.grid.lastRow();
    const cols = this.grid.lastColumn();
    return Array.from({ length: rows }, (_, i) =>
      Array.from({ length: cols }, (_, j) => scriptValue(this.grid.content(i + 1, j + 1), Date)),
    );
  }

  /** Everything about the sheet, as plain data, for "nothing changed" comparisons. */
  describe(): unknown {
    const rows = this.grid.lastRow();
    const cells: Record<string, CellView> = {};
    for (let r = 1; r <= Math.max(rows, this.grid.maxRows); r++) {
      for (let c = 1; c <= this.grid.maxColumns; c++) {
        const stored = this.grid.cell(r, c);
        if (stored && (stored.content.kind !== 'empty' || Object.keys(stored.style).length > 0))
          cells[`${r},${c}`] = this.cell(r, c);
      }
    }
    return {
      name: this.name,
      maxRows: this.grid.maxRows,
      maxColumns: this.grid.maxColumns,
      frozenRows: this.frozenRows,
      frozenColumns: this.frozenColumns,
      widths: [...this.widths].sort(([a], [b]) => a - b),
      hidden: [...this.hidden].sort((a, b) => a - b),
      rules: this.rules.map((r) => r.describe()),
      sheetProtection: this.sheetProtection?.describe() ?? null,
      rangeProtections: this.rangeProtections.map((p) => p.describe()),
      filter: this.filter?.getRange().getA1Notation() ?? null,
      cells,
    };
  }
}
