// A layout-1 tab written by the script as it was, with a column someone added after Version and a
// filter on the header, converted in place by the first batch of the new script (contract §8):
// every cell kept, columns inserted not rows rewritten, resync asked once, the new cells filled
// by the resync without a second row for any request.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Request } from '../../proto/contract.js';
import { COL, LAYOUT1_HEADERS, LAYOUT2_HEADERS } from '../../appsscript/src/ledger/layout.js';
import { makeBatch, makeRequest, upsert } from './fixtures.js';
import { Sheet, buildBundle } from './harness.js';
import { LAYOUT1_BUNDLE_DIR } from './layout1-bundle.js';

const ROWS = 3000;
const OLD_COL = Object.fromEntries(LAYOUT1_HEADERS.map((h, i) => [h, i + 1])) as Record<string, number>;

let bundle: ReturnType<typeof buildBundle>;
beforeAll(() => {
  bundle = buildBundle();
});
afterAll(() => bundle.remove());

function decided(r: Request, i: number): Request {
  if (i % 3 !== 0) return r;
  const review = { author: `rev-${i}`, state: 'APPROVED' as const, reason: '', created: '2025-11-23T12:30:00.000Z' };
  return { ...r, state: 'APPROVED', reviews: [review], resolveReason: 'ok' };
}

describe('upgrading a layout-1 tab', () => {
  let sheet: Sheet;
  let requests: Request[];
  let before: unknown[][];

  beforeAll(async () => {
    sheet = await Sheet.open(LAYOUT1_BUNDLE_DIR, { secretIn: 'script' });
    requests = Array.from({ length: ROWS }, (_, i) => decided(makeRequest({ user: `user-${i}` }), i));
    for (let i = 0; i < ROWS; i += 500) {
      expect(sheet.post(makeBatch(requests.slice(i, i + 500).map(upsert)))).toMatchObject({ ok: true });
    }
    expect(sheet.post(makeBatch([{ op: 'delete', id: requests[1]!.id }]))).toMatchObject({ ok: true });
    const tab = sheet.tab()!;
    tab.getRange(1, 17, 3, 1).setValues([['Notes'], ['call back'], ['42']]);
    tab.getRange(1, 1, ROWS + 1, 17).createFilter();
    before = tab.values();
    await sheet.rt.deploy(bundle.dir);
    // The first version with the replay record refuses POSTs as busy while one the old version
    // accepted could still be replayed (docs/operating.md: upgrading the sheet).
    const at = () => new Date(sheet.nowMs).toISOString();
    expect(sheet.post(makeBatch([{ op: 'heartbeat', at: at() }]))).toMatchObject({ ok: false, error: 'busy' });
    sheet.advance(7 * 60_000);
    // The first batch the new version accepts also builds the Dashboard, due for its first refresh.
    expect(sheet.post(makeBatch([{ op: 'heartbeat', at: at() }]))).toMatchObject({ ok: true });
  });

  it('converts the tab in place with a handful of calls, once, and asks for a resync once', () => {
    sheet.rt.counters.reset();
    const reply = sheet.post(makeBatch([{ op: 'heartbeat', at: new Date(sheet.nowMs).toISOString() }]));
    expect(reply).toMatchObject({ ok: true, resync: false });
    expect(sheet.rt.counters.calls).toBe(0);
    const first = makeRequest();
    expect(sheet.post(makeBatch([upsert(first)]))).toMatchObject({ ok: true, applied: 1, resync: true });
    const inserts = sheet.rt.counters.byMethod['Sheet.insertColumnsAfter'];
    expect(inserts).toBe(3);
    // 17 for the conversion (find it, 3 inserts, header, formats, hide), 24 to create the History
    // tab this first batch needs, and the batch's own 10.
    expect(sheet.rt.counters.calls).toBe(17 + 24 + 10);
    sheet.rt.counters.reset();
    expect(sheet.post(makeBatch([upsert(makeRequest())]))).toMatchObject({ ok: true, resync: false });
    expect(sheet.rt.counters.byMethod['Sheet.insertColumnsAfter']).toBeUndefined();
  });

  it('keeps every cell, moved to its layout-2 column, and the added column after Version', () => {
    const tab = sheet.tab()!;
    const after = tab.values();
    expect(after[0]!.slice(0, 22)).toEqual([...LAYOUT2_HEADERS, 'Notes']);
    for (let row = 1; row <= ROWS; row++) {
      const moved = LAYOUT1_HEADERS.map((h) => after[row]![(COL as Record<string, number>)[key(h)]! - 1]);
      expect(moved).toEqual(before[row]!.slice(0, 16));
      expect(after[row]![21]).toEqual(before[row]![16]);
    }
    expect(tab.cell(3, 22).value).toBe(42);
    expect(tab.cell(2, COL.link).link).toMatch(/^https:/);
  });

  it('keeps the protection, the status colours on Status, the hidden Version column and the filter', () => {
    const tab = sheet.tab()!;
    expect(tab.protect().isWarningOnly()).toBe(true);
    const statusRules = tab.getConditionalFormatRules().filter((r) => r.getBooleanCondition().getCriteriaType());
    expect(statusRules.length).toBeGreaterThan(0);
    for (const rule of statusRules) expect(rule.getRanges().map((r) => r.getColumn())).toEqual([COL.status]);
    expect(tab.isColumnHiddenByUser(COL.version)).toBe(true);
    expect(tab.isColumnHiddenByUser(OLD_COL.Version!)).toBe(false);
    expect(tab.getFilter()?.getRange().getA1Notation()).toBe(`A1:V${ROWS + 1}`);
    expect(tab.getRange(2, COL.timeToDecision).getNumberFormat()).toBe('[h]:mm');
  });

  it('fills the new cells with the resync, rewriting each row in place, one row per request', () => {
    const live = requests.filter((_, i) => i !== 1);
    for (let i = 0; i < live.length; i += 500) {
      expect(sheet.post(makeBatch(live.slice(i, i + 500).map(upsert)))).toMatchObject({ ok: true, stale: 0 });
    }
    const tab = sheet.tab()!;
    const rows = tab.values().slice(1);
    const ids = rows.map((r) => r[COL.id - 1]).filter((id) => id !== '');
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(ROWS + 2);
    const approvedRow = rows.find((r) => r[COL.id - 1] === requests[0]!.id)!;
    expect(approvedRow[COL.decidedBy - 1]).toBe('rev-0');
    expect(approvedRow[COL.timeToDecision - 1]).toBeCloseTo(0.5 / 24, 9);
    expect(tab.cell(2, 22).value).toBe('call back');
    expect(tab.getFilter()?.getRange().getA1Notation()).toBe(`A1:V${ROWS + 1}`);
    const history = sheet.rt.spreadsheet.getSheetByName('History')!;
    // requested for all, plus a review and an approval for every third request (the deleted one is not re-sent).
    expect(history.getLastRow() - 1).toBe(2 + (ROWS - 1) + 2 * (ROWS / 3));
  });
});

/** Layout-1 header → the COL key of the same column in layout 2. */
function key(header: string): string {
  const keys: Record<string, string> = {
    ID: 'id',
    Created: 'created',
    User: 'user',
    Roles: 'roles',
    Status: 'status',
    Link: 'link',
    Reason: 'reason',
    Resources: 'resources',
    Reviews: 'reviews',
    Resolution: 'resolution',
    'Suggested reviewers': 'reviewers',
    'Request expires': 'requestExpires',
    'Access expires': 'accessExpires',
    Cluster: 'cluster',
    Updated: 'updated',
    Version: 'version',
  };
  return keys[header]!;
}
