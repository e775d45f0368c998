// The one adapter over SpreadsheetApp for the web app's data path. Every call here is priced
// (~80 ms each): a batch costs the same handful whatever its size — open, read the Version
// column, maybe read the span, write the span, write its links, flush — plus two to grow the grid.
import { SHEET_NAME } from '../../proto/contract.js';
import { COL, COLUMN_COUNT, columnLetter } from './columns.js';
import { composeBlock } from './compose.js';
import { ensureTab } from './gas-layout.js';
import type { Plan } from './plan.js';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

const LAST = columnLetter(COLUMN_COUNT);

const a1 = (range: string) => `'${SHEET_NAME}'!${range}`;

export function openSpreadsheet(id: string | null): Spreadsheet {
  return id ? SpreadsheetApp.openById(id) : SpreadsheetApp.getActiveSpreadsheet();
}

/** Column P from row 1 to the end of the grid: its length is the grid's row count. */
export function readVersionColumn(ss: Spreadsheet): unknown[] {
  const range = `${columnLetter(COL.version)}1:${columnLetter(COL.version)}`;
  let values: unknown[][];
  try {
    values = ss.getRange(a1(range)).getValues();
  } catch {
    // Only when the tab is missing or too narrow; any other failure repeats below and propagates.
    values = ensureTab(ss).getRange(range).getValues();
  }
  return values.map((row) => row[0]);
}

/** Writes the plan's one block: values first, then the Link column as rich text (setValues drops links). */
export function applyPlan(ss: Spreadsheet, plan: Plan, now: Date): void {
  if (!plan.span) return;
  const { first, last } = plan.span;
  if (plan.growBy > 0) ss.getSheetByName(SHEET_NAME)!.insertRowsAfter(plan.gridRows, plan.growBy);
  const range = ss.getRange(a1(`A${first}:${LAST}${last}`));
  const block = composeBlock(plan, plan.needsRead ? range.getValues() : null, now)!;
  range.setValues(block.values);
  const link = columnLetter(COL.link);
  // One builder from SpreadsheetApp, then copies of a plain value, however many rows.
  const plain = SpreadsheetApp.newRichTextValue().setText('').build();
  const rich = block.links.map((l) => {
    const builder = plain.copy().setText(l.text);
    return [(l.url === '' ? builder : builder.setLinkUrl(l.url)).build()];
  });
  ss.getRange(a1(`${link}${first}:${link}${last}`)).setRichTextValues(rich);
}

export function flush(): void {
  SpreadsheetApp.flush();
}
