// Spreadsheet: its tabs, the user's active sheet and selection, toasts.
import { splitSheetName } from './a1.js';
import type { GasEnv } from './env.js';
import { gasError } from './expose.js';
import type { FakeRange } from './range.js';
import { FakeUser } from './session.js';
import { FakeSheet } from './sheet.js';
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

  constructor(
    readonly env: GasEnv,
    private readonly recorder: UiRecorder,
    private readonly id: string,
    private name = 'Untitled spreadsheet',
  ) {
    this.activeSheet = this.insertSheet('Sheet1');
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
    // The first tab has id 0, as in a new Google spreadsheet; later tabs get large ids.
    const sheet = new FakeSheet(
      this,
      sheetName,
      this.sheetsCreated === 0 ? 0 : 1_000_000_000 + this.sheetsCreated * 7919,
    );
    this.sheetsCreated += 1;
    this.sheets.splice(index ?? this.sheets.length, 0, sheet);
    this.activeSheet = sheet;
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
    return this.inSharedDrive ? null : new FakeUser(this.env.ownerEmail);
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
