// A plain in-memory spreadsheet behind the platform's Workbook, Tab and Cells: values, links,
// formats, rules and the protection of each tab, and a log of every call so a test can tell what
// a handler touched. It models only what the handlers rely on (no formulas, no typed parsing).
import type {
  Cells,
  ChartDraw,
  FormatRule,
  Link,
  Tab,
  TextColourRule,
  Workbook,
  WriteValue,
} from '../../appsscript/src/gas/platform.js';

const NEW_TAB_ROWS = 1000;
const NEW_TAB_COLUMNS = 26;

interface Cell {
  value: unknown;
  link: string | null;
}

const empty = (): Cell => ({ value: '', link: null });
const filled = (c: Cell) => c.value !== '';

/** 1-based position of the last true, 0 when none. */
function lastFilled(flags: readonly boolean[]): number {
  for (let i = flags.length; i > 0; i--) if (flags[i - 1]) return i;
  return 0;
}

/** What a cell holds once written: a leading apostrophe only marks the text as literal. */
function stored(value: WriteValue): unknown {
  return typeof value === 'string' && value.startsWith("'") ? value.slice(1) : value;
}

/** Blanks sort last either way, as in Sheets. */
function compareCells(a: unknown, b: unknown, ascending: boolean): number {
  if (a === '' || b === '') return (a === '' ? 1 : 0) - (b === '' ? 1 : 0);
  const key = (v: unknown) => (v instanceof Date ? v.getTime() : v) as number | string;
  const [x, y] = [key(a), key(b)];
  const order = x < y ? -1 : x > y ? 1 : 0;
  return ascending ? order : -order;
}

export class MemoryTab {
  grid: Cell[][] = Array.from({ length: NEW_TAB_ROWS }, () => Array.from({ length: NEW_TAB_COLUMNS }, empty));
  rules: FormatRule[] = [];
  protections: { warningOnly: boolean; description: string }[] = [];
  widths = new Map<number, number>();
  hidden = new Set<number>();
  frozenRows = 0;
  numberFormats = new Map<string, string>();
  bold = new Set<string>();
  charts: ChartDraw[] = [];
  /** Who the owner-only protection leaves as editors (the memory platform's user is the owner). */
  editors: string[] | null = null;

  get rows(): number {
    return this.grid.length;
  }

  get columns(): number {
    return this.grid[0]?.length ?? NEW_TAB_COLUMNS;
  }

  cell(row: number, column: number): Cell {
    const cell = this.grid[row - 1]?.[column - 1];
    if (!cell) throw new Error(`no cell ${row},${column}`);
    return cell;
  }

  /** Everything a person could see of the tab, for before/after comparisons. */
  snapshot(): unknown {
    const value = (v: unknown) => (v instanceof Date ? v.toISOString() : v);
    return JSON.stringify({
      grid: this.grid.map((row) => row.map((c) => [value(c.value), c.link])),
      rules: this.rules,
      protections: this.protections,
      widths: [...this.widths],
      hidden: [...this.hidden],
      frozenRows: this.frozenRows,
      numberFormats: [...this.numberFormats],
      bold: [...this.bold],
    });
  }
}

class MemoryCells implements Cells {
  constructor(
    private readonly tab: MemoryTab,
    private readonly log: string[],
    private readonly area: { row: number; column: number; rows: number; columns: number },
  ) {}

  private rowsOf(): Cell[][] {
    const { row, column, rows, columns } = this.area;
    return Array.from({ length: rows }, (_, r) =>
      Array.from({ length: columns }, (_, c) => this.tab.cell(row + r, column + c)),
    );
  }

  values(): unknown[][] {
    this.log.push('Cells.values');
    return this.rowsOf().map((row) => row.map((c) => c.value));
  }

  setValues(values: readonly (readonly WriteValue[])[]): void {
    this.log.push('Cells.setValues');
    const { rows, columns } = this.area;
    if (values.length !== rows || values.some((v) => v.length !== columns)) throw new Error('size mismatch');
    this.rowsOf().forEach((row, r) =>
      row.forEach((c, i) => {
        c.value = stored(values[r]![i]!);
        c.link = null;
      }),
    );
  }

  setLinks(links: readonly (Link | null)[]): void {
    this.log.push('Cells.setLinks');
    if (this.area.columns !== 1 || links.length !== this.area.rows) throw new Error('size mismatch');
    this.rowsOf().forEach(([c], i) => {
      const link = links[i];
      if (!link) return;
      c!.value = link.text;
      c!.link = link.url === '' ? null : link.url;
    });
  }

  private key(): string {
    const { row, column, rows, columns } = this.area;
    return `${row},${column},${rows},${columns}`;
  }

  setNumberFormat(format: string): void {
    this.log.push('Cells.setNumberFormat');
    this.tab.numberFormats.set(this.key(), format);
  }

  setBold(): void {
    this.log.push('Cells.setBold');
    this.tab.bold.add(this.key());
  }

  sort(column: number, ascending: boolean): void {
    this.log.push('Cells.sort');
    const { row, rows } = this.area;
    const moved = this.tab.grid.slice(row - 1, row - 1 + rows);
    moved.sort((a, b) => compareCells(a[column - 1]!.value, b[column - 1]!.value, ascending));
    this.tab.grid.splice(row - 1, rows, ...moved);
  }
}

