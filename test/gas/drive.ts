// The spreadsheets the script can open: the one it is bound to (every editor's), and those it makes
// with SpreadsheetApp.create, each in the Drive of the user it ran as, with its own grid budget,
// reopened by id in later executions.
import { randomBytes } from 'node:crypto';
import type { GasEnv } from './env.js';
import { gasError } from './expose.js';
import { FakeSpreadsheet } from './spreadsheet.js';
import type { UiRecorder } from './ui.js';

export class SpreadsheetDrive {
  private readonly created = new Map<string, { spreadsheet: FakeSpreadsheet; owner: string }>();

  constructor(
    private readonly env: GasEnv,
    private readonly recorder: UiRecorder,
    readonly bound: FakeSpreadsheet,
  ) {}

  create(name: string, rows: number, columns: number): FakeSpreadsheet {
    if (!(rows >= 1 && columns >= 1)) throw gasError('Invalid argument: rows and columns must be at least 1.');
    const id = randomBytes(33).toString('base64url');
    const spreadsheet = new FakeSpreadsheet(this.env, this.recorder, id, name, { rows, columns }, this.env.user);
    this.created.set(id, { spreadsheet, owner: this.env.user });
    return spreadsheet;
  }

  /** What openById gives the current user: the bound spreadsheet, or one they created. */
  open(id: string, method: 'openById' | 'openByUrl' = 'openById'): FakeSpreadsheet {
    if (id === this.bound.getId()) return this.bound;
    const file = this.created.get(id);
    if (!file)
      throw gasError(`Unexpected error while getting the method or property ${method} on object SpreadsheetApp.`);
    if (file.owner !== this.env.user) throw gasError('You do not have permission to access the requested document.');
    return file.spreadsheet;
  }

  /** Test inspection: a spreadsheet by id, whoever made it. */
  byId(id: string): FakeSpreadsheet | null {
    return id === this.bound.getId() ? this.bound : (this.created.get(id)?.spreadsheet ?? null);
  }

  /** Test inspection: the spreadsheets the script created, oldest first. */
  list(): FakeSpreadsheet[] {
    return [...this.created.values()].map((f) => f.spreadsheet);
  }
}
