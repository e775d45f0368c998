// Known-answer tests of the sheet's pure core: rendering, parsing, verification, planning.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MAX_CELL_CHARS, TRUNCATION_MARKER, encodeAsciiJson, signingString } from '../../proto/contract.js';
import { COL, HEADERS } from '../../appsscript/src/columns.js';
import { composeBlock } from '../../appsscript/src/compose.js';
import { parseBatch } from '../../appsscript/src/parse.js';
import { GROW_HEADROOM_ROWS, planBatch } from '../../appsscript/src/plan.js';
import { literal, renderRow, resourceLine, reviewLine, rewritable, truncate } from '../../appsscript/src/render.js';
import { decodeMeta, encodeMeta } from '../../appsscript/src/rowmeta.js';
import { countStatuses } from '../../appsscript/src/status.js';
import { acceptedKeys, constantTimeEqual, utf8Length, verify, type VerifyDeps } from '../../appsscript/src/verify.js';
import { CLUSTER, SECRET, makeBatch, makeRequest, upsert } from './fixtures.js';

const NOW = new Date('2025-11-23T13:00:00.000Z');

describe('render', () => {
  it('writes every text with a leading apostrophe and leaves empty text empty', () => {
    expect(literal('=IMPORTXML("http://x")')).toBe('\'=IMPORTXML("http://x")');
    expect(literal('00123')).toBe("'00123");
    expect(literal('')).toBe('');
  });

  it('cuts long text so that, with its apostrophe, it fills a 50,000-character cell, never inside a surrogate pair', () => {
    const cut = truncate('x'.repeat(60_000));
    expect(cut.length).toBe(MAX_CELL_CHARS - 1);
    expect(String(literal('x'.repeat(60_000))).length).toBe(MAX_CELL_CHARS);
    expect(cut.endsWith(TRUNCATION_MARKER)).toBe(true);
    const emoji = 'a' + '🔑'.repeat(30_000);
    const cutEmoji = truncate(emoji);
    const body = cutEmoji.slice(0, -TRUNCATION_MARKER.length);
    expect(body.endsWith('🔑')).toBe(true);
    expect(truncate('y'.repeat(MAX_CELL_CHARS - 1))).toBe('y'.repeat(MAX_CELL_CHARS - 1));
  });

  it('formats resources and reviews as the contract says', () => {
    expect(resourceLine({ cluster: CLUSTER, kind: 'node', name: 'web-1', subResource: '' }, CLUSTER)).toBe(
      'node/web-1',
    );
    expect(resourceLine({ cluster: 'leaf', kind: 'kube_cluster', name: 'k', subResource: 'ns/pod' }, CLUSTER)).toBe(
      'leaf:kube_cluster/k/ns/pod',
    );
    expect(reviewLine({ author: 'bob', state: 'APPROVED', reason: '', created: '' })).toBe('bob: APPROVED');
    expect(reviewLine({ author: 'bob', state: 'DENIED', reason: 'no', created: '' })).toBe('bob: DENIED — no');
  });

  it('renders the 16 columns in order', () => {
    const req = makeRequest({
      id: 'abc',
      reviews: [{ author: 'bob', state: 'APPROVED', reason: 'ok', created: '2025-11-23T12:30:00Z' }],
      requestExpires: null,
    });
    const row = renderRow(req, { cluster: CLUSTER, status: 'PENDING', updated: NOW, version: 'v', hasLink: true });
    expect(row).toHaveLength(HEADERS.length);
    expect(row[COL.id - 1]).toBe("'abc");
    expect(row[COL.created - 1]).toEqual(new Date('2025-11-23T12:00:00.000Z'));
    expect(row[COL.roles - 1]).toBe("'db-admin, auditor");
    expect(row[COL.link - 1]).toBe("'View in Teleport");
    expect(row[COL.reviews - 1]).toBe("'bob: APPROVED — ok");
    expect(row[COL.requestExpires - 1]).toBe('');
    expect(row[COL.updated - 1]).toBe(NOW);
  });

  it('re-escapes values read back so they can be written unchanged', () => {
    expect(rewritable('+cmd')).toBe("'+cmd");
    expect(rewritable(5)).toBe(5);
    expect(rewritable(true)).toBe(true);
    expect(rewritable('')).toBe('');
    expect(rewritable(NOW)).toBe(NOW);
  });
});

