// The tab's presentation, applied when the tab is created and by Reformat, so that running it
// again changes nothing more: conditional rules are replaced as a set (ours rebuilt, other
// people's kept), the sheet protection is the tab's single one, rows are sorted newest first.
import { SHEET_NAME } from '../../proto/contract.js';
import {
  COL,
  COLUMN_COUNT,
  COLUMN_WIDTHS,
  DATE_COLUMNS,
  DATE_FORMAT,
  HEADERS,
  LINK_LABEL,
  STATUS_COLOURS,
  columnLetter,
} from './columns.js';
import { literal } from './render.js';
import { decodeMeta } from './rowmeta.js';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Rule = GoogleAppsScript.Spreadsheet.ConditionalFormatRule;

const PROTECTION_NOTE = 'Kept by the Teleport relay: edits here are overwritten. Review requests in Teleport.';

function isStatusRule(rule: Rule): boolean {
  const condition = rule.getBooleanCondition();
  if (!condition || String(condition.getCriteriaType()) !== 'TEXT_EQUAL_TO') return false;
  const value = condition.getCriteriaValues()[0];
  return (
    typeof value === 'string' &&
    value in STATUS_COLOURS &&
    rule.getRanges().every((r) => r.getColumn() === COL.status && r.getNumColumns() === 1)
  );
}

function statusRules(sheet: Sheet): Rule[] {
  const range = sheet.getRange(`${columnLetter(COL.status)}2:${columnLetter(COL.status)}`);
  return Object.entries(STATUS_COLOURS).map(([status, colour]) =>
    SpreadsheetApp.newConditionalFormatRule().whenTextEqualTo(status).setBackground(colour).setRanges([range]).build(),
  );
}

function layoutColumns(sheet: Sheet): void {
  COLUMN_WIDTHS.forEach((width, i) => sheet.setColumnWidth(i + 1, width));
  for (const col of DATE_COLUMNS) {
    sheet.getRange(`${columnLetter(col)}2:${columnLetter(col)}`).setNumberFormat(DATE_FORMAT);
  }
  sheet.hideColumns(COL.version);
}

/** Whole rows move, including columns people added after ours. */
function sortNewestFirst(sheet: Sheet): void {
  const last = sheet.getLastRow();
  const width = Math.max(COLUMN_COUNT, sheet.getLastColumn());
  if (last > 2) sheet.getRange(2, 1, last - 1, width).sort({ column: COL.created, ascending: false });
}

function layout(sheet: Sheet): void {
  const header = sheet.getRange(1, 1, 1, COLUMN_COUNT);
  header.setValues([HEADERS.map((h) => literal(h))]);
  header.setFontWeight('bold');
  sheet.setFrozenRows(1);
  layoutColumns(sheet);
  const kept = sheet.getConditionalFormatRules().filter((rule) => !isStatusRule(rule));
  sheet.setConditionalFormatRules([...kept, ...statusRules(sheet)]);
  const protection = sheet.protect();
  protection.setWarningOnly(true);
  protection.setDescription(PROTECTION_NOTE);
}

/** The tab; when missing it is created (other tabs are left alone) and laid out at once. */
export function ensureTab(ss: Spreadsheet): Sheet {
  const existing = ss.getSheetByName(SHEET_NAME);
  if (existing) {
    const columns = existing.getMaxColumns();
    if (columns < COLUMN_COUNT) existing.insertColumnsAfter(columns, COLUMN_COUNT - columns);
    return existing;
  }
  const sheet = ss.insertSheet(SHEET_NAME);
  layout(sheet);
  return sheet;
}

/**
 * Rebuilds every request row's link from its Version cell. A batch writes values and then links
 * in two calls; if it died in between, its retry finds the rows unchanged and rewrites nothing,
 * so this is where such a missing link comes back. Rows that are not ours keep what they show.
 */
function relink(sheet: Sheet): void {
  const last = sheet.getLastRow();
  if (last < 2) return;
  const metas = sheet.getRange(2, COL.version, last - 1, 1).getValues();
  const column = sheet.getRange(2, COL.link, last - 1, 1);
  const shown = column.getRichTextValues();
  const plain = SpreadsheetApp.newRichTextValue().setText('').build();
  column.setRichTextValues(
    metas.map(([cell], i) => {
      const meta = decodeMeta(cell);
      if (!meta) return [shown[i]![0]!];
      const link = plain.copy().setText(meta.url === '' ? '' : LINK_LABEL);
      return [(meta.url === '' ? link : link.setLinkUrl(meta.url)).build()];
    }),
  );
}

export function reformat(ss: Spreadsheet): void {
  const sheet = ensureTab(ss);
  layout(sheet);
  sortNewestFirst(sheet);
  relink(sheet);
}
