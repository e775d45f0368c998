// The SpreadsheetApp global. The script is bound to one spreadsheet; openById opens only that one.
import type { GasEnv } from './env.js';
import { gasError } from './expose.js';
import { ProtectionType } from './protection.js';
import type { FakeRange } from './range.js';
import { WrapStrategy } from './range-cells.js';
import { RichTextValueBuilder } from './richtext.js';
import { BooleanCriteria, ConditionalFormatRuleBuilder } from './rules.js';
import type { FakeSheet } from './sheet.js';
import type { FakeSpreadsheet } from './spreadsheet.js';
import { FakeUi, type UiRecorder } from './ui.js';

const SPREADSHEETS_SCOPE = 'https://www.googleapis.com/auth/spreadsheets';

export class FakeSpreadsheetApp {
  constructor(
    private readonly spreadsheet: FakeSpreadsheet,
    private readonly env: GasEnv,
    private readonly recorder: UiRecorder,
    private readonly activeInWebApp: boolean,
  ) {}

  openById(id: string): FakeSpreadsheet {
    this.env.requireAuthorized('SpreadsheetApp.openById', SPREADSHEETS_SCOPE);
    if (id !== this.spreadsheet.getId())
      throw gasError('Unexpected error while getting the method or property openById on object SpreadsheetApp.');
    return this.spreadsheet;
  }

  openByUrl(url: string): FakeSpreadsheet {
    this.env.requireAuthorized('SpreadsheetApp.openByUrl', SPREADSHEETS_SCOPE);
    if (!String(url).includes(`/d/${this.spreadsheet.getId()}`))
      throw gasError('Unexpected error while getting the method or property openByUrl on object SpreadsheetApp.');
    return this.spreadsheet;
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
