// The one door to Apps Script: every service the sheet side uses, as a small interface that
// decides nothing. Handlers are given a Platform; gas/apps-script.ts is the real one, and tests
// hand them a plain in-memory one. Spreadsheet methods note what they cost in priced calls
// (~80 ms each), because a batch must cost a constant number of them whatever its size.

/** What a cell can be given: text already made literal (rows/render.ts), a number, a boolean or a date. */
export type WriteValue = string | number | boolean | Date;

/** A cell's text and where it links to ('' for no link). */
export interface Link {
  text: string;
  url: string;
}

/** A conditional format rule as read back; the platform keeps the native rule behind it. */
export interface FormatRule {
  /** The boolean condition's criteria type (e.g. 'TEXT_EQUAL_TO'), or null for gradients. */
  readonly criteria: string | null;
  readonly values: readonly unknown[];
  readonly ranges: readonly { column: number; columns: number }[];
}

/** A rule we make: cells of `column`, from `fromRow` down, equal to `text` get `background`. */
export interface TextColourRule {
  text: string;
  background: string;
  column: number;
  fromRow: number;
}

/** One rectangle of a tab, obtained with one call. */
export interface Cells {
  /** 1 call. */
  values(): unknown[][];
  /** 1 call. */
  setValues(values: readonly (readonly WriteValue[])[]): void;
  /** One column's texts and links in 1 call (2 when a null asks to keep what a cell shows). */
  setLinks(links: readonly (Link | null)[]): void;
  setNumberFormat(format: string): void;
  setBold(): void;
  /** Whole rows of the rectangle move. */
  sort(column: number, ascending: boolean): void;
}

/** A native chart to draw, as dashboard/layout.ts specifies it: ranges in A1 without the tab name. */
export interface ChartDraw {
  type: 'COLUMN' | 'BAR';
  stacked: boolean;
  title: string;
  ranges: readonly string[];
  anchorRow: number;
  anchorCol: number;
  options: Readonly<Record<string, unknown>>;
}

/** A tab by name. Getting the handle is free; ranges address the tab by name, without a lookup. */
export interface Tab {
  readonly name: string;
  /** 1 call (the lookup, remembered for the methods below that need it). */
  exists(): boolean;
  create(): void;
  /** 1 call; rows null reaches the end of the grid. Throws when the tab is missing or too narrow. */
  range(row: number, column: number, rows: number | null, columns: number): Cells;
  gridColumns(): number;
  gridRows(): number;
  lastRow(): number;
  lastColumn(): number;
  insertRowsAfter(row: number, count: number): void;
  insertColumnsAfter(column: number, count: number): void;
  /** Rows row … row + count − 1 leave the grid and give their cells back: 1 call. */
  deleteRows(row: number, count: number): void;
  /**
   * Shrinks the grid to at most rows × columns (never grows it), giving the cells back: for a tab
   * just created, which Google makes 1,000 × 26 whatever it will hold. 2 to 4 calls.
   */
  fitGrid(rows: number, columns: number): void;
  setColumnWidth(column: number, width: number): void;
  /** These columns, from row 2 to the end of the grid, in 2 calls whatever their number. */
  formatColumns(columns: readonly number[], format: string): void;
  hideColumn(column: number): void;
  freezeRows(count: number): void;
  formatRules(): FormatRule[];
  /** Replaces the tab's rules by `keep` (rules read from this tab) followed by `add`. */
  setFormatRules(keep: readonly FormatRule[], add: readonly TextColourRule[]): void;
  /** The tab's one sheet protection, created when missing. */
  protect(o: { warningOnly: boolean; description: string }): void;
  /**
   * The documented owner-only sequence on the tab's protection; returns the editors it is left
   * with (Apps Script keeps the owner and the user running the script, whoever they are).
   */
  protectOwnerOnly(description: string): string[];
  /** Contents and formats, in 1 call. */
  clear(): void;
  /** A1 areas without the tab name, in 2 calls whatever their number. */
  formatAreas(areas: readonly string[], format: string): void;
  boldAreas(areas: readonly string[]): void;
  /** The title of each native chart on the tab (null when it has none), in 1 call. */
  chartTitles(): (string | null)[];
  /** Builds and inserts a chart: 2 calls, plus 1 per range. */
  insertChart(chart: ChartDraw): void;
}

