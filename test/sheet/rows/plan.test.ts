// Known answers for planning a batch: rows keyed by (cluster, id), sealed Version cells, the
// History events each op is due, and when the ID and Cluster cells must be read.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Batch, Op } from '../../../proto/contract.js';
import { COLUMN_COUNT } from '../../../appsscript/src/rows/columns.js';
import { composeBlock } from '../../../appsscript/src/rows/compose.js';
import { planBatch, type Plan } from '../../../appsscript/src/rows/plan.js';
import { markFromKeys } from '../../../appsscript/src/ledger/history.js';
import type { Identity } from '../../../appsscript/src/rows/row-index.js';
import type { RowRun } from '../../../appsscript/src/rows/row-runs.js';
import { claimOf, openMeta, type Mac } from '../../../appsscript/src/rows/rowmeta.js';
import { CLUSTER, WEB_URL, makeBatch, makeRequest, upsert } from '../fixtures.js';
import { COL } from '../../../appsscript/src/ledger/layout.js';

const NOW = new Date('2025-11-23T13:00:00.000Z');
const MAC: Mac = (json) => createHmac('sha256', 'row-key').update(json).digest('hex');
const OTHER = 'other.example.com';

/** Batches are signed a second before NOW unless `sentAt` says otherwise. */
function plan(ops: Op[], column: unknown[], o: { batch?: Partial<Batch>; identity?: Identity; sentAt?: number } = {}) {
  const batch = makeBatch(ops, o.batch);
  const webUrls = { [batch.cluster]: batch.webUrl };
  const sentAt = o.sentAt ?? NOW.getTime() / 1000 - 1;
  return planBatch({ versionColumn: column, batch, now: NOW, mac: MAC, webUrls, identity: o.identity ?? null, sentAt });
}

function ok(ops: Op[], column: unknown[], o: Parameters<typeof plan>[2] = {}): Plan {
  const result = plan(ops, column, o);
  if (!result.ok) throw new Error('the plan asked for the identity cells');
  return result.plan;
}

/** A sheet as the script leaves it: the Version column and the ID and Cluster cells, from row 1. */
class Rows {
  version: unknown[] = ['Version', '', ''];
  ids: unknown[] = ['ID', '', ''];
  clusters: unknown[] = ['Cluster', '', ''];

  apply(p: Plan): this {
    for (const run of p.runs) {
      const block = composeBlock(p, run, this.cellsOf(run), NOW, MAC);
      block.values.forEach((cells, i) => {
        const row = block.first + i;
        while (this.version.length < row + 2) [this.version, this.ids, this.clusters].forEach((c) => c.push(''));
        this.version[row - 1] = String(cells[COL.version - 1]).slice(1);
        this.ids[row - 1] = String(cells[COL.id - 1]).slice(1);
        this.clusters[row - 1] = String(cells[COL.cluster - 1]).slice(1);
      });
    }
    return this;
  }

  private cellsOf(run: RowRun): unknown[][] {
    return Array.from({ length: run.last - run.first + 1 }, (_, i) => {
      const row = Array<unknown>(COLUMN_COUNT).fill('x');
      row[COL.version - 1] = this.version[run.first + i - 1];
      return row;
    });
  }

  identity(historyKeys: string[] = []): Identity {
    return { ids: this.ids, clusters: this.clusters, historyKeys: new Set(historyKeys) };
  }
}

