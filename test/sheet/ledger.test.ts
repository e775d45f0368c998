// The authenticated rows and the History tab through the real bundle behind the 302 front:
// forged Version cells change nothing that matters, a cluster cannot touch another's rows, and
// every History event is recorded once whatever is redelivered, lost, retried or killed.
import { afterEach, describe, expect, it } from 'vitest';
import type { Request, Review } from '../../proto/contract.js';
import { COL, HISTORY_COL } from '../../appsscript/src/ledger/layout.js';
import { CLUSTER, WEB_URL, makeBatch, makeRequest, upsert } from './fixtures.js';
import { Sheet } from './harness.js';
import { bundleForThisFile } from './file-bundle.js';
import { Front, historyByKey } from './ledger-http.js';

const bundle = bundleForThisFile();
let front: Front | null = null;
afterEach(async () => {
  await front?.close();
  front = null;
});

const OTHER = 'other.example.com';

async function open(faults: Parameters<typeof Front.start>[1] = null): Promise<Front> {
  front = await Front.start(await Sheet.open(bundle.dir), faults);
  return front;
}

function rowOf(sheet: Sheet, id: string, cluster = CLUSTER): number {
  const tab = sheet.tab()!;
  for (let row = 2; row <= tab.getLastRow(); row++) {
    if (tab.cell(row, COL.id).value === id && tab.cell(row, COL.cluster).value === cluster) return row;
  }
  throw new Error(`no row for ${cluster}/${id}`);
}

const review = (author: string, state: Review['state'], minute: number, reason = ''): Review => ({
  author,
  state,
  reason,
  created: `2025-11-23T12:${String(minute).padStart(2, '0')}:00.000Z`,
});

/** Replaces the JSON of a row's Version cell as an editor could, keeping or dropping the MAC tag. */
function editVersion(sheet: Sheet, row: number, edit: (o: Record<string, unknown>) => Record<string, unknown>): void {
  const cell = String(sheet.tab()!.cell(row, COL.version).value);
  const json = JSON.parse(cell.slice(32)) as Record<string, unknown>;
  sheet
    .tab()!
    .getRange(row, COL.version)
    .setValue("'" + cell.slice(0, 32) + JSON.stringify(edit(json)));
}

describe('forged Version cells', () => {
  it('a forged link is not shown by View nor copied by Reformat, and the next upsert repairs the cell', async () => {
    const { sheet, deliver } = bind(await open());
    const a = makeRequest();
    await deliver(makeBatch([upsert(a)]));
    const row = rowOf(sheet, a.id);
    const evil = 'https://evil.example/steal';
    editVersion(sheet, row, (o) => ({ ...o, u: evil }));
    sheet.tab()!.getRange(row, COL.link).setValue('View in Teleport');
    sheet.rt.setActiveRange('Access Requests', `A${row}`);
    sheet.menu('viewInTeleport');
    expect(sheet.rt.ui.dialogs).toEqual([]);
    sheet.menu('reformatSheet');
    expect(sheet.tab()!.cell(row, COL.link).link).toBeUndefined();
    await deliver(makeBatch([upsert(a)]));
    expect(sheet.tab()!.cell(row, COL.link).link).toBe(`${WEB_URL}/web/requests/${a.id}`);
    sheet.menu('viewInTeleport');
    expect(sheet.rt.ui.dialogs.at(-1)?.html).toContain(`href="${WEB_URL}/web/requests/${a.id}"`);
    expect(sheet.rt.ui.dialogs.at(-1)?.html).not.toContain('evil');
  });

  it('a forged rank does not freeze the row', async () => {
    const { sheet, deliver } = bind(await open());
    const a = makeRequest();
    await deliver(makeBatch([upsert(a)]));
    editVersion(sheet, rowOf(sheet, a.id), (o) => ({ ...o, r: 3, n: 9 }));
    const approved = { ...a, state: 'APPROVED' as const, reviews: [review('bob', 'APPROVED', 30)] };
    expect(await deliver(makeBatch([upsert(approved)]))).toMatchObject({ applied: 1, stale: 0 });
    expect(sheet.tab()!.cell(rowOf(sheet, a.id), COL.status).value).toBe('APPROVED');
    expect(sheet.tab()!.getLastRow()).toBe(2);
  });

  it("a batch from cluster B cannot touch cluster A's row; the same id gets a row per cluster", async () => {
    const { sheet, deliver } = bind(await open());
    const a = makeRequest();
    await deliver(makeBatch([upsert(a)]));
    const before = JSON.stringify(sheet.tab()!.values()[1]);
    const other = { cluster: OTHER, webUrl: 'https://other.example.com' };
    await deliver(
      makeBatch(
        [
          { op: 'delete', id: a.id },
          { op: 'sync', ids: [] },
        ],
        other,
      ),
    );
    expect(JSON.stringify(sheet.tab()!.values()[1])).toBe(before);
    await deliver(makeBatch([upsert({ ...a, state: 'DENIED', reviews: [review('eve', 'DENIED', 5)] })], other));
    expect(JSON.stringify(sheet.tab()!.values()[1])).toBe(before);
    expect(sheet.tab()!.cell(rowOf(sheet, a.id, OTHER), COL.status).value).toBe('DENIED');
    await deliver(makeBatch([{ op: 'sync', ids: [] }], other));
    expect(JSON.stringify(sheet.tab()!.values()[1])).toBe(before);
    await deliver(makeBatch([{ op: 'sync', ids: [] }]));
    expect(sheet.tab()!.cell(rowOf(sheet, a.id), COL.status).value).toBe('EXPIRED');
    expect(sheet.tab()!.cell(rowOf(sheet, a.id, OTHER), COL.status).value).toBe('DENIED');
    const keys = [...historyByKey(sheet).keys()];
    expect(keys.filter((k) => k.startsWith(`${OTHER}/`))).toEqual([
      `${OTHER}/${a.id}/requested`,
      `${OTHER}/${a.id}/review/1`,
      `${OTHER}/${a.id}/state/DENIED`,
      `${OTHER}/${a.id}/gone/1`,
    ]);
  });
});