export interface Workbook {
  /** 1 call. */
  id(): string;
  /** The spreadsheet's time zone (File → Settings), an IANA id. 1 call. */
  timeZone(): string;
  /** The owner's email; null for a file in a shared drive, which has no owner. 2 calls. */
  owner(): string | null;
  tab(name: string): Tab;
  /** 1 call: applies pending writes before the lock is released. */
  flush(): void;
  /** Where a person opens it. 1 call. */
  url(): string;
  /** Every tab's rows × columns, empty cells included, as Google counts them against its limit: 1 + 2 per tab. */
  gridCells(): number;
}

/** Script or User Properties (the source of truth; a daily quota of reads and writes). */
export interface Store {
  get(key: string): string | null;
  all(): Record<string, string>;
  set(key: string, value: string): void;
  delete(key: string): void;
}

/** The script or user cache: may forget anything at any time. */
export interface Cache {
  get(key: string): string | null;
  /** The keys found, with their values, in one call. */
  getAll(keys: readonly string[]): Record<string, string>;
  put(key: string, value: string, ttlSeconds: number): void;
  remove(key: string): void;
}

export interface Crypto {
  /** Lowercase hex HMAC-SHA256 over the UTF-8 bytes of key and message. */
  hmacSha256Hex(key: string, message: string): string;
  /** Lowercase hex SHA-256 of the UTF-8 bytes of text. */
  sha256Hex(text: string): string;
  /** A random v4 UUID. */
  uuid(): string;
}

export interface MenuItem {
  caption: string;
  functionName: string;
}

/** A submenu; a null item is a separator. */
export interface MenuGroup {
  caption: string;
  items: readonly (MenuItem | null)[];
}

export interface DialogSize {
  width: number;
  height: number;
}

/** What a person at the spreadsheet sees. */
export interface Ui {
  /** A null item is a separator. */
  menu(title: string, items: readonly (MenuItem | MenuGroup | null)[]): void;
  alert(title: string, message: string): void;
  toast(message: string, title: string): void;
  /** html/<file>.html with `data`, printed only through <?= ?> (so escaped), in a modal dialog. */
  dialog(file: string, title: string, data: Record<string, unknown>, size: DialogSize): void;
  /** Asks for a line of text; null when the person cancels or closes the prompt. */
  prompt(title: string, message: string): string | null;
  /** Where the person's selection starts, or null when there is none. */
  selection(): { tab: string; row: number } | null;
}

/** Installable time-driven triggers of the project (ScriptApp); each runs as the user who made it. */
export interface Timers {
  /** Whether the user running this has a trigger calling `handler`. */
  has(handler: string): boolean;
  /** Makes one that calls `handler` every `minutes` (1, 5, 10, 15 or 30). */
  everyMinutes(handler: string, minutes: number): void;
}

export interface Platform {
  /** Milliseconds since the epoch. */
  now(): number;
  /** The spreadsheet with this id, or the active one when id is null (throws when there is none). */
  spreadsheet(id: string | null): Workbook;
  /** A new spreadsheet in the running user's Drive (its own 10,000,000-cell budget). */
  createSpreadsheet(name: string): Workbook;
  readonly timers: Timers;
  /** The spreadsheet a person has open; null in a web app or trigger without one. */
  activeSpreadsheet(): Workbook | null;
  /** Shared by every user of the script, and shown to every editor in Project Settings. */
  readonly scriptProperties: Store;
  readonly scriptCache: Cache;
  /** The stores of the user the execution runs as: the owner in the web app, the person clicking in a menu. */
  readonly userProperties: Store;
  readonly userCache: Cache;
  /** That user's email. */
  effectiveUser(): string;
  /** Utilities.formatDate: Java SimpleDateFormat letters, e.g. 'Z' for the zone's offset (+0200). */
  formatDate(instant: Date, timeZone: string, format: string): string;
  /** Runs fn under the script lock, or returns null when it cannot be had within waitMs. */
  withScriptLock<T>(waitMs: number, fn: () => T): T | null;
  readonly crypto: Crypto;
  /** Null where there is no UI (a web app, a trigger). */
  ui(): Ui | null;
}
