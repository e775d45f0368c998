// Workbook, Tab and Cells over SpreadsheetApp. A tab is addressed by its name in A1 notation
// until something needs the Sheet object, so the web app's data path never pays for a lookup.
import { insertChart } from './charts.js';
import type { Cells, ChartDraw, FormatRule, Link, Tab, TextColourRule, WriteValue, Workbook } from './platform.js';

type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;
type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type Range = GoogleAppsScript.Spreadsheet.Range;
type Rule = GoogleAppsScript.Spreadsheet.ConditionalFormatRule;

interface NativeRule extends FormatRule {
  readonly native: Rule;
}

function letters(column: number): string {
  let s = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function a1(row: number, column: number, rows: number | null, columns: number): string {
  const end = rows === null ? '' : String(row + rows - 1);
  return `${letters(column)}${row}:${letters(column + columns - 1)}${end}`;
}

function cells(range: Range): Cells {
  return {
    values: () => range.getValues(),
    setValues: (values) => void range.setValues(values as WriteValue[][]),
    setLinks: (links) => setLinks(range, links),
    setNumberFormat: (format) => void range.setNumberFormat(format),
    setBold: () => void range.setFontWeight('bold'),
    sort: (column, ascending) => void range.sort({ column, ascending }),
  };
}

/** Rich text is the only way to write a link; one builder serves every row. */
function setLinks(range: Range, links: readonly (Link | null)[]): void {
  const shown = links.includes(null) ? range.getRichTextValues() : null;
  const plain = SpreadsheetApp.newRichTextValue().setText('').build();
  range.setRichTextValues(
    links.map((link, i) => {
      if (!link) return [shown![i]![0]!];
      const builder = plain.copy().setText(link.text);
      return [(link.url === '' ? builder : builder.setLinkUrl(link.url)).build()];
    }),
  );
}

function readRule(rule: Rule): NativeRule {
  const condition = rule.getBooleanCondition();
  return {
    native: rule,
    criteria: condition ? String(condition.getCriteriaType()) : null,
    values: condition ? condition.getCriteriaValues() : [],
    ranges: rule.getRanges().map((r) => ({ column: r.getColumn(), columns: r.getNumColumns() })),
  };
}

class SheetTab implements Tab {
  private sheet: Sheet | null = null;

  constructor(
    private readonly ss: Spreadsheet,
    readonly name: string,
  ) {}

  private get found(): Sheet {
    this.sheet ??= this.ss.getSheetByName(this.name);
    if (!this.sheet) throw new Error('tab not found');
    return this.sheet;
  }

  exists(): boolean {
    this.sheet ??= this.ss.getSheetByName(this.name);
    return this.sheet !== null;
  }

  create(): void {
    this.sheet = this.ss.insertSheet(this.name);
  }

  range(row: number, column: number, rows: number | null, columns: number): Cells {
    const area = a1(row, column, rows, columns);
    if (this.sheet) return cells(this.sheet.getRange(area));
    return cells(this.ss.getRange(this.qualified(area)));
  }

  gridColumns = () => this.found.getMaxColumns();
  gridRows = () => this.found.getMaxRows();
  lastRow = () => this.found.getLastRow();
  lastColumn = () => this.found.getLastColumn();
  insertRowsAfter = (row: number, count: number) => void this.found.insertRowsAfter(row, count);
  insertColumnsAfter = (column: number, count: number) => void this.found.insertColumnsAfter(column, count);
  deleteRows = (row: number, count: number) => void this.found.deleteRows(row, count);

  fitGrid(rows: number, columns: number): void {
    const sheet = this.found;
    const [gridRows, gridColumns] = [sheet.getMaxRows(), sheet.getMaxColumns()];
    if (gridRows > rows) sheet.deleteRows(rows + 1, gridRows - rows);
    if (gridColumns > columns) sheet.deleteColumns(columns + 1, gridColumns - columns);
  }
  setColumnWidth = (column: number, width: number) => void this.found.setColumnWidth(column, width);

  formatColumns(columns: readonly number[], format: string): void {
    const areas = columns.map((c) => a1(2, c, null, 1));
    this.found.getRangeList(areas).setNumberFormat(format);
  }

  private qualified(area: string): string {
    return `'${this.name.replace(/'/g, "''")}'!${area}`;
  }
  hideColumn = (column: number) => void this.found.hideColumns(column);
  freezeRows = (count: number) => void this.found.setFrozenRows(count);
  formatRules = () => this.found.getConditionalFormatRules().map(readRule);

  setFormatRules(keep: readonly FormatRule[], add: readonly TextColourRule[]): void {
    const sheet = this.found;
    const ranges = new Map<string, Range>();
    const rangeOf = (r: TextColourRule): Range => {
      const area = a1(r.fromRow, r.column, null, 1);
      if (!ranges.has(area)) ranges.set(area, sheet.getRange(area));
      return ranges.get(area)!;
    };
    const built = add.map((r) =>
      SpreadsheetApp.newConditionalFormatRule()
        .whenTextEqualTo(r.text)
        .setBackground(r.background)
        .setRanges([rangeOf(r)])
        .build(),
    );
    sheet.setConditionalFormatRules([...keep.map((r) => (r as NativeRule).native), ...built]);
  }

  protect(o: { warningOnly: boolean; description: string }): void {
    const protection = this.found.protect();
    protection.setWarningOnly(o.warningOnly);
    protection.setDescription(o.description);
  }

  protectOwnerOnly(description: string): string[] {
    const protection = this.found.protect().setDescription(description).setWarningOnly(false);
    // Without adding ourselves first, removing a group we edit through would throw.
    protection.addEditor(Session.getEffectiveUser());
    protection.removeEditors(protection.getEditors());
    if (protection.canDomainEdit()) protection.setDomainEdit(false);
    return protection.getEditors().map((user) => user.getEmail());
  }

  clear = () => void this.found.clear();
  formatAreas = (areas: readonly string[], format: string) =>
    void this.found.getRangeList([...areas]).setNumberFormat(format);
  boldAreas = (areas: readonly string[]) => void this.found.getRangeList([...areas]).setFontWeight('bold');

  chartTitles(): (string | null)[] {
    return this.found.getCharts().map((chart) => {
      const title: unknown = chart.getOptions().get('title');
      return typeof title === 'string' ? title : null;
    });
  }

  insertChart = (chart: ChartDraw) => insertChart(this.found, chart);
}

export function workbook(ss: Spreadsheet): Workbook {
  return {
    id: () => ss.getId(),
    timeZone: () => ss.getSpreadsheetTimeZone(),
    owner: () => ss.getOwner()?.getEmail() ?? null,
    tab: (name) => new SheetTab(ss, name),
    flush: () => SpreadsheetApp.flush(),
    url: () => ss.getUrl(),
    gridCells: () => ss.getSheets().reduce((sum, sheet) => sum + sheet.getMaxRows() * sheet.getMaxColumns(), 0),
  };
}
