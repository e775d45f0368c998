import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_PAGE_BYTES } from './audit-log.js';
import { createCluster, issueIdentity, type TestCluster } from './pki.js';
import { fromTimestamp, toTimestamp } from './schema.js';
import { startFakeTeleport, type FakeTeleport } from './server.js';
import { connectClient, unary, type Wire } from './test-client.js';

// The stand-in's GetEvents: the paging, filters, orders and permission a real Auth Service has.

const T0 = Date.UTC(2026, 2, 1);
const MINUTE = 60_000;
let cluster: TestCluster;
let teleport: FakeTeleport;
let reader: grpc.Client;
let plugin: grpc.Client;

beforeAll(async () => {
  cluster = await createCluster('events.example.com');
  teleport = await startFakeTeleport({ cluster });
  reader = connectClient(
    teleport.address,
    await issueIdentity(cluster, { user: 'access-plugin', roles: ['access-plugin-usage'] }),
  );
  plugin = connectClient(
    teleport.address,
    await issueIdentity(cluster, { user: 'access-plugin', roles: ['access-plugin'] }),
  );
  for (let i = 0; i < 30; i++) {
    teleport.appendEvent({
      type: i % 3 === 0 ? 'cert.create' : i % 3 === 1 ? 'session.start' : 'kube.request',
      time: new Date(T0 + i * MINUTE),
      accessRequests: [`req-${i}`],
    });
  }
});

afterAll(async () => {
  reader.close();
  plugin.close();
  await teleport.close();
});

const range = (from: number, to: number) => ({
  StartDate: toTimestamp(new Date(from)),
  EndDate: toTimestamp(new Date(to)),
});
const typeOf = (item: Wire) => (Object.values(item).find((v) => v && typeof v === 'object') as Wire).Metadata.Type;
const timeOf = (item: Wire) =>
  fromTimestamp((Object.values(item).find((v) => v && typeof v === 'object') as Wire).Metadata.Time)!.getTime();

async function readAll(request: Wire): Promise<{ items: Wire[]; pages: number }> {
  const items: Wire[] = [];
  let pages = 0;
  let startKey = '';
  do {
    const page = await unary(reader, 'GetEvents', { ...request, StartKey: startKey });
    items.push(...(page.Items as Wire[]));
    pages += 1;
    startKey = page.LastKey as string;
  } while (startKey !== '');
  return { items, pages };
}

describe('GetEvents', () => {
  it('refuses a caller whose roles lack the event rule', async () => {
    await expect(unary(plugin, 'GetEvents', range(T0, T0 + 3600_000))).rejects.toMatchObject({
      code: grpc.status.PERMISSION_DENIED,
      details: expect.stringContaining('"event"'),
    });
  });

  it('pages ascending with StartKey = LastKey until LastKey is empty', async () => {
    const { items, pages } = await readAll({ ...range(T0, T0 + 3600_000), Limit: 7, Order: 'ASCENDING' });
    expect(items.map(timeOf)).toEqual(Array.from({ length: 30 }, (_, i) => T0 + i * MINUTE));
    expect(pages).toBe(5);
  });

  it('reads descending, and filters by type and by time range', async () => {
    const all = await readAll({ ...range(T0 + 10 * MINUTE, T0 + 19 * MINUTE), Limit: 4 });
    expect(all.items.map(timeOf)).toEqual(Array.from({ length: 10 }, (_, i) => T0 + (19 - i) * MINUTE));
    const certs = await readAll({ ...range(T0, T0 + 3600_000), EventTypes: ['cert.create'], Order: 'ASCENDING' });
    expect(certs.items.map(typeOf)).toEqual(Array(10).fill('cert.create'));
    expect(certs.items[0]!.CertificateCreate.Identity.AccessRequests).toEqual(['req-0']);
  });

  it('finds nothing without an EndDate, as a zero end time does', async () => {
    const page = await unary(reader, 'GetEvents', { StartDate: toTimestamp(new Date(T0)) });
    expect(page.Items).toEqual([]);
  });

  it('takes Limit 0 as 500 and refuses a Limit above 10,000', async () => {
    const many = await startFakeTeleport({ cluster });
    const client = connectClient(
      many.address,
      await issueIdentity(cluster, { user: 'r', roles: ['access-plugin-usage'] }),
    );
    try {
      for (let i = 0; i < 501; i++) many.appendEvent({ type: 'exec', time: new Date(T0 + i) });
      const page = await unary(client, 'GetEvents', { ...range(T0, T0 + MINUTE), Limit: 0 });
      expect(page.Items).toHaveLength(500);
      expect(page.LastKey).not.toBe('');
      await expect(unary(client, 'GetEvents', { ...range(T0, T0 + MINUTE), Limit: 10_001 })).rejects.toMatchObject({
        code: grpc.status.INVALID_ARGUMENT,
      });
    } finally {
      client.close();
      await many.close();
    }
  });

  it('ends a page at about 1 MiB of event data, fewer items than the limit, with LastKey set', async () => {
    const big = await startFakeTeleport({ cluster });
    const client = connectClient(
      big.address,
      await issueIdentity(cluster, { user: 'r', roles: ['access-plugin-usage'] }),
    );
    try {
      for (let i = 0; i < 2000; i++) big.appendEvent({ type: 'session.start', time: new Date(T0 + i), padding: 2000 });
      const page = await unary(client, 'GetEvents', { ...range(T0, T0 + MINUTE), Limit: 10_000, Order: 'ASCENDING' });
      const items = page.Items as Wire[];
      expect(items.length).toBeGreaterThan(100);
      expect(items.length).toBeLessThan(2000);
      expect(items.reduce((n, item) => n + JSON.stringify(item).length, 0)).toBeLessThanOrEqual(MAX_PAGE_BYTES * 1.1);
      expect(page.LastKey).not.toBe('');
      const next = await unary(client, 'GetEvents', {
        ...range(T0, T0 + MINUTE),
        Limit: 10_000,
        Order: 'ASCENDING',
        StartKey: page.LastKey,
      });
      expect(timeOf((next.Items as Wire[])[0]!)).toBe(T0 + items.length);
    } finally {
      client.close();
      await big.close();
    }
  });

  it('shows an event indexed late (an older time, written after a read went past it) to a later read', async () => {
    const late = await startFakeTeleport({ cluster });
    const client = connectClient(
      late.address,
      await issueIdentity(cluster, { user: 'r', roles: ['access-plugin-usage'] }),
    );
    try {
      late.appendEvent({ type: 'session.start', time: new Date(T0 + 5 * MINUTE) });
      const first = await unary(client, 'GetEvents', { ...range(T0, T0 + 10 * MINUTE), Order: 'ASCENDING' });
      expect(first.Items).toHaveLength(1);
      const id = late.appendEvent({
        type: 'db.session.start',
        time: new Date(T0 + 2 * MINUTE),
        accessRequests: ['r1'],
      });
      const second = await unary(client, 'GetEvents', { ...range(T0, T0 + 10 * MINUTE), Order: 'ASCENDING' });
      expect((second.Items as Wire[]).map(typeOf)).toEqual(['db.session.start', 'session.start']);
      expect((second.Items as Wire[])[0]!.DatabaseSessionStart.Metadata.ID).toBe(id);
    } finally {
      client.close();
      await late.close();
    }
  });
});
