// Issue 19 end to end: the Teleport stand-in over mTLS with an audit log, the real relay process,
// and the real built Apps Script bundle behind Google's 302 flow. Two requests approved on one
// certificate, assumed, used over ssh and kube; one then expires out of Teleport. The rows show
// Assumed, First used, Last used, Sessions and Used for; History has `assumed` and `used` once
// each; a SIGKILL and restart (the relay reads the log back) and a second relay of the cluster
// change no cell and add no event.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COL, HISTORY_COL, USAGE_COLUMNS } from '../../appsscript/src/ledger/layout.js';
import type { StandInRequest } from '../teleport/server.js';
import { until } from '../until.js';
import { Chain } from './chain.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe('was the access used? (issue 19), through real gRPC and the real sheet', () => {
  let chain: Chain;
  let a: StandInRequest;
  let b: StandInRequest;
  let t: number;

  beforeAll(async () => {
    chain = await Chain.start({ cluster: 'usage.example.test', roles: ['access-plugin-usage'] });
    const approved = (user: string) => {
      const now = Date.now();
      const r = chain.teleport.createRequest({
        user,
        created: new Date(now - HOUR),
        accessExpires: new Date(now + HOUR),
      });
      return chain.teleport.review(r.id, { author: 'security', state: 'APPROVED' });
    };
    a = approved('alice');
    b = approved('alice');
    t = Date.now() - 30 * MINUTE;
    // One certificate carrying both requests: each gets the assumption and every use.
    const both = [a.id, b.id];
    chain.teleport.appendEvent({ type: 'cert.create', time: new Date(t), accessRequests: both });
    chain.teleport.appendEvent({ type: 'session.start', time: new Date(t + MINUTE), accessRequests: both });
    chain.teleport.appendEvent({ type: 'kube.request', time: new Date(t + 2 * MINUTE), accessRequests: both });
    chain.teleport.appendEvent({
      ...{ type: 'session.start', time: new Date(t + 3 * MINUTE), accessRequests: [b.id] },
      kubernetesCluster: 'prod-k8s',
    });
    await chain.startRelay();
  }, 60_000);

  afterAll(async () => {
    await chain?.close();
  });

  const rows = () => chain.runtime.spreadsheet.getSheetByName('Access Requests')?.values() ?? [];
  const rowOf = (id: string) => rows().find((row) => row[COL.id - 1] === id);
  const usage = (id: string) => USAGE_COLUMNS.map((c) => rowOf(id)?.[c - 1]);
  const history = () => chain.runtime.spreadsheet.getSheetByName('History')?.values().slice(1) ?? [];
  const keys = () => history().map((row) => String(row[HISTORY_COL.key - 1]));
  const relayBook = () =>
    JSON.parse(chain.runtime.cache.get('teleport.relays') ?? '{"relays":[]}') as {
      relays: { relay: string; usageAt: number | null }[];
    };
  /** The relay's usage ops reached the sheet after `since` (the relay record notes the last batch carrying some). */
  const usageSince = (relay: string, since: number) =>
    until(`${relay} delivering usage`, () =>
      relayBook().relays.some((r) => r.relay.startsWith(`${relay}/`) && (r.usageAt ?? 0) > since),
    );

  it('shows when each request was assumed, first and last used, its sessions and what for', async () => {
    await until('usage in both rows', () => usage(b.id)[3] === 2 && usage(a.id)[3] === 1, undefined, {
      timeoutMs: 60_000,
    });
    const at = (m: number) => new Date(t + m * MINUTE);
    expect(usage(a.id)).toEqual([at(0), at(1), at(2), 1, 'ssh, kube']);
    expect(usage(b.id)).toEqual([at(0), at(1), at(3), 2, 'ssh, kube']);
    expect(rowOf(a.id)?.[COL.status - 1]).toBe('APPROVED');
  });

  it('records assumed and used once each in History, at Teleport’s times', () => {
    for (const r of [a, b]) {
      const mine = history().filter((row) => row[HISTORY_COL.requestId - 1] === r.id);
      const events = mine.map((row) => row[HISTORY_COL.event - 1]);
      expect(events.filter((e) => e === 'assumed')).toHaveLength(1);
      expect(events.filter((e) => e === 'used')).toHaveLength(1);
      const used = mine.find((row) => row[HISTORY_COL.event - 1] === 'used')!;
      expect(used[HISTORY_COL.time - 1]).toEqual(new Date(t + MINUTE));
      expect(used[HISTORY_COL.by - 1]).toBe('alice');
    }
  });

  it('keeps an expired request’s usage; a restart and a second relay change no cell and add no event', async () => {
    chain.teleport.deleteRequest(a.id);
    const gone = `${chain.cluster.name}/${a.id}/gone/1`;
    await until('the expiry recorded', () => keys().includes(gone));
    const both = () => [rowOf(a.id), rowOf(b.id)];
    const before = { rows: both(), history: history() };
    expect(before.rows[0]?.[COL.status - 1]).toBe('APPROVED');

    const restartedAt = Date.now();
    await chain.relays[0]!.restart();
    await usageSince('relay-1', restartedAt);
    await chain.converge();
    expect(both()).toEqual(before.rows);
    expect(history()).toEqual(before.history);

    const secondAt = Date.now();
    await chain.startRelay();
    await usageSince('relay-2', secondAt);
    await chain.converge();
    expect(both()).toEqual(before.rows);
    expect(history()).toEqual(before.history);
    expect(new Set(keys()).size).toBe(keys().length);
  });
});
