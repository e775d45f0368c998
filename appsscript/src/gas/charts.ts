// A native chart through EmbeddedChartBuilder. The typed builder's own methods (setStacked,
// setTitle) come first: the generic ones it inherits return the generic builder, which has neither.
import type { ChartDraw } from './platform.js';

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Builder = GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder;

function typedBuilder(sheet: Sheet, chart: ChartDraw): Builder {
  const base = sheet.newChart();
  if (chart.type === 'COLUMN') {
    const column = base.asColumnChart();
    return (chart.stacked ? column.setStacked() : column).setTitle(chart.title);
  }
  const bar = base.asBarChart();
  return (chart.stacked ? bar.setStacked() : bar).setTitle(chart.title);
}

export function insertChart(sheet: Sheet, chart: ChartDraw): void {
  let builder = typedBuilder(sheet, chart).setNumHeaders(1).setPosition(chart.anchorRow, chart.anchorCol, 0, 0);
  for (const area of chart.ranges) builder = builder.addRange(sheet.getRange(area));
  for (const [name, value] of Object.entries(chart.options)) builder = builder.setOption(name, value);
  sheet.insertChart(builder.build());
}
