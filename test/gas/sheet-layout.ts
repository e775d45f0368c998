// How a sheet shows its grid: frozen rows and columns, column widths and hidden columns.
const DEFAULT_COLUMN_WIDTH = 100;

export class SheetLayout {
  frozenRows = 0;
  frozenColumns = 0;
  private readonly widths = new Map<number, number>();
  private readonly hidden = new Set<number>();

  setColumnWidth(column: number, width: number): void {
    this.widths.set(column, Number(width));
  }
  setColumnWidths(startColumn: number, numColumns: number, width: number): void {
    for (let c = startColumn; c < startColumn + numColumns; c++) this.widths.set(c, Number(width));
  }
  getColumnWidth(column: number): number {
    return this.widths.get(column) ?? DEFAULT_COLUMN_WIDTH;
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

  /** Widths and hidden state stay with their columns when `howMany` columns are inserted at `at`. */
  insertColumns(at: number, howMany: number): void {
    this.renumber((c) => (c >= at ? c + howMany : c));
  }

  /** Widths and hidden state of deleted columns go; those right of them move left with their columns. */
  deleteColumns(at: number, howMany: number): void {
    this.renumber((c) => (c < at ? c : c >= at + howMany ? c - howMany : null));
  }

  private renumber(to: (column: number) => number | null): void {
    const widths = [...this.widths].map(([c, w]) => [to(c), w] as const);
    this.widths.clear();
    for (const [c, w] of widths) if (c !== null) this.widths.set(c, w);
    const hidden = [...this.hidden].map(to);
    this.hidden.clear();
    for (const c of hidden) if (c !== null) this.hidden.add(c);
  }

  describe(): object {
    return {
      frozenRows: this.frozenRows,
      frozenColumns: this.frozenColumns,
      widths: [...this.widths].sort(([a], [b]) => a - b),
      hidden: [...this.hidden].sort((a, b) => a - b),
    };
  }
}
