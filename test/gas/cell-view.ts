// Test inspection of a sheet's grid as plain data (host-realm Dates), never visible to the script.
import type { Grid } from './grid.js';
import { scriptValue, type CellKind } from './values.js';

export interface CellView {
  kind: CellKind;
  value: unknown;
  formula?: string;
  link?: string;
  numberFormat?: string;
  background?: string;
  fontWeight?: string;
}

/** One cell as stored. */
export function cellView(grid: Grid, row: number, col: number): CellView {
  const { content, style } = grid.cell(row, col) ?? {
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

/** What getValues() of the data range would return. */
export function gridValues(grid: Grid): unknown[][] {
  const rows = grid.lastRow();
  const cols = grid.lastColumn();
  return Array.from({ length: rows }, (_, i) =>
    Array.from({ length: cols }, (_, j) => scriptValue(grid.content(i + 1, j + 1), Date)),
  );
}

/** Every cell holding content or a format, keyed "row,column". */
export function storedCells(grid: Grid): Record<string, CellView> {
  const cells: Record<string, CellView> = {};
  for (let r = 1; r <= Math.max(grid.lastRow(), grid.maxRows); r++) {
    for (let c = 1; c <= grid.maxColumns; c++) {
      const stored = grid.cell(r, c);
      if (stored && (stored.content.kind !== 'empty' || Object.keys(stored.style).length > 0))
        cells[`${r},${c}`] = cellView(grid, r, c);
    }
  }
  return cells;
}