class MemoryTabHandle implements Tab {
  constructor(
    private readonly book: MemoryWorkbook,
    readonly name: string,
  ) {}

  private call(method: string): MemoryTab {
    this.book.log.push(`Tab.${method}`);
    const tab = this.book.tabs.get(this.name);
    if (!tab) throw new Error(`no tab named ${this.name}`);
    return tab;
  }

  exists(): boolean {
    this.book.log.push('Tab.exists');
    return this.book.tabs.has(this.name);
  }

  create(): void {
    this.book.log.push('Tab.create');
    this.book.tabs.set(this.name, new MemoryTab());
  }

  range(row: number, column: number, rows: number | null, columns: number): Cells {
    const tab = this.call('range');
    const area = { row, column, rows: rows ?? tab.rows - row + 1, columns };
    if (row < 1 || column < 1 || row + area.rows - 1 > tab.rows || column + columns - 1 > tab.columns) {
      throw new Error('range outside the grid');
    }
    return new MemoryCells(tab, this.book.log, area);
  }

  gridColumns = () => this.call('gridColumns').columns;
  gridRows = () => this.call('gridRows').rows;
  lastRow = () => lastFilled(this.call('lastRow').grid.map((row) => row.some(filled)));
  lastColumn = () => Math.max(0, ...this.call('lastColumn').grid.map((row) => lastFilled(row.map(filled))));

  insertRowsAfter(row: number, count: number): void {
    const tab = this.call('insertRowsAfter');
    const added = Array.from({ length: count }, () => Array.from({ length: tab.columns }, empty));
    tab.grid.splice(row, 0, ...added);
  }

  insertColumnsAfter(column: number, count: number): void {
    const tab = this.call('insertColumnsAfter');
    for (const row of tab.grid) row.splice(column, 0, ...Array.from({ length: count }, empty));
  }

  deleteRows = (row: number, count: number) => void this.call('deleteRows').grid.splice(row - 1, count);

  fitGrid(rows: number, columns: number): void {
    const tab = this.call('fitGrid');
    tab.grid = tab.grid.slice(0, rows).map((row) => row.slice(0, columns));
  }

  setColumnWidth = (column: number, width: number) => void this.call('setColumnWidth').widths.set(column, width);
  formatColumns(columns: readonly number[], format: string): void {
    const tab = this.call('formatColumns');
    for (const column of columns) tab.numberFormats.set(`2,${column},-,1`, format);
  }

  hideColumn = (column: number) => void this.call('hideColumn').hidden.add(column);
  freezeRows = (count: number) => void (this.call('freezeRows').frozenRows = count);
  formatRules = () => [...this.call('formatRules').rules];

  setFormatRules(keep: readonly FormatRule[], add: readonly TextColourRule[]): void {
    const ours = add.map((r) => ({
      criteria: 'TEXT_EQUAL_TO',
      values: [r.text],
      ranges: [{ column: r.column, columns: 1 }],
      background: r.background,
    }));
    this.call('setFormatRules').rules = [...keep, ...ours];
  }

  protect(o: { warningOnly: boolean; description: string }): void {
    const tab = this.call('protect');
    tab.protections = [{ ...o }];
  }

  protectOwnerOnly(description: string): string[] {
    const tab = this.call('protectOwnerOnly');
    tab.protections = [{ warningOnly: false, description }];
    return (tab.editors = [this.book.ownerEmail ?? '']);
  }

  clear(): void {
    const tab = this.call('clear');
    tab.grid = tab.grid.map((row) => row.map(empty));
    tab.numberFormats.clear();
    tab.bold.clear();
  }

  formatAreas(areas: readonly string[], format: string): void {
    const tab = this.call('formatAreas');
    for (const area of areas) tab.numberFormats.set(area, format);
  }

  boldAreas(areas: readonly string[]): void {
    const tab = this.call('boldAreas');
    for (const area of areas) tab.bold.add(area);
  }

  chartTitles = () => this.call('chartTitles').charts.map((c) => c.title);
  insertChart = (chart: ChartDraw) => void this.call('insertChart').charts.push({ ...chart });
}

export class MemoryWorkbook implements Workbook {
  readonly tabs = new Map<string, MemoryTab>();
  /** Every call made through the platform, in order ("Tab.range", "Cells.setValues", …). */
  readonly log: string[] = [];

  /** The owner's email; null for a spreadsheet in a shared drive. */
  ownerEmail: string | null = 'owner@example.com';
  zone = 'Etc/UTC';

  constructor(private readonly spreadsheetId: string) {}

  timeZone(): string {
    this.log.push('Workbook.timeZone');
    return this.zone;
  }

  id(): string {
    this.log.push('Workbook.id');
    return this.spreadsheetId;
  }

  owner(): string | null {
    this.log.push('Workbook.owner');
    return this.ownerEmail;
  }

  tab(name: string): Tab {
    return new MemoryTabHandle(this, name);
  }

  flush(): void {
    this.log.push('Workbook.flush');
  }

  url = () => `https://docs.google.com/spreadsheets/d/${this.spreadsheetId}/edit`;
  gridCells = () => [...this.tabs.values()].reduce((sum, tab) => sum + tab.rows * tab.columns, 0);
}
