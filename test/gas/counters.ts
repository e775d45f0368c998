// Counts spreadsheet service calls the way the cost model prices them: one per method call on
// SpreadsheetApp, Spreadsheet, Sheet, Range, RangeList and Protection, plus the cells moved and
// the modelled seconds (cost-model.ts) they took.
// The value builders SpreadsheetApp hands out make no round trip to Sheets, so they are free.
const LOCAL_BUILDERS = new Set(['newRichTextValue', 'newConditionalFormatRule', 'newTextStyle', 'newDataValidation']);

export class CallCounters {
  calls = 0;
  cellsRead = 0;
  cellsWritten = 0;
  byMethod: Record<string, number> = {};
  /** Every priced call since the last reset, in order ("Range.setValues"). */
  sequence: string[] = [];
  seconds = 0;
  secondsByMethod: Record<string, number> = {};

  /** Whether the call is priced (a round trip to Sheets). */
  call(className: string, method: string): boolean {
    if (LOCAL_BUILDERS.has(method)) return false;
    this.calls += 1;
    const key = `${className}.${method}`;
    this.byMethod[key] = (this.byMethod[key] ?? 0) + 1;
    this.sequence.push(key);
    return true;
  }

  spent(className: string, method: string, seconds: number): void {
    this.seconds += seconds;
    const key = `${className}.${method}`;
    this.secondsByMethod[key] = (this.secondsByMethod[key] ?? 0) + seconds;
  }

  read(cells: number): void {
    this.cellsRead += cells;
  }

  wrote(cells: number): void {
    this.cellsWritten += cells;
  }

  reset(): void {
    this.calls = 0;
    this.cellsRead = 0;
    this.cellsWritten = 0;
    this.byMethod = {};
    this.sequence = [];
    this.seconds = 0;
    this.secondsByMethod = {};
  }
}
