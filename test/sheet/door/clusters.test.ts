// The pure parts of contract §11 and the §15 ordering of a sync: the v2 signature and its test
// vector, which cluster a verified batch may write, the refusal of unknown top-level fields, the
// link bases of enrolled clusters, and a sync signed before a row's last upsert.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { encodeAsciiJson, signingStringV2 } from '../../../proto/contract.js';
import { bindCluster } from '../../../appsscript/src/door/bind.js';
import { parseBatch } from '../../../appsscript/src/door/parse.js';
import { verify, type VerifyDeps } from '../../../appsscript/src/door/verify.js';
import { planBatch } from '../../../appsscript/src/rows/plan.js';
import { decodeMeta, encodeMeta, openMeta, sealMeta } from '../../../appsscript/src/rows/rowmeta.js';
import { withEnrolledUrls } from '../../../appsscript/src/stores/clusters.js';
import { VECTOR, VECTOR_V2 } from '../../contract-vector.js';
import { CLUSTER, SECRET, TEST_MAC, makeBatch, makeRequest, upsert } from '../fixtures.js';

const hmacHex = (key: string, message: string) => createHmac('sha256', key).update(message).digest('hex');
const NOW = Number(VECTOR.ts);
const OTHER_SECRET = 'f'.repeat(64);

const deps = (o: Partial<VerifyDeps> = {}): VerifyDeps => ({
  nowSeconds: () => NOW,
  sheetSecrets: () => ({ current: OTHER_SECRET, previous: null, rotatedAt: null }),
  clusterSecrets: (cluster) =>
    cluster === VECTOR_V2.cluster ? { current: SECRET, previous: null, rotatedAt: null } : null,
  hmacHex,
  ...o,
});
const v2 = {
  body: VECTOR_V2.body,
  ts: VECTOR_V2.ts,
  nonce: VECTOR_V2.nonce,
  sig: VECTOR_V2.sig,
  cluster: VECTOR_V2.cluster,
};

describe('v2 signature (contract §11)', () => {
  it('signs what the contract signs, and the bundle’s check accepts the vector with the cluster’s secret', () => {
    expect(hmacHex(SECRET, signingStringV2(v2.cluster, v2.ts, v2.nonce, v2.body))).toBe(VECTOR_V2.sig);
    expect(verify(v2, deps())).toEqual({
      ok: true,
      body: v2.body,
      ts: NOW,
      nonce: v2.nonce,
      signature: 2,
      cluster: v2.cluster,
    });
  });

  it('refuses a malformed cluster as bad_request, and a cluster not enrolled as bad_signature', () => {
    for (const cluster of ['', 'a b', 'x'.repeat(254), 'prod/one', 7])
      expect(verify({ ...v2, cluster }, deps())).toMatchObject({ ok: false, error: 'bad_request' });
    expect(verify(v2, deps({ clusterSecrets: () => null }))).toMatchObject({ ok: false, error: 'bad_signature' });
  });

  it('never takes the sheet-wide secret for a v2 POST, nor a cluster’s secret for v1', () => {
    const sheetWide = deps({
      sheetSecrets: () => ({ current: SECRET, previous: null, rotatedAt: null }),
      clusterSecrets: () => ({ current: OTHER_SECRET, previous: null, rotatedAt: null }),
    });
    expect(verify(v2, sheetWide)).toMatchObject({ ok: false, error: 'bad_signature' });
    const v1 = { body: VECTOR.body, ts: VECTOR.ts, nonce: VECTOR.nonce, sig: VECTOR.sig };
    expect(verify(v1, deps())).toMatchObject({ ok: false, error: 'bad_signature' });
    expect(verify(v1, sheetWide)).toMatchObject({ ok: true, signature: 1, cluster: null });
  });

  it('accepts a cluster’s previous secret for 24 h after its rotation only', () => {
    const rotated = (rotatedAt: number) =>
      deps({ clusterSecrets: () => ({ current: OTHER_SECRET, previous: SECRET, rotatedAt }) });
    expect(verify(v2, rotated(NOW - 86_400))).toMatchObject({ ok: true });
    expect(verify(v2, rotated(NOW - 86_401))).toMatchObject({ ok: false, error: 'bad_signature' });
  });
});

describe('which cluster a verified batch may write', () => {
  const parsed = (cluster: string) => parseBatch(encodeAsciiJson(makeBatch([], { cluster })));
  const enrolled = (cluster: string) => cluster === 'prod';

  it('v2: only the cluster in the query, else bad_request', () => {
    expect(bindCluster({ cluster: 'prod' }, parsed('prod'), enrolled)).toBeNull();
    expect(bindCluster({ cluster: 'staging' }, parsed('prod'), enrolled)).toMatchObject({ error: 'bad_request' });
  });

  it('v1: only a cluster not enrolled, else bad_signature; a body that does not parse is left to step 5', () => {
    expect(bindCluster({ cluster: null }, parsed('dev'), enrolled)).toBeNull();
    expect(bindCluster({ cluster: null }, parsed('prod'), enrolled)).toMatchObject({ error: 'bad_signature' });
    expect(bindCluster({ cluster: null }, parseBatch('{'), enrolled)).toBeNull();
  });
});

describe('top-level body fields', () => {
  it('refuses one this sheet does not know, without echoing it', () => {
    const body = encodeAsciiJson({ ...makeBatch([]), admin: true });
    expect(parseBatch(body)).toEqual({ ok: false, message: 'body has a field this sheet does not know' });
    expect(parseBatch(encodeAsciiJson(makeBatch([])))).toMatchObject({ ok: true });
  });
});

describe('link bases', () => {
  it('take an enrolled cluster’s address over any webUrl a batch left, and keep the others', () => {
    const shared = { prod: 'https://attacker.example', dev: 'https://dev.example' };
    expect(withEnrolledUrls(shared, { prod: { webUrl: 'https://prod.example' } })).toEqual({
      prod: 'https://prod.example',
      dev: 'https://dev.example',
    });
  });
});

describe('a sync signed before a row’s last upsert (contract §15)', () => {
  const request = makeRequest();
  const plan = (ops: Parameters<typeof makeBatch>[0], versionColumn: unknown[], sentAt: number) => {
    const result = planBatch({
      versionColumn,
      batch: makeBatch(ops),
      now: new Date(NOW * 1000),
      mac: TEST_MAC,
      webUrls: { [CLUSTER]: 'https://example.teleport.sh' },
      identity: null,
      sentAt,
    });
    if (!result.ok) throw new Error('needs identity');
    return result.plan;
  };
  const column = (): unknown[] => [
    'Version',
    sealMeta(plan([upsert(request)], ['Version'], NOW).writes.get(2)!.meta, TEST_MAC),
  ];

  it('keeps the upsert’s ts in the sealed bookkeeping', () => {
    const meta = openMeta(column()[1], TEST_MAC)!;
    expect(meta.sentAt).toBe(NOW);
    expect(decodeMeta(encodeMeta({ ...meta, sentAt: 0 }))!.sentAt).toBe(0);
  });

  it('leaves the row alone when older, takes it away when not', () => {
    expect(plan([{ op: 'sync', ids: [] }], column(), NOW - 1).writes.size).toBe(0);
    const later = plan([{ op: 'sync', ids: [] }], column(), NOW);
    expect(later.writes.get(2)?.meta).toMatchObject({ id: request.id, sentAt: NOW });
    expect(later.events.map((e) => e.event)).toEqual(['expired']);
  });
});
