// Reads any tab the way a person sees it — text under each cell's number format, links, hidden
// columns, bold, and the colours its conditional format rules paint — for the demo page. Nothing
// here knows the product's layout, so new columns and tabs appear by themselves.
import type { GasRuntime } from '../../gas/runtime.js';
import type { Style } from '../../gas/grid.js';
import type { CellView, FakeSheet as Sheet } from '../../gas/sheet.js';
import { cellText } from './cell-text.js';
import { chartsOf, type ChartOut } from './charts.js';

export interface CellOut {
  text: string;
  kind: string;
  link?: string;
  background?: string;
  fontColor?: string;
  bold?: boolean;
}
export interface TabOut {
  name: string;
  headers: string[];
  hidden: number[];
  rows: { row: number; cells: CellOut[] }[];
  charts: ChartOut[];
}

type Rule = ReturnType<Sheet['getConditionalFormatRules']>[number];

/** The spreadsheets the script made in the Drive (evidence exports, archives), oldest first. */
const madeSpreadsheets = (runtime: GasRuntime) => runtime.drive.list().filter((ss) => ss !== runtime.spreadsheet);

/**
 * The tabs in the spreadsheet's order, as its tab strip shows them, then those of the spreadsheets
 * the script made whose names the live sheet does not have (an evidence export's tab).
 */
export function tabNames(runtime: GasRuntime): string[] {
  const live = runtime.spreadsheet.getSheets().map((s) => s.getName());
  const made = madeSpreadsheets(runtime).flatMap((ss) => ss.getSheets().map((s) => s.getName()));
  return [...new Set([...live, ...made])];
}

/** The live sheet's tab of that name, else the newest made spreadsheet's. */
function sheetNamed(runtime: GasRuntime, name: string): Sheet | null {
  const made = madeSpreadsheets(runtime).map((ss) => ss.getSheetByName(name));
  return runtime.spreadsheet.getSheetByName(name) ?? made.filter((s) => s !== null).pop() ?? null;
}

export function readTab(runtime: GasRuntime, name: string): TabOut | null {
  const sheet = sheetNamed(runtime, name);
  if (!sheet) return null;
  const columns = sheet.getLastColumn();
  const rules = sheet.getConditionalFormatRules();
  const text = (row: number, col: number) => cellText(sheet.cell(row, col), sheet.timeZone());
  const headers = Array.from({ length: columns }, (_, i) => text(1, i + 1));
  const hidden = headers.map((_, i) => i + 1).filter((col) => sheet.isColumnHiddenByUser(col));
  const rows = [];
  for (let row = 2, last = sheet.getLastRow(); row <= last; row++) {
    const cells = headers.map((_, i) => {
      const cell: CellView & Style = sheet.cell(row, i + 1);
      const out: CellOut = { text: text(row, i + 1), kind: cell.kind };
      if (cell.link) out.link = cell.link;
      if (cell.background) out.background = cell.background;
      if (cell.fontColor) out.fontColor = cell.fontColor;
      if (cell.fontWeight === 'bold') out.bold = true;
      return { ...out, ...paintOf(rules, row, i + 1, (col) => text(row, col)) };
    });
    rows.push({ row, cells });
  }
  return { name, headers, hidden, rows, charts: chartsOf(sheet) };
}

/**
 * readTab, read again only once the script has made a spreadsheet call since (every change to a tab
 * is one): the page asks every second, and a quarter's rows take a while to read.
 */
export function tabReader(runtime: GasRuntime): (name: string) => TabOut | null {
  const kept = new Map<string, { calls: number; tab: TabOut | null }>();
  return (name) => {
    const calls = runtime.counters.calls;
    const last = kept.get(name);
    if (last?.calls === calls) return last.tab;
    const tab = readTab(runtime, name);
    kept.set(name, { calls, tab });
    return tab;
  };
}

const inside = (rule: Rule, row: number, col: number) =>
  rule
    .getRanges()
    .some(
      (r) =>
        row >= r.getRow() &&
        row < r.getRow() + r.getNumRows() &&
        col >= r.getColumn() &&
        col < r.getColumn() + r.getNumColumns(),
    );

/** The first matching rule wins, as in Sheets. Handles the two rule shapes a status colouring uses. */
function paintOf(
  rules: Rule[],
  row: number,
  col: number,
  textAt: (col: number) => string,
): { background?: string; fontColor?: string } {
  for (const rule of rules) {
    if (!inside(rule, row, col)) continue;
    const condition = rule.getBooleanCondition();
    const [wanted] = condition.getCriteriaValues() as string[];
    let matches = false;
    if (condition.getCriteriaType() === 'TEXT_EQUAL_TO') matches = textAt(col) === wanted;
    if (condition.getCriteriaType() === 'CUSTOM_FORMULA') {
      const m = /^=\$([A-Z])\d+\s*=\s*"([^"]*)"$/.exec(String(wanted));
      if (m) matches = textAt(m[1]!.charCodeAt(0) - 64) === m[2];
    }
    if (matches) {
      const out: { background?: string; fontColor?: string } = {};
      if (condition.getBackground()) out.background = condition.getBackground()!;
      if (condition.getFontColor()) out.fontColor = condition.getFontColor()!;
      return out;
    }
  }
  return {};
}
