// The requests tab through the platform. Every spreadsheet call is priced, so a batch costs the
// same handful whatever its size — open, read the Version column, maybe read the span, write the
// span, write its links, flush; a few more for each further block of rows far apart, and one to
// grow the grid. A layout-1 or layout-2 tab is converted in place the first time a batch or
// Reformat meets it (contract §8, §14). A new tab is as wide as its columns and grows in steps
// proportional to it (contract §12).
import { SHEET_NAME } from '../../../proto/contract.js';
import { COLUMN_COUNT, COLUMN_WIDTHS, DATE_COLUMNS, DURATION_COLUMNS } from '../rows/columns.js';
import { composeBlock } from '../rows/compose.js';
import { NEW_TAB_ROWS } from '../capacity/grid-size.js';
import { grow, type RoomStores } from '../capacity/room.js';
import type { Tab, Workbook } from '../gas/platform.js';
import { PROTECTION_NOTE, columnInsertions, isStatusRule, relinks, sortArea, statusRules } from '../rows/layout.js';
import {
  COL,
  COUNT_FORMAT,
  DATE_TIME_FORMAT,
  detectLayout,
  DURATION_FORMAT,
  HEADERS,
  upgradeInserts,
} from '../ledger/layout.js';
import type { Plan } from '../rows/plan.js';
import { literal } from '../rows/render.js';
import type { Identity } from '../rows/row-index.js';
import type { Mac } from '../rows/rowmeta.js';

export class UnknownLayoutError extends Error {
  readonly code = 'unknown_layout';
}

/** Applied when the tab is created and by Reformat, so that running it again changes nothing more. */
function layout(tab: Tab): void {
  const header = tab.range(1, 1, 1, COLUMN_COUNT);
  header.setValues([HEADERS.map((h) => literal(h))]);
  header.setBold();
  tab.freezeRows(1);
  COLUMN_WIDTHS.forEach((width, i) => tab.setColumnWidth(i + 1, width));
  tab.formatColumns(DATE_COLUMNS, DATE_TIME_FORMAT);
  tab.formatColumns(DURATION_COLUMNS, DURATION_FORMAT);
  tab.formatColumns([COL.sessions], COUNT_FORMAT);
  tab.hideColumn(COL.version);
  tab.setFormatRules(
    tab.formatRules().filter((rule) => !isStatusRule(rule)),
    statusRules(),
  );
  tab.protect({ warningOnly: true, description: PROTECTION_NOTE });
}

/**
 * Layout 1 or 2 → 3: columns inserted (every cell, the protection, the rules, filters and people's
 * own columns move with them), the new headers and formats set; no row is rewritten. The hidden
 * Version column moves (16 or 21 → 26); hiding it again costs one call and does not depend on how
 * Sheets moved it.
 */
function upgrade(tab: Tab, from: 'layout1' | 'layout2'): void {
  for (const insert of upgradeInserts(from)) tab.insertColumnsAfter(insert.after, insert.count);
  tab.range(1, 1, 1, COLUMN_COUNT).setValues([HEADERS.map((h) => literal(h))]);
  const dates = [COL.assumed, COL.firstUsed, COL.lastUsed];
  tab.formatColumns(from === 'layout1' ? [COL.decided, COL.accessStarts, ...dates] : dates, DATE_TIME_FORMAT);
  if (from === 'layout1') tab.formatColumns(DURATION_COLUMNS, DURATION_FORMAT);
  tab.formatColumns([COL.sessions], COUNT_FORMAT);
  tab.hideColumn(COL.version);
}

/**
 * Makes the tab layout 3 when it is missing, blank, layout 1 or layout 2, and tells which it did:
 * 'upgraded' when an older layout was converted. A tab it does not recognise is never written over.
 */
