// One sheet under attack: the real built bundle behind Google's POST → 302 → GET front, batches
// delivered as the relay delivers them, and an editor who is not the owner at the keyboard (their
// edits are made on the grid directly, as the Sheets UI makes them; their menu clicks run as them).
import { expect } from 'vitest';
import type { Batch, Op, Request } from '../../../proto/contract.js';
import { COL } from '../../../appsscript/src/ledger/layout.js';
import { HISTORY_COL } from '../../../appsscript/src/ledger/layout.js';
import type { FakeSheet } from '../../gas/sheet.js';
import { CLUSTER, makeBatch, makeRequest, upsert } from '../fixtures.js';
import { Sheet } from '../harness.js';
import { Front } from '../ledger-http.js';

export const EDITOR = 'editor@example.com';
export const OWNER = 'owner@example.com';

export const approved = (r: Request, author = 'bob'): Request => ({
  ...r,
  state: 'APPROVED',
  reviews: [...r.reviews, { author, state: 'APPROVED', reason: 'ok', created: '2025-11-23T12:30:00.000Z' }],
});

export const denied = (r: Request, author = 'carol'): Request => ({
  ...r,
  state: 'DENIED',
  reviews: [...r.reviews, { author, state: 'DENIED', reason: 'no', created: '2025-11-23T12:40:00.000Z' }],
});

export class Scene {
  private constructor(
    readonly sheet: Sheet,
    readonly front: Front,
  ) {}

  static async open(bundleDir: string): Promise<Scene> {
    const sheet = await Sheet.open(bundleDir);
    return new Scene(sheet, await Front.start(sheet));
  }

  /** One batch through the front, a second later than the last. */
  async deliver(ops: Op[], overrides: Partial<Batch> = {}): Promise<void> {
    this.sheet.advance(1000);
    const reply = await this.front.deliver(makeBatch(ops, overrides));
    expect(reply).toMatchObject({ ok: true });
  }

  /** New requests, delivered; returns them. */
  async requests(n: number, o: Partial<Request> = {}): Promise<Request[]> {
    const made = Array.from({ length: n }, () => makeRequest(o));
    await this.deliver(made.map(upsert));
    return made;
  }

  /** A relay resync: every request again, then the closing sync. */
  async resync(requests: readonly Request[]): Promise<void> {
    await this.deliver([...requests.map(upsert), { op: 'sync', ids: requests.map((r) => r.id) }]);
  }

  main(): FakeSheet {
    return this.sheet.tab()!;
  }

  /** The tab of the newest evidence export by that name (each export is a spreadsheet of its own). */
  exported(name: string): FakeSheet {
    const tab = this.sheet.rt.drive
      .list()
      .filter((ss) => ss !== this.sheet.rt.spreadsheet)
      .map((ss) => ss.getSheetByName(name))
      .filter((t) => t !== null)
      .pop();
    if (!tab) throw new Error(`no exported tab ${name}`);
    return tab;
  }

  history(): FakeSheet {
    return this.sheet.rt.spreadsheet.getSheetByName('History')!;
  }

  /** The main tab's row showing request `id` (1-based rows), from its ID cells. */
  rowsOf(id: string): number[] {
    const rows: number[] = [];
    this.main()
      .values()
      .forEach((row, i) => {
        if (i > 0 && row[COL.id - 1] === id && row[COL.cluster - 1] === CLUSTER) rows.push(i + 1);
      });
    return rows;
  }

  cell(id: string, col: number): unknown {
    const [row] = this.rowsOf(id);
    return this.main().cell(row!, col).value;
  }

  /** What an editor types into a cell of the main tab. */
  type(id: string, col: number, text: string): void {
    const [row] = this.rowsOf(id);
    this.main().getRange(row!, col).setValue(text);
  }

  /** History rows with this key, as [event, by, detail]. */
  events(key: string): string[][] {
    return this.history()
      .values()
      .filter((row) => row[HISTORY_COL.key - 1] === key)
      .map((row) => [row[HISTORY_COL.event - 1], row[HISTORY_COL.by - 1], row[HISTORY_COL.detail - 1]].map(String));
  }

  keyOf(id: string, tail: string): string {
    return `${CLUSTER}/${id}/${tail}`;
  }

  asEditor(item: string): void {
    this.sheet.rt.invokeAs(EDITOR, item, 'menu');
  }

  asOwner(item: string): void {
    this.sheet.menu(item);
  }

  lastAlert(): string {
    return this.sheet.rt.ui.alerts.at(-1)?.prompt ?? '';
  }

  close(): Promise<void> {
    return this.front.close();
  }
}
