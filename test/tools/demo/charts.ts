// A tab's embedded charts as the page draws them: each chart's ranges read into categories (the
// first column) and series (the other columns, named by the header row), as Sheets reads them.
import { parseA1 } from '../../gas/a1.js';
import type { ChartView } from '../../gas/charts.js';
import type { FakeSheet as Sheet } from '../../gas/sheet.js';
import { cellText } from './cell-text.js';

export interface ChartOut {
  id: number;
  type: string;
  stacked: boolean;
  title: string | null;
  options: Record<string, unknown>;
  anchor: { row: number; column: number };
  categories: string[];
  series: { name: string; values: (number | null)[] }[];
}

/** One cell as the chart reads it: its value when a number, and its text as shown. */
export interface ChartCell {
  value: unknown;
  text: string;
}

const LARGE = 1_000_000;

export function chartData(chart: ChartView, cellAt: (row: number, col: number) => ChartCell): ChartOut {
  const columns: ChartCell[][] = [];
  let rows = 0;
  for (const range of chart.ranges) {
    const box = parseA1(range, LARGE, LARGE);
    rows = Math.max(rows, box.numRows);
    for (let c = 0; c < box.numCols; c++) {
      columns.push(Array.from({ length: box.numRows }, (_, r) => cellAt(box.row + r, box.col + c)));
    }
  }
  const [labels = [], ...data] = columns;
  // Rows a table has room for but no entry in are blank: Sheets leaves them out of the chart.
  const used = Array.from({ length: rows - 1 }, (_, i) => i + 1).filter((r) =>
    columns.some((col) => (col[r]?.text ?? '') !== ''),
  );
  return {
    id: chart.id,
    type: chart.type,
    stacked: chart.stacked,
    title: chart.title,
    options: chart.options,
    anchor: chart.anchor,
    categories: used.map((r) => labels[r]?.text ?? ''),
    series: data.map((col) => ({
      name: col[0]?.text ?? '',
      values: used.map((r) => (typeof col[r]?.value === 'number' ? (col[r]!.value as number) : null)),
    })),
  };
}

/** The sheet's charts, as the local runtime records them. */
export function chartsOf(sheet: Sheet): ChartOut[] {
  const cellAt = (row: number, col: number): ChartCell => {
    const cell = sheet.cell(row, col);
    return { value: cell.value, text: cellText(cell, sheet.timeZone()) };
  };
  return sheet.charts().map((chart) => chartData(chart, cellAt));
}