export function ensureTab(wb: Workbook): 'ready' | 'created' | 'upgraded' {
  const tab = wb.tab(SHEET_NAME);
  if (!tab.exists()) {
    tab.create();
    tab.fitGrid(NEW_TAB_ROWS, COLUMN_COUNT);
    layout(tab);
    return 'created';
  }
  const width = tab.gridColumns();
  const header = tab.range(1, 1, 1, width).values()[0] ?? [];
  const found = detectLayout(header);
  switch (found) {
    case 'layout3':
      return 'ready';
    case 'layout1':
    case 'layout2':
      upgrade(tab, found);
      return 'upgraded';
    case 'new':
      for (const { after, count } of columnInsertions(width)) tab.insertColumnsAfter(after, count);
      layout(tab);
      return 'created';
    case 'unknown':
      throw new UnknownLayoutError('the requests tab has headers this script does not know');
  }
}

/**
 * The Version column from row 1 to the end of the grid (its length is the grid's row count). The
 * layout is checked only when its header is not where layout 3 puts it.
 */
export function readVersionColumn(wb: Workbook, onUpgrade: () => void): unknown[] {
  const read = () => wb.tab(SHEET_NAME).range(1, COL.version, null, 1).values();
  let values: unknown[][] | null = null;
  try {
    values = read();
  } catch {
    // The tab is missing or narrower than layout 3; anything else repeats below and propagates.
  }
  if (values === null || values[0]?.[0] !== HEADERS[COL.version - 1]) {
    if (ensureTab(wb) === 'upgraded') onUpgrade();
    values = read();
  }
  return values.map((row) => row[0]);
}

/** The ID and Cluster columns, read only when the Version cells cannot say which row is whose. */
export function readIdentityCells(wb: Workbook): Pick<Identity, 'ids' | 'clusters'> {
  const column = (col: number) =>
    wb
      .tab(SHEET_NAME)
      .range(1, col, null, 1)
      .values()
      .map((row) => row[0]);
  return { ids: column(COL.id), clusters: column(COL.cluster) };
}

/** The rows the plan's block needs, added before anything of the batch is written (full: nothing is). */
export function growForPlan(p: RoomStores, wb: Workbook, plan: Plan): void {
  if (plan.growBy === 0) return;
  const tab = wb.tab(SHEET_NAME);
  grow(p, wb, plan.growBy * COLUMN_COUNT, () => tab.insertRowsAfter(plan.gridRows, plan.growBy));
}

/** Writes the plan's blocks (its rows grown first): each one's values, then its Link column as rich text. */
export function applyPlan(wb: Workbook, plan: Plan, now: Date, mac: Mac): void {
  const tab = wb.tab(SHEET_NAME);
  for (const run of plan.runs) {
    const rows = run.last - run.first + 1;
    const range = tab.range(run.first, plan.fromColumn, rows, COLUMN_COUNT - plan.fromColumn + 1);
    const block = composeBlock(plan, run, run.needsRead ? range.values() : null, now, mac);
    range.setValues(block.values);
    if (block.links) tab.range(run.first, COL.link, rows, 1).setLinks(block.links);
  }
}

/** Reformat: the layout again, rows newest first, and every link rebuilt from a sealed Version cell. */
export function reformat(wb: Workbook, mac: Mac, webUrls: Readonly<Record<string, string>>): 'ready' | 'upgraded' {
  const made = ensureTab(wb);
  const tab = wb.tab(SHEET_NAME);
  layout(tab);
  const area = sortArea(tab.lastRow(), tab.lastColumn());
  if (area) tab.range(2, 1, area.rows, area.columns).sort(COL.created, false);
  const last = tab.lastRow();
  if (last >= 2) {
    const column = (col: number) =>
      tab
        .range(2, col, last - 1, 1)
        .values()
        .map((row) => row[0]);
    const rows = { ids: column(COL.id), clusters: column(COL.cluster), versions: column(COL.version) };
    tab.range(2, COL.link, last - 1, 1).setLinks(relinks(rows, mac, webUrls));
  }
  return made === 'upgraded' ? 'upgraded' : 'ready';
}
