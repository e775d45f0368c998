// The usage op through the real built bundle (contract §13–§14): merged into the row of (cluster, id)
// whatever the order, repeats, relays or look-back; stale without a row; never touching Status or
// the row's version; History `assumed` and `used` exactly once; a version 1 relay's rows keep the
// usage columns empty.
import { describe, expect, it } from 'vitest';
import type { Request, UsageOp } from '../../proto/contract.js';
import { COL, HISTORY_COL, HISTORY_HEADERS, USAGE_COLUMNS } from '../../appsscript/src/ledger/layout.js';
import { CLUSTER, makeBatch, makeBatchV2, makeRequest, upsert, usageOp } from './fixtures.js';
import { Sheet } from './harness.js';
import { bundleForThisFile } from './file-bundle.js';

const bundle = bundleForThisFile();

const T = (minutes: number) => new Date(Date.parse('2025-11-23T13:00:00.000Z') + minutes * 60_000).toISOString();

const approved = (r: Request): Request => ({
  ...r,
  state: 'APPROVED',
  reviews: [{ author: 'bob', state: 'APPROVED', reason: '', created: '2025-11-23T12:30:00.000Z' }],
});

/** A sheet holding one approved request, `a`, delivered by a version 1 body. */
async function withRow(): Promise<{ sheet: Sheet; a: Request; row: () => unknown[]; history: () => unknown[][] }> {
  const sheet = await Sheet.open(bundle.dir);
  const a = approved(makeRequest());
  expect(sheet.post(makeBatch([upsert(a)]))).toMatchObject({ ok: true, applied: 1, accepts: 2 });
  const row = () => sheet.tab()!.values()[1]!;
  const history = () =>
    sheet.rt.spreadsheet
      .getSheetByName('History')!
      .values()
      .slice(1)
      .map((row) => row.slice(0, HISTORY_HEADERS.length));
  return { sheet, a, row, history };
}

const usageCells = (row: unknown[]) => USAGE_COLUMNS.map((c) => row[c - 1]);
const dates = (...isos: (string | null)[]) => isos.map((iso) => (iso === null ? '' : new Date(iso)));

describe('a version 1 relay and a layout-3 sheet', () => {
  it('keeps the usage columns empty, and every reply says the sheet accepts 2', async () => {
    const { sheet, a, row } = await withRow();
    expect(usageCells(row())).toEqual(['', '', '', '', '']);
    expect(sheet.post(makeBatch([upsert({ ...a, reason: 'again' })]))).toMatchObject({ accepts: 2, applied: 1 });
    expect(usageCells(row())).toEqual(['', '', '', '', '']);
    expect(sheet.post(makeBatch([{ op: 'heartbeat', at: T(0) }]))).toMatchObject({ ok: true, accepts: 2 });
  });
});

