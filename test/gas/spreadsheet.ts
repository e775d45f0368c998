// Spreadsheet: its tabs, the user's active sheet and selection, toasts, and the grid cells its tabs
// take against Google's limit.
import { splitSheetName } from './a1.js';
import { GRID_LIMIT_CELLS } from './cost-model.js';
import type { GasEnv } from './env.js';
import { gasError } from './expose.js';
import type { FakeRange } from './range.js';
import { FakeUser } from './session.js';
import { FakeSheet, NEW_SHEET_COLUMNS, NEW_SHEET_ROWS } from './sheet.js';
import type { UiRecorder } from './ui.js';

const MAX_SHEETS = 200;

export class FakeSpreadsheet {
  private readonly sheets: FakeSheet[] = [];
  private sheetsCreated = 0;
  private activeSheet: FakeSheet;
  private activeRange: FakeRange | null = null;
  private timeZone: string | null = null;
  /** A file in a shared drive has no owner (getOwner() → null). */
  inSharedDrive = false;
  /** Grid cells all tabs may take together; tests lower it to stand a spreadsheet near its limit. */
  cellLimit = GRID_LIMIT_CELLS;

  constructor(
    readonly env: GasEnv,
    private readonly recorder: UiRecorder,
    private readonly id: string,
    private name = 'Untitled spreadsheet',
    first: { rows: number; columns: number } = { rows: NEW_SHEET_ROWS, columns: NEW_SHEET_COLUMNS },
    private readonly owner = env.ownerEmail,
  ) {
    this.makeRoom(first.rows * first.columns);
    this.activeSheet = this.addSheet('Sheet1', this.sheets.length, first);
  }

  /** Every tab's getMaxRows() × getMaxColumns(), empty cells included, as Google counts them. */
  gridCells(): number {
    return this.sheets.reduce((sum, s) => sum + s.grid.cells, 0);
  }

  /** Google refuses a growth that would pass the limit, whole; the message names the limit in force. */
  makeRoom(cells: number): void {
    if (this.gridCells() + cells > this.cellLimit)
      throw gasError(
        `This action would increase the number of cells in the workbook above the limit of ${this.cellLimit} cells.`,
      );
  }

  getId(): string {
    return this.id;
  }
  getName(): string {
    return this.name;
  }
  getUrl(): string {
    return `https://docs.google.com/spreadsheets/d/${this.id}/edit`;
  }
  getSpreadsheetTimeZone(): string {
    return this.timeZone ?? this.env.timeZone;
  }
  /** Which ids Sheets accepts is not established: any is kept, and formatDate judges it when used. */
  setSpreadsheetTimeZone(timezone: string): void {
    this.timeZone = String(timezone);
  }
  getSheets(): FakeSheet[] {
    return [...this.sheets];
  }
  getNumSheets(): number {
    return this.sheets.length;
  }
  getSheetByName(name: string): FakeSheet | null {
    return this.sheets.find((s) => s.getName() === name) ?? null;
  }
  getSheetById(id: number): FakeSheet | null {
    return this.sheets.find((s) => s.getSheetId() === id) ?? null;
  }

  insertSheet(name?: string, index?: number): FakeSheet {
    if (this.sheets.length >= MAX_SHEETS)
      throw gasError(
        `This action would increase the number of sheets in the workbook above the limit of ${MAX_SHEETS}.`,
      );
    const sheetName = name === undefined ? `Sheet${this.sheets.length + 1}` : String(name);
    this.checkFreeName(sheetName);
    this.makeRoom(NEW_SHEET_ROWS * NEW_SHEET_COLUMNS);
    this.activeSheet = this.addSheet(sheetName, index ?? this.sheets.length, {
      rows: NEW_SHEET_ROWS,
      columns: NEW_SHEET_COLUMNS,
    });
    return this.activeSheet;
  }

  private addSheet(name: string, index: number, size: { rows: number; columns: number }): FakeSheet {
    // The first tab has id 0, as in a new Google spreadsheet; later tabs get large ids.
    const id = this.sheetsCreated === 0 ? 0 : 1_000_000_000 + this.sheetsCreated * 7919;
    const sheet = new FakeSheet(this, name, id, size);
    this.sheetsCreated += 1;
    this.sheets.splice(index, 0, sheet);
    return sheet;
  }

  deleteSheet(sheet: FakeSheet): void {
    if (this.sheets.length === 1) throw gasError("You can't remove all the sheets in a document.");
    this.sheets.splice(this.sheets.indexOf(sheet), 1);
    if (this.activeSheet === sheet) this.activeSheet = this.sheets[0]!;
  }

  renameSheet(sheet: FakeSheet, name: string): void {
    if (sheet.getName() !== name) this.checkFreeName(name);
  }

  private checkFreeName(name: string): void {
    if (this.sheets.some((s) => s.getName().toLowerCase() === name.toLowerCase())) {
      throw gasError(`A sheet with the name "${name}" already exists. Please enter another name.`);
    }
  }

  getActiveSheet(): FakeSheet {
    return this.activeSheet;
  }
  setActiveSheet(sheet: FakeSheet): FakeSheet {
    this.activeSheet = sheet;
    this.activeRange = null;
    return sheet;
  }
  getActiveRange(): FakeRange | null {
    return this.activeRange;
  }
  getActiveCell(): FakeRange | null {
    return this.activeRange?.getCell(1, 1) ?? null;
  }

  setActiveRangeTo(range: FakeRange): void {
    this.activeSheet = range.getSheet();
    this.activeRange = range;
  }

  getRange(a1: string): FakeRange {
    const { sheet, range } = splitSheetName(String(a1));
    const target = sheet === null ? this.activeSheet : this.getSheetByName(sheet);
    if (!target) throw gasError('Range not found');
    return target.getRange(range);
  }

  getOwner(): FakeUser | null {
    return this.inSharedDrive ? null : new FakeUser(this.owner);
  }

  getRangeByName(): null {
    return null;
  }

  toast(msg: string, title?: string): void {
    this.recorder.toasts.push({ message: String(msg), title: title === undefined ? '' : String(title) });
  }
}

export const SPREADSHEET_API = [
  'getId',
  'getName',
  'getUrl',
  'getSpreadsheetTimeZone',
  'setSpreadsheetTimeZone',
  'getSheets',
  'getNumSheets',
  'getSheetByName',
  'getSheetById',
  'insertSheet',
  'deleteSheet',
  'getActiveSheet',
  'setActiveSheet',
  'getActiveRange',
  'getActiveCell',
  'getRange',
  'getRangeByName',
  'getOwner',
  'toast',
] as const;
