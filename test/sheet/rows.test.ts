// Ops applied to the real bundle's sheet (contract §3–§5): one row per id, newer wins, literal
// text, links as rich text, other tabs untouched.
import { describe, expect, it } from 'vitest';
import { MAX_CELL_CHARS, TRUNCATION_MARKER, type Batch, type Request } from '../../proto/contract.js';
import { CLUSTER, makeBatch, makeRequest, upsert, WEB_URL } from './fixtures.js';
import { okReply } from './ok-reply.js';
import { Sheet } from './harness.js';
import { bundleForThisFile } from './file-bundle.js';
import { COL, HEADERS } from '../../appsscript/src/ledger/layout.js';

const bundle = bundleForThisFile();

const open = () => Sheet.open(bundle.dir);

/** Every data row as { id: status }, in sheet order. */
function statuses(sheet: Sheet): Record<string, string>[] {
  const tab = sheet.tab()!;
  const out: Record<string, string>[] = [];
  for (let row = 2; tab.cell(row, COL.id).kind !== 'empty'; row++) {
    out.push({ [String(tab.cell(row, COL.id).value)]: String(tab.cell(row, COL.status).value) });
  }
  return out;
}

function rowOf(sheet: Sheet, id: string): number {
  const tab = sheet.tab()!;
  for (let row = 2; tab.cell(row, COL.id).kind !== 'empty'; row++) if (tab.cell(row, COL.id).value === id) return row;
  throw new Error(`no row for ${id}`);
}

const approved = (r: Request): Request => ({
  ...r,
  state: 'APPROVED',
  resolveReason: 'ok',
  reviews: [{ author: 'bob', state: 'APPROVED', reason: 'fine', created: '2025-11-23T12:05:00Z' }],
});

describe('upsert', () => {
  it('creates the tab: exactly the 26 headers, one row per request, dates as dates and a rich-text link', async () => {
    const sheet = await open();
    const a = makeRequest();
    expect(sheet.post(makeBatch([upsert(a)]))).toEqual(okReply(1));
    const tab = sheet.tab()!;
    expect(HEADERS.map((_, i) => tab.cell(1, i + 1).value)).toEqual([...HEADERS]);
    expect(tab.cell(2, COL.id)).toMatchObject({ kind: 'text', value: a.id });
    expect(tab.cell(2, COL.created)).toMatchObject({ kind: 'date' });
    expect((tab.cell(2, COL.created).value as Date).toISOString()).toBe(a.created);
    expect(tab.cell(2, COL.link)).toMatchObject({
      kind: 'text',
      value: 'View in Teleport',
      link: `${WEB_URL}/web/requests/${a.id}`,
    });
    expect(tab.cell(2, COL.resources).value).toBe('node/web-1');
    expect(tab.cell(2, COL.cluster).value).toBe(CLUSTER);
    expect(tab.cell(2, COL.updated)).toMatchObject({ kind: 'date' });
    expect((tab.cell(2, COL.updated).value as Date).getTime()).toBe(sheet.nowMs);
    expect(tab.cell(3, COL.id).kind).toBe('empty');
    expect(tab.isColumnHiddenByUser(COL.version)).toBe(true);
    expect(tab.getFrozenRows()).toBe(1);
    expect(tab.protect().isWarningOnly()).toBe(true);
  });

  it('gives no link when webUrl is not https or the id is not link-safe', async () => {
    const sheet = await open();
    sheet.post(makeBatch([upsert(makeRequest())], { webUrl: 'javascript:alert(1)//' }));
    sheet.post(makeBatch([upsert(makeRequest({ id: 'x"><script>' }))]));
    const tab = sheet.tab()!;
    expect(tab.cell(2, COL.link).link).toBeUndefined();
    expect(tab.cell(3, COL.link).link).toBeUndefined();
    expect(tab.cell(3, COL.id).value).toBe('x"><script>');
  });

  it('redelivery of the same batch changes nothing, even later', async () => {
    const sheet = await open();
    const batch = makeBatch([upsert(makeRequest()), upsert(approved(makeRequest())), { op: 'delete', id: 'gone' }]);
    sheet.post(batch);
    const before = sheet.rt.snapshot();
    sheet.advance(60_000);
    expect(sheet.post(batch)).toEqual(okReply(3));
    expect(sheet.rt.snapshot()).toEqual(before);
  });

  it('skips and counts a stale upsert, applies a newer one, and keeps one row per id', async () => {
    const sheet = await open();
    const a = makeRequest();
    sheet.post(makeBatch([upsert(approved(a))]));
    expect(sheet.post(makeBatch([upsert(a)]))).toMatchObject({ ok: true, applied: 0, stale: 1 });
    expect(statuses(sheet)).toEqual([{ [a.id]: 'APPROVED' }]);
    const denied: Request = {
      ...approved(a),
      state: 'DENIED',
      reviews: [
        ...approved(a).reviews,
        { author: 'carol', state: 'DENIED', reason: '', created: '2025-11-23T12:06:00Z' },
      ],
    };
    expect(sheet.post(makeBatch([upsert(denied)]))).toMatchObject({ applied: 1, stale: 0 });
    expect(statuses(sheet)).toEqual([{ [a.id]: 'DENIED' }]);
    expect(sheet.tab()!.cell(2, COL.reviews).value).toBe('bob: APPROVED — fine\ncarol: DENIED');
  });

  it('gives a new id one row when it appears twice in one batch; the newer wins', async () => {
    const sheet = await open();
    const a = makeRequest();
    expect(sheet.post(makeBatch([upsert(approved(a)), upsert(a)]))).toMatchObject({ applied: 1, stale: 1 });
    expect(statuses(sheet)).toEqual([{ [a.id]: 'APPROVED' }]);
  });

  it('converges when two relays deliver interleaved batches out of order', async () => {
    const sheet = await open();
    const reqs = Array.from({ length: 4 }, () => makeRequest());
    const relayA: Batch[] = [
      makeBatch(
        reqs.map((r) => upsert(r)),
        { relay: 'relay-a/1.0.0' },
      ),
      makeBatch([upsert(approved(reqs[0]!)), upsert(approved(reqs[2]!))], { relay: 'relay-a/1.0.0' }),
    ];
    const relayB: Batch[] = [
      makeBatch([upsert(approved(reqs[1]!)), upsert(reqs[0]!)], { relay: 'relay-b/1.1.0' }),
      makeBatch(
        reqs.map((r) => upsert(r)),
        { relay: 'relay-b/1.1.0' },
      ),
    ];
    for (const batch of [relayB[0]!, relayA[1]!, relayB[1]!, relayA[0]!])
      expect(sheet.post(batch)).toMatchObject({ ok: true });
    expect(statuses(sheet).sort((x, y) => Object.keys(x)[0]!.localeCompare(Object.keys(y)[0]!))).toEqual([
      { [reqs[0]!.id]: 'APPROVED' },
      { [reqs[1]!.id]: 'APPROVED' },
      { [reqs[2]!.id]: 'APPROVED' },
      { [reqs[3]!.id]: 'PENDING' },
    ]);
  });
});

