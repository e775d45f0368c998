// What per-cluster secrets cost a batch (contract §11): a 500-op batch signed v2 for an enrolled
// cluster into 50,000 rows and 200,000 History rows takes the same spreadsheet calls as one signed
// v1, and once the caches hold the secrets, the clusters and the relay record, a POST reads no
// Properties at all. Counts from the runtime's counters, never timings.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Request } from '../../../proto/contract.js';
import { CLUSTER, WEB_URL, makeBatch, makeRequest, upsert } from '../fixtures.js';
import { Sheet } from '../harness.js';
import { bundleForThisFile } from '../file-bundle.js';
import { seedHistory, seedRows } from '../seed.js';
import { shownSecret } from './clusters.js';

const bundle = bundleForThisFile();
const approve = (r: Request): Request => ({
  ...r,
  state: 'APPROVED',
  reviews: [{ author: 'bob', state: 'APPROVED', reason: '', created: '2025-11-23T12:30:00Z' }],
});

describe('a batch signed with an enrolled cluster’s own secret', () => {
  let sheet: Sheet;
  let seeded: Request[];
  let secret: string;
  const post = (ops: Parameters<typeof makeBatch>[0]) => {
    sheet.advance(1000);
    return sheet.post(makeBatch(ops), { secret, cluster: CLUSTER });
  };

  beforeAll(async () => {
    sheet = await Sheet.open(bundle.dir);
    seeded = Array.from({ length: 50_000 }, () => makeRequest());
    seedRows(sheet, seeded);
    seedHistory(sheet, 200_000);
    sheet.rt.ui.answer('OK', CLUSTER);
    sheet.rt.ui.answer('OK', WEB_URL);
    sheet.menu('addCluster');
    secret = shownSecret(sheet)!;
    expect(post([upsert(approve(seeded[0]!))])).toMatchObject({ ok: true, applied: 1 });
  });

  it('costs the 11 spreadsheet calls of calls.test.ts for 500 ops (250 decisions, 250 new) into 50,000 rows', () => {
    sheet.rt.counters.reset();
    const ops = [
      ...seeded.slice(-250).map((r) => upsert(approve(r))),
      ...Array.from({ length: 250 }, () => upsert(makeRequest())),
    ];
    expect(post(ops)).toMatchObject({ ok: true, applied: 500, stale: 0, resync: false });
    expect(sheet.rt.counters.calls).toBe(11);
  });

  it('reads no Properties once the caches hold what it needs, and writes none for plain contact', () => {
    const owner = sheet.rt.userProperties;
    const counts = () => [sheet.rt.properties.reads, sheet.rt.properties.writes, owner.reads, owner.writes];
    const before = counts();
    for (let i = 0; i < 5; i++) expect(post([upsert(makeRequest())])).toMatchObject({ ok: true });
    expect(counts()).toEqual(before);
  });
});