function bind(f: Front) {
  return { sheet: f.sheet, deliver: (b: Parameters<Front['deliver']>[0]) => f.deliver(b) };
}

function expectOnce(sheet: Sheet): Map<string, unknown[][]> {
  const byKey = historyByKey(sheet);
  for (const [key, rows] of byKey) expect(rows, key).toHaveLength(1);
  return byKey;
}

describe('History', () => {
  const resolved: Request = makeRequest({
    state: 'APPROVED',
    resolveReason: 'looks fine',
    reviews: [review('bob', 'APPROVED', 10), review('carol', 'DENIED', 20, 'no'), review('dave', 'APPROVED', 30)],
  });

  it('gives a request first seen resolved its past with Teleport’s times, once, however often it comes', async () => {
    const { sheet, deliver } = bind(await open());
    const batch = makeBatch([upsert(resolved)]);
    await deliver(batch);
    await deliver(batch);
    sheet.advance(60_000);
    await deliver(makeBatch([upsert(resolved), { op: 'sync', ids: [resolved.id] }]));
    const rows = [...expectOnce(sheet).values()].map(([r]) => r!);
    const p = `${CLUSTER}/${resolved.id}`;
    expect(rows.map((r) => [r[HISTORY_COL.key - 1], r[HISTORY_COL.event - 1], r[HISTORY_COL.by - 1]])).toEqual([
      [`${p}/requested`, 'requested', 'alice'],
      [`${p}/review/1`, 'reviewed', 'bob'],
      [`${p}/review/2`, 'reviewed', 'carol'],
      [`${p}/review/3`, 'reviewed', 'dave'],
      [`${p}/state/APPROVED`, 'approved', 'bob, dave'],
    ]);
    const times = rows.map((r) => (r[HISTORY_COL.time - 1] as Date).toISOString());
    expect(times).toEqual([resolved.created, ...resolved.reviews.map((r) => r.created), resolved.reviews[2]!.created]);
    expect(rows[2]![HISTORY_COL.detail - 1]).toBe('DENIED — no');
    expect(sheet.rt.spreadsheet.getSheetByName('History')!.isColumnHiddenByUser(HISTORY_COL.key)).toBe(true);
    expect(sheet.rt.spreadsheet.getSheetByName('History')!.protect().isWarningOnly()).toBe(true);
  });

  it('records each event once when replies are lost and the relay retries', async () => {
    const { sheet, deliver } = bind(
      await open(({ method, n }) => (method === 'POST' && n % 2 === 1 ? { kind: 'lost_reply' } : null)),
    );
    const a = makeRequest();
    await deliver(makeBatch([upsert(a)]));
    await deliver(makeBatch([upsert({ ...a, state: 'DENIED', reviews: [review('bob', 'DENIED', 40)] })]));
    await deliver(makeBatch([{ op: 'delete', id: a.id }]));
    expect([...expectOnce(sheet).keys()].map((k) => k.split('/').slice(2).join('/'))).toEqual([
      'requested',
      'review/1',
      'state/DENIED',
      'gone/1',
    ]);
    expect(front!.app.posts).toBe(6);
  });

  it('records expire → restore → expire, with the user and roles of the row', async () => {
    const { sheet, deliver } = bind(await open());
    const a = makeRequest({ user: 'erin', roles: ['ops'] });
    await deliver(makeBatch([upsert(a)]));
    await deliver(makeBatch([{ op: 'sync', ids: [] }]));
    await deliver(makeBatch([upsert(a)]));
    await deliver(makeBatch([{ op: 'delete', id: a.id }]));
    const rows = [...expectOnce(sheet).values()].map(([r]) => r!);
    expect(
      rows.map((r) => [
        r[HISTORY_COL.event - 1],
        String(r[HISTORY_COL.key - 1])
          .split('/')
          .slice(2)
          .join('/'),
      ]),
    ).toEqual([
      ['requested', 'requested'],
      ['expired', 'gone/1'],
      ['restored', 'back/1'],
      ['expired', 'gone/2'],
    ]);
    expect(rows[3]!.slice(HISTORY_COL.user - 1, HISTORY_COL.roles)).toEqual(['erin', 'ops']);
    expect(rows[3]![HISTORY_COL.detail - 1]).toBe('no longer in Teleport');
    expect(sheet.tab()!.cell(2, COL.status).value).toBe('EXPIRED');
  });

  it('a kill between History and rows never loses an event, at most doubles it; Reformat drops the copy', async () => {
    const { sheet, deliver } = bind(await open());
    await deliver(makeBatch([upsert(makeRequest())]));
    const a = makeRequest();
    const batch = makeBatch([upsert({ ...a, state: 'APPROVED', reviews: [review('bob', 'APPROVED', 15)] })]);
    sheet.rt.counters.reset();
    const probe = await Sheet.open(bundle.dir);
    probe.post(makeBatch([upsert(makeRequest())]));
    probe.rt.counters.reset();
    probe.post(batch);
    const historyWrite = probe.rt.counters.sequence.indexOf('Range.setValues') + 1;
    sheet.rt.killAtCall(historyWrite + 1);
    expect(await front!.attempt(batch)).toBeNull();
    expect(historyByKey(sheet).get(`${CLUSTER}/${a.id}/requested`)).toHaveLength(1);
    expect(sheet.tab()!.getLastRow()).toBe(2);
    await deliver(batch);
    const byKey = historyByKey(sheet);
    expect(byKey.get(`${CLUSTER}/${a.id}/requested`)).toHaveLength(2);
    expect(byKey.get(`${CLUSTER}/${a.id}/state/APPROVED`)).toHaveLength(2);
    sheet.menu('reformatSheet');
    const healed = expectOnce(sheet);
    expect(healed.size).toBe(4);
    await deliver(makeBatch([upsert(makeRequest())]));
    expect(expectOnce(sheet).size).toBe(5);
  });

  it('keeps every text column literal', async () => {
    const { sheet, deliver } = bind(await open());
    const hostile = ['=IMPORTXML("http://x")', '+cmd', '@SUM(A1)', '00123', 'TRUE', '2024-01-01', "'quoted", '12%'];
    for (const text of hostile) {
      const r = makeRequest({
        user: text,
        roles: [text],
        reason: text,
        resolveReason: text,
        state: 'DENIED',
        reviews: [review(text, 'DENIED', 1, text)],
      });
      await deliver(makeBatch([upsert(r)], { cluster: text }));
    }
    const tab = sheet.rt.spreadsheet.getSheetByName('History')!;
    for (let row = 2; row <= tab.getLastRow(); row++) {
      const text = hostile[Math.floor((row - 2) / 3)]!;
      for (const col of [HISTORY_COL.cluster, HISTORY_COL.user, HISTORY_COL.roles]) {
        expect(tab.cell(row, col)).toMatchObject({ kind: 'text', value: text });
      }
      const event = tab.cell(row, HISTORY_COL.event).value;
      const detail = { requested: text, reviewed: `DENIED — ${text}`, denied: text }[String(event)];
      expect(tab.cell(row, HISTORY_COL.detail)).toMatchObject({ kind: 'text', value: detail });
      if (event !== 'requested') expect(tab.cell(row, HISTORY_COL.by)).toMatchObject({ kind: 'text', value: text });
    }
    expect(tab.getLastRow()).toBe(1 + 3 * hostile.length);
  });
});