describe('delete and sync', () => {
  it('expires a pending row, keeps a resolved status, sets Updated, and revives an expired row on upsert', async () => {
    const sheet = await open();
    const p = makeRequest();
    const r = approved(makeRequest());
    sheet.post(makeBatch([upsert(p), upsert(r)]));
    sheet.advance(5_000);
    expect(
      sheet.post(
        makeBatch([
          { op: 'delete', id: p.id },
          { op: 'delete', id: r.id },
          { op: 'delete', id: 'never-seen' },
        ]),
      ),
    ).toMatchObject({ applied: 3, stale: 0 });
    expect(statuses(sheet)).toEqual([{ [p.id]: 'EXPIRED' }, { [r.id]: 'APPROVED' }]);
    const tab = sheet.tab()!;
    expect((tab.cell(rowOf(sheet, r.id), COL.updated).value as Date).getTime()).toBe(sheet.nowMs);
    expect(tab.cell(rowOf(sheet, p.id), COL.user).value).toBe(p.user);
    expect(tab.cell(rowOf(sheet, p.id), COL.link).link).toBe(`${WEB_URL}/web/requests/${p.id}`);
    sheet.post(makeBatch([upsert(p)]));
    expect(statuses(sheet)).toEqual([{ [p.id]: 'PENDING' }, { [r.id]: 'APPROVED' }]);
  });

  it('sync expires the rows of its cluster that Teleport no longer has and leaves another cluster alone', async () => {
    const sheet = await open();
    const keep = makeRequest();
    const drop = makeRequest();
    const other = makeRequest();
    sheet.post(makeBatch([upsert(keep), upsert(drop)]));
    sheet.post(makeBatch([upsert(other)], { cluster: 'leaf.example.com' }));
    expect(sheet.post(makeBatch([{ op: 'sync', ids: [keep.id] }]))).toMatchObject({ applied: 1 });
    expect(statuses(sheet)).toEqual([{ [keep.id]: 'PENDING' }, { [drop.id]: 'EXPIRED' }, { [other.id]: 'PENDING' }]);
  });
});

