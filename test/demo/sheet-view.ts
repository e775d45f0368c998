// Reads the sheet the way a person sees it — text, links, hidden columns and the colours its
// conditional format rules paint — for the demo page.
import { SHEET_NAME } from '../../proto/contract.js';
import type { GasRuntime } from '../gas/runtime.js';
import type { FakeSheet as Sheet } from '../gas/sheet.js';

export interface CellOut {
  text: string;
  kind: string;
  link?: string;
  background?: string;
  fontColor?: string;
}
export interface SheetOut {
  headers: string[];
  hidden: number[];
  rows: { row: number; cells: CellOut[] }[];
}

type Rule = ReturnType<Sheet['getConditionalFormatRules']>[number];

const COLUMNS = 16;

export function readSheet(runtime: GasRuntime): SheetOut {
  const sheet = runtime.spreadsheet.getSheetByName(SHEET_NAME);
  if (!sheet) return { headers: [], hidden: [], rows: [] };
  const rules = sheet.getConditionalFormatRules();
  const text = (row: number, col: number) => displayText(sheet.cell(row, col).value);
  const headers = Array.from({ length: COLUMNS }, (_, i) => text(1, i + 1));
  const hidden = headers.map((_, i) => i + 1).filter((col) => sheet.isColumnHiddenByUser(col));
  const rows = [];
  for (let row = 2; row <= sheet.getLastRow(); row++) {
    const cells = headers.map((_, i) => {
      const cell = sheet.cell(row, i + 1);
      const paint = paintOf(rules, row, i + 1, (col) => text(row, col));
      return { text: displayText(cell.value), kind: cell.kind, ...(cell.link ? { link: cell.link } : {}), ...paint };
    });
    rows.push({ row, cells });
  }
  return { headers, hidden, rows };
}

function displayText(value: unknown): string {
  if (value instanceof Object && typeof (value as Date).getTime === 'function') {
    return new Date((value as Date).getTime()).toISOString().slice(0, 16).replace('T', ' ');
  }
  return String(value ?? '');
}

/** The first matching rule wins, as in Sheets. Handles the two rule shapes a status colouring uses. */
function paintOf(
  rules: Rule[],
  row: number,
  col: number,
  textAt: (col: number) => string,
): { background?: string; fontColor?: string } {
  for (const rule of rules) {
    if (
      !rule
        .getRanges()
        .some(
          (r) =>
            row >= r.getRow() &&
            row < r.getRow() + r.getNumRows() &&
            col >= r.getColumn() &&
            col < r.getColumn() + r.getNumColumns(),
        )
    )
      continue;
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
