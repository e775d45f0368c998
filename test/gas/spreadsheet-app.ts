// The SpreadsheetApp global. The script is bound to one spreadsheet; it may create others
// (SpreadsheetApp.create) and open those by id or URL, as the user who created them.
import type { SpreadsheetDrive } from './drive.js';
import type { GasEnv } from './env.js';
import { gasError } from './expose.js';
import { ProtectionType } from './protection.js';
import type { FakeRange } from './range.js';
import { WrapStrategy } from './range-cells.js';
import { RichTextValueBuilder } from './richtext.js';
import { BooleanCriteria, ConditionalFormatRuleBuilder } from './rules.js';
import { NEW_SHEET_COLUMNS, NEW_SHEET_ROWS, type FakeSheet } from './sheet.js';
import type { FakeSpreadsheet } from './spreadsheet.js';
import { FakeUi, type UiRecorder } from './ui.js';

const SPREADSHEETS_SCOPE = 'https://www.googleapis.com/auth/spreadsheets';

export class FakeSpreadsheetApp {
  private readonly spreadsheet: FakeSpreadsheet;

  constructor(
    private readonly drive: SpreadsheetDrive,
    private readonly env: GasEnv,
    private readonly recorder: UiRecorder,
    private readonly activeInWebApp: boolean,
  ) {
    this.spreadsheet = drive.bound;
  }

  create(name: string, rows?: number, columns?: number): FakeSpreadsheet {
    this.env.requireAuthorized('SpreadsheetApp.create', SPREADSHEETS_SCOPE);
    this.env.requireScope('SpreadsheetApp.create', SPREADSHEETS_SCOPE);
    const size = (n: number | undefined, fallback: number) => (n === undefined ? fallback : Number(n));
    return this.drive.create(String(name), size(rows, NEW_SHEET_ROWS), size(columns, NEW_SHEET_COLUMNS));
  }

  openById(id: string): FakeSpreadsheet {
    this.env.requireAuthorized('SpreadsheetApp.openById', SPREADSHEETS_SCOPE);
    return this.drive.open(String(id));
  }

  openByUrl(url: string): FakeSpreadsheet {
    this.env.requireAuthorized('SpreadsheetApp.openByUrl', SPREADSHEETS_SCOPE);
    const id = /\/d\/([A-Za-z0-9_-]+)/.exec(String(url))?.[1];
    if (id === undefined)
      throw gasError('Unexpected error while getting the method or property openByUrl on object SpreadsheetApp.');
    return this.drive.open(id, 'openByUrl');
  }

  getActiveSpreadsheet(): FakeSpreadsheet | null {
    return this.env.mode === 'webapp' && !this.activeInWebApp ? null : this.spreadsheet;
  }

  getActive(): FakeSpreadsheet | null {
    return this.getActiveSpreadsheet();
  }
  getActiveSheet(): FakeSheet | null {
    return this.getActiveSpreadsheet()?.getActiveSheet() ?? null;
  }

  getActiveRange(): FakeRange | null {
    return this.env.mode === 'webapp' ? null : this.spreadsheet.getActiveRange();
  }

  getUi(): FakeUi {
    if (this.env.mode === 'webapp') throw gasError('Cannot call SpreadsheetApp.getUi() from this context.');
    return new FakeUi(this.recorder);
  }

  flush(): void {}
  newRichTextValue(): RichTextValueBuilder {
    return new RichTextValueBuilder();
  }
  newConditionalFormatRule(): ConditionalFormatRuleBuilder {
    return new ConditionalFormatRuleBuilder();
  }
}

export const SPREADSHEET_APP_ENUMS = {
  ProtectionType,
  WrapStrategy,
  BooleanCriteria,
  Dimension: { COLUMNS: 'COLUMNS', ROWS: 'ROWS' },
  HorizontalAlignment: { LEFT: 'LEFT', CENTER: 'CENTER', NORMAL: 'NORMAL', RIGHT: 'RIGHT' },
  VerticalAlignment: { TOP: 'TOP', MIDDLE: 'MIDDLE', BOTTOM: 'BOTTOM' },
};

export const SPREADSHEET_APP_API = [
  'create',
  'openById',
  'openByUrl',
  'getActiveSpreadsheet',
  'getActive',
  'getActiveSheet',
  'getActiveRange',
  'getUi',
  'flush',
  'newRichTextValue',
  'newConditionalFormatRule',
] as const;