describe('parse', () => {
  const good = makeBatch([
    upsert(makeRequest()),
    { op: 'delete', id: 'x' },
    { op: 'sync', ids: ['x'] },
    { op: 'heartbeat', at: '2025-11-23T12:13:20.000Z', stats: { queued: 1 } },
  ]);

  it('accepts a well-formed batch of every op', () => {
    const r = parseBatch(JSON.stringify(good));
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.batch.ops.map((o) => o.op)).toEqual(['upsert', 'delete', 'sync', 'heartbeat']);
  });

  const broken: [string, string][] = [
    ['malformed JSON', '{"v":1,'],
    ['wrong v', JSON.stringify({ ...good, v: 2 })],
    ['unknown op', JSON.stringify({ ...good, ops: [{ op: 'approve', id: 'x' }] })],
    ['missing cluster', JSON.stringify({ ...good, cluster: undefined })],
    [
      'missing request field',
      JSON.stringify({ ...good, ops: [{ op: 'upsert', request: { ...makeRequest(), user: undefined } }] }),
    ],
    ['bad state', JSON.stringify({ ...good, ops: [{ op: 'upsert', request: { ...makeRequest(), state: 'OPEN' } }] })],
    [
      'bad time',
      JSON.stringify({ ...good, ops: [{ op: 'upsert', request: { ...makeRequest(), created: 'yesterday' } }] }),
    ],
    [
      'non-numeric stats',
      JSON.stringify({ ...good, ops: [{ op: 'heartbeat', at: '2025-11-23T12:13:20Z', stats: { a: 'b' } }] }),
    ],
    ['empty id', JSON.stringify({ ...good, ops: [{ op: 'delete', id: '' }] })],
    ['too many ops', JSON.stringify({ ...good, ops: Array.from({ length: 501 }, () => ({ op: 'delete', id: 'x' })) })],
    ['not an object', '[]'],
  ];
  it.each(broken)('rejects %s without echoing data', (_name, body) => {
    const r = parseBatch(body);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).not.toMatch(/alice|incident|OPEN|yesterday/);
  });
});

