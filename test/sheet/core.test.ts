// Known-answer tests of the sheet's pure core: rendering, parsing, verification, planning.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MAX_CELL_CHARS, TRUNCATION_MARKER, encodeAsciiJson, signingString } from '../../proto/contract.js';
import { parseBatch } from '../../appsscript/src/door/parse.js';
import {
  literal,
  renderRow,
  resourceLine,
  reviewLine,
  rewritable,
  truncate,
} from '../../appsscript/src/rows/render.js';
import { countStatuses } from '../../appsscript/src/menu/menu-text.js';
import {
  acceptedKeys,
  constantTimeEqual,
  utf8Length,
  verify,
  type VerifyDeps,
} from '../../appsscript/src/door/verify.js';
import { CLUSTER, SECRET, makeBatch, makeRequest, upsert, usageOp, TEST_MAC, sealedMeta } from './fixtures.js';
import { VECTOR } from '../contract-vector.js';
import { COL, HEADERS, USAGE_COLUMNS } from '../../appsscript/src/ledger/layout.js';

const NOW = new Date('2025-11-23T13:00:00.000Z');

describe('render', () => {
  it('writes every text with a leading apostrophe and leaves empty text empty', () => {
    expect(literal('=IMPORTXML("http://x")')).toBe('\'=IMPORTXML("http://x")');
    expect(literal('00123')).toBe("'00123");
    expect(literal('')).toBe('');
  });

  it('cuts long text to fill a 50,000-character cell with its apostrophe, never inside a surrogate pair', () => {
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

  it('renders the 26 columns in order, the decision columns from the decision, the usage columns empty', () => {
    const req = makeRequest({
      id: 'abc',
      reviews: [{ author: 'bob', state: 'APPROVED', reason: 'ok', created: '2025-11-23T12:30:00Z' }],
      requestExpires: null,
    });
    const decision = {
      decidedBy: 'bob',
      decided: new Date('2025-11-23T12:30:00Z'),
      timeToDecision: 0.5 / 24,
      accessStarts: null,
      accessDuration: null,
    };
    const row = renderRow(req, {
      cluster: CLUSTER,
      status: 'PENDING',
      updated: NOW,
      version: 'v',
      hasLink: true,
      decision,
    });
    expect(row).toHaveLength(HEADERS.length);
    expect(USAGE_COLUMNS.map((c) => row[c - 1])).toEqual(['', '', '', '', '']);
    expect(row[COL.id - 1]).toBe("'abc");
    expect(row[COL.created - 1]).toEqual(new Date('2025-11-23T12:00:00.000Z'));
    expect(row[COL.roles - 1]).toBe("'db-admin, auditor");
    expect(row[COL.link - 1]).toBe("'View in Teleport");
    expect(row[COL.reviews - 1]).toBe("'bob: APPROVED — ok");
    expect(row[COL.requestExpires - 1]).toBe('');
    expect(row[COL.updated - 1]).toBe(NOW);
    expect(row[COL.decidedBy - 1]).toBe("'bob");
    expect(row[COL.decided - 1]).toEqual(new Date('2025-11-23T12:30:00Z'));
    expect(row[COL.timeToDecision - 1]).toBe(0.5 / 24);
    expect(row[COL.accessStarts - 1]).toBe('');
    expect(row[COL.accessDuration - 1]).toBe('');
    expect(row[COL.cluster - 1]).toBe(`'${CLUSTER}`);
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

  it('accepts a version 2 body with usage ops among the others (§13)', () => {
    const usage = usageOp('x', { assumed: '2025-11-23T12:40:00Z', sessions: 2, kinds: ['ssh', 'kube'] });
    const r = parseBatch(JSON.stringify({ ...good, v: 2, ops: [...good.ops, usage] }));
    expect(r).toEqual({ ok: true, batch: { ...good, v: 2, ops: [...good.ops, usage] } });
  });

  const broken: [string, string][] = [
    ['malformed JSON', '{"v":1,'],
    ['wrong v', JSON.stringify({ ...good, v: 3 })],
    ['no v', JSON.stringify({ ...good, v: undefined })],
    ['a usage op in a version 1 body', JSON.stringify({ ...good, ops: [usageOp('x')] })],
    ['a usage op with an unknown kind', JSON.stringify({ ...good, v: 2, ops: [{ ...usageOp('x'), kinds: ['ftp'] }] })],
    ['a usage op without sessions', JSON.stringify({ ...good, v: 2, ops: [{ ...usageOp('x'), sessions: undefined }] })],
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
  const { body, ts, nonce, sig } = VECTOR;
  const hmacHex = (key: string, message: string) =>
    createHmac('sha256', Buffer.from(key, 'utf8')).update(Buffer.from(message, 'utf8')).digest('hex');
  const deps = (o: Partial<VerifyDeps> = {}): VerifyDeps => ({
    nowSeconds: () => 1763900000,
    sheetSecrets: () => ({ current: SECRET, previous: null, rotatedAt: null }),
    clusterSecrets: () => null,
    hmacHex,
    ...o,
  });
  const vector = { body, ts, nonce, sig };

  it('accepts the contract test vector', () => {
    expect(verify(vector, deps())).toEqual({
      ok: true,
      body,
      ts: 1763900000,
      nonce: vector.nonce,
      signature: 1,
      cluster: null,
    });
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
      deps({ sheetSecrets: () => ({ current: 'f'.repeat(64), previous: SECRET, rotatedAt }) });
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

describe('status', () => {
  it('counts rows per status, believing only sealed Version cells', () => {
    const meta = sealedMeta({ state: 'PENDING' });
    const forged = sealedMeta({ state: 'APPROVED' }).replace(/^[0-9a-f]{32}/, '0'.repeat(32));
    expect(countStatuses(['Version', meta, '', 'junk', forged], TEST_MAC)).toMatchObject({
      PENDING: 1,
      APPROVED: 0,
      EXPIRED: 0,
    });
  });

  it('encodes the vector body the relay way', () => {
    expect(encodeAsciiJson({ s: 'é' })).toBe('{"s":"\\u00e9"}');
  });
});
