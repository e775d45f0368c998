// The requests tab through the platform. Every spreadsheet call is priced, so a batch costs the
// same handful whatever its size — open, read the Version column, maybe read the span, write the
// span, write its links, flush — plus two to grow the grid.
import { SHEET_NAME } from '../../proto/contract.js';
import { COL, COLUMN_COUNT, COLUMN_WIDTHS, DATE_COLUMNS, DATE_FORMAT, HEADERS } from './columns.js';
import { composeBlock } from './compose.js';
import type { Tab, Workbook } from './gas/platform.js';
import { PROTECTION_NOTE, columnInsertions, isStatusRule, relinks, sortArea, statusRules } from './layout.js';
import type { Plan } from './plan.js';
import { literal } from './render.js';

/** Applied when the tab is created and by Reformat, so that running it again changes nothing more. */
function layout(tab: Tab): void {
  const header = tab.range(1, 1, 1, COLUMN_COUNT);
  header.setValues([HEADERS.map((h) => literal(h))]);
  header.setBold();
  tab.freezeRows(1);
  COLUMN_WIDTHS.forEach((width, i) => tab.setColumnWidth(i + 1, width));
  for (const col of DATE_COLUMNS) tab.range(2, col, null, 1).setNumberFormat(DATE_FORMAT);
  tab.hideColumn(COL.version);
  tab.setFormatRules(
    tab.formatRules().filter((rule) => !isStatusRule(rule)),
    statusRules(),
  );
  tab.protect({ warningOnly: true, description: PROTECTION_NOTE });
}

/** The tab; when missing it is created (other tabs are left alone) and laid out at once. */
export function ensureTab(wb: Workbook): Tab {
  const tab = wb.tab(SHEET_NAME);
  if (tab.exists()) {
    for (const { after, count } of columnInsertions(tab.gridColumns())) tab.insertColumnsAfter(after, count);
    return tab;
  }
  tab.create();
  layout(tab);
  return tab;
}

/** The Version column from row 1 to the end of the grid: its length is the grid's row count. */
export function readVersionColumn(wb: Workbook): unknown[] {
  let values: unknown[][];
  try {
    values = wb.tab(SHEET_NAME).range(1, COL.version, null, 1).values();
  } catch {
    // Only when the tab is missing or too narrow; any other failure repeats below and propagates.
    values = ensureTab(wb).range(1, COL.version, null, 1).values();
  }
  return values.map((row) => row[0]);
}

/** Writes the plan's one block: values first, then the Link column as rich text (values drop links). */
export function applyPlan(wb: Workbook, plan: Plan, now: Date): void {
  if (!plan.span) return;
  const { first, last } = plan.span;
  const tab = wb.tab(SHEET_NAME);
  if (plan.growBy > 0) tab.insertRowsAfter(plan.gridRows, plan.growBy);
  const rows = last - first + 1;
  const range = tab.range(first, 1, rows, COLUMN_COUNT);
  const block = composeBlock(plan, plan.needsRead ? range.values() : null, now)!;
  range.setValues(block.values);
  tab.range(first, COL.link, rows, 1).setLinks(block.links);
}

export function reformat(wb: Workbook): void {
  const tab = ensureTab(wb);
  layout(tab);
  const area = sortArea(tab.lastRow(), tab.lastColumn());
  if (area) tab.range(2, 1, area.rows, area.columns).sort(COL.created, false);
  const last = tab.lastRow();
  if (last < 2) return;
  const links = relinks(
    tab
      .range(2, COL.version, last - 1, 1)
      .values()
      .map((row) => row[0]),
  );
  tab.range(2, COL.link, last - 1, 1).setLinks(links);
}