describe('verify', () => {
  const body =
    '{"v":1,"cluster":"example.teleport.sh","webUrl":"https://example.teleport.sh","relay":"relay/1.0.0","ops":[{"op":"heartbeat","at":"2025-11-23T12:13:20.000Z"}]}';
  const hmacHex = (key: string, message: string) =>
    createHmac('sha256', Buffer.from(key, 'utf8')).update(Buffer.from(message, 'utf8')).digest('hex');
  const deps = (o: Partial<VerifyDeps> = {}): VerifyDeps => ({
    nowSeconds: () => 1763900000,
    secrets: () => ({ current: SECRET, previous: null, rotatedAt: null }),
    hmacHex,
    ...o,
  });
  const vector = {
    body,
    ts: '1763900000',
    nonce: 'n-7Hq2xYp9LmR4tKa',
    sig: '96ca10b18efc372585eaad2268d098b11f215b4484a7948682805a6d3dbfe7a7',
  };

  it('accepts the contract test vector', () => {
    expect(verify(vector, deps())).toEqual({ ok: true, body, ts: 1763900000, nonce: vector.nonce });
  });

  it('refuses in the contract order', () => {
    expect(verify({ ...vector, body: '' }, deps())).toMatchObject({ error: 'bad_request' });
    expect(verify({ ...vector, body: 'x'.repeat(1024 * 1024 + 1) }, deps())).toMatchObject({ error: 'bad_request' });
    expect(verify({ ...vector, ts: '17639e5' }, deps())).toMatchObject({ error: 'bad_request' });
    expect(verify({ ...vector, nonce: 'short' }, deps())).toMatchObject({ error: 'bad_request' });
    expect(verify({ ...vector, sig: vector.sig.toUpperCase() }, deps())).toMatchObject({ error: 'bad_request' });
    expect(verify(vector, deps({ nowSeconds: () => 1763900301 }))).toMatchObject({ error: 'clock_skew' });
    expect(verify(vector, deps({ nowSeconds: () => 1763899699 }))).toMatchObject({ error: 'clock_skew' });
    expect(verify(vector, deps({ nowSeconds: () => 1763900300 }))).toMatchObject({ ok: true });
    expect(verify({ ...vector, body: body.replace('1.0.0', '1.0.1') }, deps())).toMatchObject({
      error: 'bad_signature',
    });
  });

  it('accepts the previous secret for 24 h after a rotation only', () => {
    const rotated = (rotatedAt: number) =>
      deps({ secrets: () => ({ current: 'f'.repeat(64), previous: SECRET, rotatedAt }) });
    expect(verify(vector, rotated(1763900000 - 86_400))).toMatchObject({ ok: true });
    expect(verify(vector, rotated(1763900000 - 86_401))).toMatchObject({ error: 'bad_signature' });
    expect(acceptedKeys({ current: null, previous: null, rotatedAt: null }, 0)).toEqual([]);
  });

  it('counts UTF-8 bytes and compares without early exit', () => {
    expect(utf8Length('aé🔑中')).toBe(1 + 2 + 4 + 3);
    expect(constantTimeEqual('abcd', 'abcd')).toBe(true);
    expect(constantTimeEqual('abcd', 'abce')).toBe(false);
    expect(constantTimeEqual('abc', 'abcd')).toBe(false);
  });

  it('signs what the contract signs', () => {
    expect(hmacHex(SECRET, signingString(vector.ts, vector.nonce, body))).toBe(vector.sig);
  });
});

/** The Version column of a sheet holding `rows` (header first), as planning reads it. */
function versionColumn(...metas: (string | null)[]): unknown[] {
  return ['Version', ...metas.map((m) => m ?? ''), '', ''];
}

function applied(batchOps: Parameters<typeof makeBatch>[0], column: unknown[]) {
  return planBatch(column, makeBatch(batchOps), NOW);
}

function rowVersion(column: unknown[], batchOps: Parameters<typeof makeBatch>[0], row: number): string {
  const plan = applied(batchOps, column);
  const block = composeBlock(plan, null, NOW)!;
  const cell = block.values[row - block.first]![COL.version - 1];
  return String(cell).slice(1);
}