describe('plan', () => {
  it('appends new rows after the last used row, one per id, and counts them applied', () => {
    const a = makeRequest();
    const p = ok([upsert(a), upsert(makeRequest()), upsert({ ...a, state: 'APPROVED' })], new Rows().version);
    expect([...p.writes.keys()]).toEqual([2, 3]);
    expect(p.writes.get(2)?.meta.state).toBe('APPROVED');
    expect(p).toMatchObject({
      applied: 3,
      stale: 0,
      span: { first: 2, last: 3 },
      runs: [{ first: 2, last: 3, needsRead: false }],
      gridRows: 3,
    });
    expect(p.growBy).toBe(0);
  });

  it('skips a stale upsert, applies an equal one without rewriting an identical row', () => {
    const a = makeRequest({ state: 'APPROVED' });
    const rows = new Rows().apply(ok([upsert(a)], new Rows().version));
    expect(ok([upsert({ ...a, state: 'PENDING' })], rows.version)).toMatchObject({ applied: 0, stale: 1, span: null });
    expect(ok([upsert(a)], rows.version)).toMatchObject({ applied: 1, stale: 0, span: null });
    expect(ok([upsert({ ...a, resolveReason: 'ok' })], rows.version).span).toEqual({ first: 2, last: 2 });
  });

  it('grows the grid, with slack (at least 100 rows), only when the block passes its end', () => {
    const full = ok([upsert(makeRequest()), upsert(makeRequest()), upsert(makeRequest())], new Rows().version);
    expect(full).toMatchObject({ span: { first: 2, last: 4 }, gridRows: 3, growBy: 1 + 100 });
  });

  it('keys rows by (cluster, id): one id from two clusters gets two rows; delete and sync touch only their own', () => {
    const a = makeRequest();
    const rows = new Rows().apply(ok([upsert(a)], new Rows().version));
    const other = { batch: { cluster: OTHER } };
    const theirs = ok([upsert({ ...a, state: 'DENIED' })], rows.version, other);
    expect([...theirs.writes.keys()]).toEqual([3]);
    rows.apply(theirs);
    expect(ok([{ op: 'delete', id: a.id }], rows.version, other).writes.has(2)).toBe(false);
    const synced = ok([{ op: 'sync', ids: [] }], rows.version, other);
    expect([...synced.writes.keys()]).toEqual([3]);
    expect(synced.events.map((e) => [e.cluster, e.event])).toEqual([[OTHER, 'removed']]);
  });

  it('records the whole past of a request first seen resolved, once, and nothing on redelivery', () => {
    const a = makeRequest({
      state: 'APPROVED',
      resolveReason: 'fine',
      reviews: [
        { author: 'bob', state: 'APPROVED', reason: '', created: '2025-11-23T12:10:00Z' },
        { author: 'carol', state: 'APPROVED', reason: 'ok', created: '2025-11-23T12:20:00Z' },
      ],
    });
    const first = ok([upsert(a), upsert(a)], new Rows().version);
    expect(first.events.map((e) => [e.event, e.key, e.time.toISOString(), e.by])).toEqual([
      ['requested', `${CLUSTER}/${a.id}/requested`, a.created, a.user],
      ['reviewed', `${CLUSTER}/${a.id}/review/1`, '2025-11-23T12:10:00.000Z', 'bob'],
      ['reviewed', `${CLUSTER}/${a.id}/review/2`, '2025-11-23T12:20:00.000Z', 'carol'],
      ['approved', `${CLUSTER}/${a.id}/state/APPROVED`, '2025-11-23T12:20:00.000Z', 'bob, carol'],
    ]);
    const rows = new Rows().apply(first);
    expect(ok([upsert(a)], rows.version).events).toEqual([]);
  });

  it('expires a pending row with its user and roles from the sealed cell, restores it, expires it again', () => {
    const a = makeRequest();
    const rows = new Rows().apply(ok([upsert(a)], new Rows().version));
    const gone = ok([{ op: 'delete', id: a.id }], rows.version);
    expect(gone.runs.map((r) => r.needsRead)).toEqual([true]);
    expect(gone.events.map((e) => [e.event, e.key, e.user, e.roles])).toEqual([
      ['expired', `${CLUSTER}/${a.id}/gone/1`, 'alice', 'db-admin, auditor'],
    ]);
    rows.apply(gone);
    expect(ok([{ op: 'delete', id: a.id }], rows.version).span).toBeNull();
    const back = ok([upsert(a)], rows.apply(gone).version);
    expect(back.events.map((e) => e.key)).toEqual([`${CLUSTER}/${a.id}/back/1`]);
    rows.apply(back);
    expect(ok([{ op: 'sync', ids: [] }], rows.version).events.map((e) => e.key)).toEqual([`${CLUSTER}/${a.id}/gone/2`]);
  });

  it('asks for the ID and Cluster cells when a cell fails its MAC, then re-adopts the row they name', () => {
    const a = makeRequest();
    const rows = new Rows().apply(ok([upsert(a)], new Rows().version));
    const forged = String(rows.version[1]).replace('"r":1', '"r":9');
    rows.version[1] = forged;
    expect(openMeta(forged, MAC)).toBeNull();
    expect(claimOf(forged)).toMatchObject({ id: a.id, cluster: CLUSTER });
    expect(plan([upsert(a)], rows.version)).toEqual({ ok: false, needsIdentity: true });
    const keys = [`${CLUSTER}/${a.id}/requested`];
    const p = ok([upsert({ ...a, state: 'APPROVED' })], rows.version, { identity: rows.identity(keys) });
    expect([...p.writes.keys()]).toEqual([2]);
    expect(p.events.map((e) => e.event)).toEqual(['approved']);
    expect(p.writes.get(2)?.meta.rank).toBe(2);
  });

  it('re-adopts a row whose cell was cleared, and never takes a row sealed for another request', () => {
    const [a, b] = [makeRequest(), makeRequest()];
    const rows = new Rows().apply(ok([upsert(a), upsert(b)], new Rows().version));
    rows.version[1] = '';
    rows.ids[2] = a.id;
    expect(plan([upsert(makeRequest())], rows.version)).toEqual({ ok: false, needsIdentity: true });
    const p = ok([upsert(a)], rows.version, { identity: rows.identity() });
    expect([...p.writes.keys()]).toEqual([2]);
  });

  it('derives what the History holds from its keys', () => {
    const keys = new Set(['c/x/requested', 'c/x/review/1', 'c/x/review/2', 'c/x/state/DENIED', 'c/x/gone/1']);
    expect(markFromKeys((k) => keys.has(k), 'c', 'x')).toEqual({
      requested: true,
      reviews: 2,
      states: ['DENIED'],
      gone: 1,
      back: 0,
      assumed: false,
      used: false,
    });
    keys.add('c/x/used');
    expect(markFromKeys((k) => keys.has(k), 'c', 'x')).toMatchObject({ assumed: false, used: true });
  });

  it('links each row from its id and its cluster’s webUrl', () => {
    const a = makeRequest();
    const planned = ok([upsert(a)], new Rows().version);
    const block = composeBlock(planned, planned.runs[0]!, null, NOW, MAC);
    expect(block.links).toEqual([{ text: 'View in Teleport', url: `${WEB_URL}/web/requests/${a.id}` }]);
  });
});