describe('literal text', () => {
  const hostile = [
    '=IMPORTXML("http://x")',
    '+cmd',
    '-1+1',
    '@SUM(A1)',
    '00123',
    'TRUE',
    '2024-01-01',
    '🔑 émoji ✅',
    'שלום עולם',
    '=HYPERLINK("http://evil","x")',
    "'quoted",
    '1e3',
    '12%',
  ];

  it.each(hostile)('stores %s exactly as sent as user, role and reason', async (text) => {
    const sheet = await open();
    sheet.post(
      makeBatch([upsert(makeRequest({ user: text, roles: [text], reason: text, suggestedReviewers: [text] }))]),
    );
    const tab = sheet.tab()!;
    for (const col of [COL.user, COL.roles, COL.reason, COL.reviewers]) {
      expect(tab.cell(2, col)).toMatchObject({ kind: 'text', value: text });
      expect(tab.cell(2, col).formula).toBeUndefined();
    }
  });

  it('cuts a 60,000-character reason to fit the 50,000-character cell with a visible marker', async () => {
    const sheet = await open();
    expect(sheet.post(makeBatch([upsert(makeRequest({ reason: 'r'.repeat(60_000) }))]))).toMatchObject({ ok: true });
    const value = String(sheet.tab()!.cell(2, COL.reason).value);
    expect(value.length).toBe(MAX_CELL_CHARS - 1);
    expect(value.startsWith('rrrr')).toBe(true);
    expect(value.endsWith(TRUNCATION_MARKER)).toBe(true);
  });

  it('keeps a resync-rewritten neighbour row literal too', async () => {
    const sheet = await open();
    const [a, b, c] = [makeRequest({ user: '=1+1' }), makeRequest({ user: '00123' }), makeRequest()];
    sheet.post(makeBatch([upsert(a), upsert(b), upsert(c)]));
    sheet.post(
      makeBatch([
        { op: 'delete', id: a.id },
        { op: 'delete', id: c.id },
      ]),
    );
    expect(sheet.tab()!.cell(3, COL.user)).toMatchObject({ kind: 'text', value: '00123' });
    expect(sheet.tab()!.cell(3, COL.link).link).toBe(`${WEB_URL}/web/requests/${b.id}`);
    expect(sheet.tab()!.cell(2, COL.user)).toMatchObject({ kind: 'text', value: '=1+1' });
  });
});

describe('the tab and the grid', () => {
  it('opens the spreadsheet by the id the menu stored when the web app has no active one', async () => {
    const sheet = await Sheet.open(bundle.dir, { activeInWebApp: false });
    expect(sheet.post(makeBatch([upsert(makeRequest())]))).toMatchObject({ ok: false, error: 'internal' });
    expect(sheet.rt.spreadsheet.getSheetByName('Access Requests')).toBeNull();
    sheet.menu('refreshFromTeleport');
    expect(sheet.rt.properties.get('teleport.spreadsheetId')).toBe(sheet.rt.spreadsheet.getId());
    expect(sheet.post(makeBatch([upsert(makeRequest())]))).toMatchObject({ ok: true, applied: 1 });
    expect(sheet.tab()!.cell(2, COL.id).kind).toBe('text');
  });

  it('leaves other tabs untouched and grows the grid past its 1000 rows', async () => {
    const sheet = await open();
    const notes = sheet.rt.spreadsheet.insertSheet('Notes');
    notes.getRange('A1').setValue('keep me');
    const before = sheet.rt.snapshot('Notes');
    for (let i = 0; i < 3; i++) {
      expect(sheet.post(makeBatch(Array.from({ length: 500 }, () => upsert(makeRequest()))))).toMatchObject({
        applied: 500,
      });
    }
    expect(sheet.rt.snapshot('Notes')).toEqual(before);
    const tab = sheet.tab()!;
    expect(tab.getMaxRows()).toBeGreaterThanOrEqual(1501);
    expect(tab.cell(1501, COL.id).kind).toBe('text');
    expect(tab.cell(1502, COL.id).kind).toBe('empty');
  });

  it('restores a cleared header without touching the rows', async () => {
    const sheet = await open();
    const a = makeRequest();
    sheet.post(makeBatch([upsert(a)]));
    sheet.tab()!.getRange('A1:P1').clearContent();
    sheet.post(makeBatch([upsert(makeRequest())]));
    expect(sheet.tab()!.cell(1, COL.version).value).toBe('Version');
    expect(sheet.tab()!.cell(2, COL.id).value).toBe(a.id);
    expect(sheet.tab()!.cell(2, COL.link).link).toBe(`${WEB_URL}/web/requests/${a.id}`);
  });
});