describe('plan', () => {
  it('appends new rows after the last used row and counts them applied', () => {
    const a = makeRequest();
    const plan = applied([upsert(a), upsert(makeRequest())], versionColumn());
    expect([...plan.writes.keys()]).toEqual([2, 3]);
    expect(plan).toMatchObject({ applied: 2, stale: 0, span: { first: 2, last: 3 }, needsRead: false, gridRows: 3 });
  });

  it('gives a new id one row even when the batch holds it twice', () => {
    const a = makeRequest();
    const plan = applied([upsert(a), upsert({ ...a, state: 'APPROVED' })], versionColumn());
    expect([...plan.writes.keys()]).toEqual([2]);
    expect(plan.metas.get(2)?.state).toBe('APPROVED');
  });

  it('skips and counts a stale upsert, applies an equal one without rewriting an identical row', () => {
    const a = makeRequest({ state: 'APPROVED' });
    const meta = rowVersion(versionColumn(), [upsert(a)], 2);
    const column = versionColumn(meta);
    expect(applied([upsert({ ...a, state: 'PENDING' })], column)).toMatchObject({ applied: 0, stale: 1, span: null });
    expect(applied([upsert(a)], column)).toMatchObject({ applied: 1, stale: 0, span: null });
    expect(applied([upsert({ ...a, resolveReason: 'ok' })], column)).toMatchObject({
      applied: 1,
      span: { first: 2, last: 2 },
    });
  });

  it('expires a pending row on delete, keeps a resolved status, and does nothing the second time', () => {
    const p = makeRequest();
    const r = makeRequest({ state: 'DENIED' });
    const column = versionColumn(
      rowVersion(versionColumn(), [upsert(p)], 2),
      rowVersion(versionColumn(), [upsert(r)], 2),
    );
    const plan = applied(
      [
        { op: 'delete', id: p.id },
        { op: 'delete', id: r.id },
        { op: 'delete', id: 'missing' },
      ],
      column,
    );
    expect(plan).toMatchObject({ applied: 3, needsRead: true, span: { first: 2, last: 3 } });
    const block = composeBlock(plan, [Array(16).fill('x'), Array(16).fill('y')], NOW)!;
    expect(block.values[0]![COL.status - 1]).toBe("'EXPIRED");
    expect(block.values[1]![COL.status - 1]).toBe("'DENIED");
    expect(block.values[0]![COL.user - 1]).toBe("'x");
    expect(block.values[0]![COL.updated - 1]).toBe(NOW);
    const again = versionColumn(String(block.values[0]![15]).slice(1), String(block.values[1]![15]).slice(1));
    expect(applied([{ op: 'delete', id: p.id }], again).span).toBeNull();
    expect(applied([upsert(p)], again).span).toEqual({ first: 2, last: 2 });
  });

  it('syncs only the batch cluster', () => {
    const mine = makeRequest();
    const theirs = makeRequest();
    const column = versionColumn(
      rowVersion(versionColumn(), [upsert(mine)], 2),
      rowVersion(versionColumn(), [upsert(theirs)], 2).replace(`"c":"${CLUSTER}"`, '"c":"other.example.com"'),
    );
    const plan = applied([{ op: 'sync', ids: [] }], column);
    expect([...plan.writes.keys()]).toEqual([2]);
    expect(decodeMeta(encodeMeta(plan.metas.get(3)!))?.gone).toBe(false);
  });

  it('rewrites a missing header as part of the block and reads the rows in between', () => {
    const column = ['', ...versionColumn(rowVersion(versionColumn(), [upsert(makeRequest())], 2)).slice(1)];
    const plan = applied([upsert(makeRequest())], column);
    expect(plan.writes.get(1)).toBe('header');
    expect(plan).toMatchObject({ span: { first: 1, last: 3 }, needsRead: true });
  });

  it('grows the grid, with headroom, only when the block passes its end', () => {
    expect(applied([upsert(makeRequest())], versionColumn())).toMatchObject({ gridRows: 3, growBy: 0 });
    const full = applied([upsert(makeRequest()), upsert(makeRequest()), upsert(makeRequest())], versionColumn());
    expect(full).toMatchObject({ span: { first: 2, last: 4 }, gridRows: 3, growBy: 1 + GROW_HEADROOM_ROWS });
  });

  it('never matches a row whose Version cell is not ours', () => {
    expect(decodeMeta('{"i":"x"}')).toBeNull();
    expect(decodeMeta('hello')).toBeNull();
    expect(decodeMeta(42)).toBeNull();
  });
});

describe('status', () => {
  it('counts rows per status', () => {
    const p = makeRequest();
    const meta = rowVersion(versionColumn(), [upsert(p)], 2);
    expect(countStatuses(['Version', meta, '', 'junk'])).toMatchObject({ PENDING: 1, APPROVED: 0, EXPIRED: 0 });
  });

  it('encodes the vector body the relay way', () => {
    expect(encodeAsciiJson({ s: 'é' })).toBe('{"s":"\\u00e9"}');
  });
});