describe('merging usage (§13)', () => {
  it('keeps the earliest Assumed and First used, the latest Last used, the largest Sessions, all kinds', async () => {
    const { sheet, a, row } = await withRow();
    const first: UsageOp = usageOp(a.id, {
      ...{ assumed: T(0), firstUsed: T(5), lastUsed: T(30), sessions: 2, kinds: ['kube'] },
    });
    expect(sheet.post(makeBatchV2([first]))).toMatchObject({ ok: true, applied: 1, stale: 0 });
    expect(usageCells(row())).toEqual([...dates(T(0), T(5), T(30)), 2, 'kube']);
    // Late, from a relay that read the log back over a shorter look-back: it saw less, and later.
    const shorter = usageOp(a.id, { assumed: T(20), firstUsed: T(25), lastUsed: T(26), sessions: 1, kinds: ['ssh'] });
    // A second relay of the same cluster that saw a later use, as ISO with an offset.
    const other = usageOp(a.id, { lastUsed: '2025-11-23T15:40:00+01:00', sessions: 1, kinds: ['db'] });
    const b = makeBatchV2([shorter, other], { relay: 'relay-b/1.0.0' });
    expect(sheet.post(b)).toMatchObject({ ok: true, applied: 2, stale: 0 });
    expect(usageCells(row())).toEqual([...dates(T(0), T(5), T(100)), 2, 'ssh, kube, db']);
  });

  it('writes nothing for a repeat, and the repeat still counts as applied', async () => {
    const { sheet, a, row } = await withRow();
    const op = usageOp(a.id, { assumed: T(0), firstUsed: T(1), lastUsed: T(2), sessions: 1, kinds: ['ssh'] });
    expect(sheet.post(makeBatchV2([op]))).toMatchObject({ applied: 1 });
    const before = row();
    sheet.advance(1000);
    sheet.rt.counters.reset();
    expect(sheet.post(makeBatchV2([op, op]))).toMatchObject({ ok: true, applied: 2, stale: 0 });
    expect(sheet.rt.counters.cellsWritten).toBe(0);
    expect(row()).toEqual(before);
  });

  it('counts usage for a row that does not exist, or is another cluster’s, as stale and writes nothing', async () => {
    const { sheet, a, row } = await withRow();
    const before = row();
    sheet.rt.counters.reset();
    const ops = [usageOp('no-such-request', { sessions: 3 }), usageOp(a.id, { sessions: 3 })];
    expect(sheet.post(makeBatchV2(ops, { cluster: 'other.example.com' }))).toMatchObject({ applied: 0, stale: 2 });
    expect(sheet.rt.counters.cellsWritten).toBe(0);
    expect(row()).toEqual(before);
  });

  it('never changes Status or the version: an older upsert is still stale, and upserts keep the usage', async () => {
    const { sheet, a, row } = await withRow();
    const op = usageOp(a.id, { assumed: T(0), sessions: 0 });
    expect(sheet.post(makeBatchV2([op]))).toMatchObject({ applied: 1 });
    expect(row()[COL.status - 1]).toBe('APPROVED');
    expect(sheet.post(makeBatch([upsert({ ...a, state: 'PENDING', reviews: [] })]))).toMatchObject({ stale: 1 });
    expect(sheet.post(makeBatch([upsert({ ...a, resolveReason: 'changed' })]))).toMatchObject({ applied: 1 });
    expect(row()[COL.resolution - 1]).toBe('changed');
    expect(usageCells(row())).toEqual([...dates(T(0), null, null), 0, '']);
    expect(sheet.post(makeBatch([{ op: 'delete', id: a.id }]))).toMatchObject({ applied: 1 });
    expect(row()[COL.status - 1]).toBe('APPROVED');
    expect(usageCells(row())).toEqual([...dates(T(0), null, null), 0, '']);
  });

  it('applies usage behind an upsert of the same batch, for a row the batch creates', async () => {
    const sheet = await Sheet.open(bundle.dir);
    const b = approved(makeRequest());
    const op = usageOp(b.id, { firstUsed: T(3), lastUsed: T(3), sessions: 1, kinds: ['app'] });
    expect(sheet.post(makeBatchV2([upsert(b), op]))).toMatchObject({ applied: 2, stale: 0 });
    const cells = sheet.tab()!.values()[1]!;
    expect(cells[COL.id - 1]).toBe(b.id);
    expect(usageCells(cells)).toEqual([...dates(null, T(3), T(3)), 1, 'app']);
    expect(sheet.tab()!.cell(2, COL.link).link).toMatch(/^https:/);
  });
});

describe('History assumed and used (§14)', () => {
  it('records each once, at Teleport’s times, by the user, used with the kinds known then', async () => {
    const { sheet, a, history } = await withRow();
    const events = () => history().filter((e) => ['assumed', 'used'].includes(String(e[HISTORY_COL.event - 1])));
    expect(sheet.post(makeBatchV2([usageOp(a.id, { assumed: T(10) })]))).toMatchObject({ applied: 1 });
    expect(events()).toEqual([
      [new Date(T(10)), CLUSTER, a.id, a.user, a.roles.join(', '), 'assumed', a.user, '', `${CLUSTER}/${a.id}/assumed`],
    ]);
    const use = usageOp(a.id, {
      assumed: T(10),
      firstUsed: T(12),
      lastUsed: T(12),
      sessions: 1,
      kinds: ['ssh', 'kube'],
    });
    expect(sheet.post(makeBatchV2([use, use]))).toMatchObject({ applied: 2 });
    // Repeated, late with an earlier assumed, from another relay: nothing more.
    const earlier = usageOp(a.id, { assumed: T(1), firstUsed: T(2), lastUsed: T(50), sessions: 4, kinds: ['db'] });
    expect(sheet.post(makeBatchV2([earlier], { relay: 'relay-b/1.0.0' }))).toMatchObject({ applied: 1 });
    expect(sheet.post(makeBatchV2([use]))).toMatchObject({ applied: 1 });
    const recorded = events();
    expect(recorded.map((e) => [e[HISTORY_COL.event - 1], e[HISTORY_COL.time - 1], e[HISTORY_COL.detail - 1]])).toEqual(
      [
        ['assumed', new Date(T(10)), ''],
        ['used', new Date(T(12)), 'ssh, kube'],
      ],
    );
    expect(recorded[1]![HISTORY_COL.key - 1]).toBe(`${CLUSTER}/${a.id}/used`);
  });

  it('records both at once for a request first seen already used', async () => {
    const { sheet, a, history } = await withRow();
    const op = usageOp(a.id, { assumed: T(0), firstUsed: T(1), lastUsed: T(9), sessions: 3, kinds: ['desktop'] });
    expect(sheet.post(makeBatchV2([op]))).toMatchObject({ applied: 1 });
    const keys = history().map((e) => e[HISTORY_COL.key - 1]);
    expect(keys.filter((k) => /\/(assumed|used)$/.test(String(k)))).toEqual([
      `${CLUSTER}/${a.id}/assumed`,
      `${CLUSTER}/${a.id}/used`,
    ]);
  });
});
