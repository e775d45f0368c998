import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectTeleport, routesFor, type TeleportClient } from '../../../relay/src/teleport/connection.js';
import { parseIdentityFile, type Credentials } from '../../../relay/src/teleport/identity-file.js';
import { TeleportError } from '../../../relay/src/teleport/errors.js';
import { silentLogger } from '../../../relay/src/log.js';
import { createCluster, identityFileText, issueIdentity, type TestCluster } from '../../teleport/pki.js';
import { startTlsRoutingProxy } from '../../teleport/proxy.js';
import { startFakeTeleport, type FakeTeleport } from '../../teleport/server.js';
import { expectedRequest } from './harness.js';

let cluster: TestCluster;
let teleport: FakeTeleport;
let relay: Credentials;
const open: TeleportClient[] = [];

async function credentialsFor(
  user: string,
  roles: string[],
  opts: { notBefore?: Date; notAfter?: Date } = {},
): Promise<Credentials> {
  return parseIdentityFile(identityFileText(await issueIdentity(cluster, { user, roles, keyType: 'ecdsa', ...opts })));
}

async function connect(
  credentials = relay,
  mode: 'auth' | 'proxy' | 'auto' = 'auth',
  addr = teleport.address,
): Promise<TeleportClient> {
  const client = await connectTeleport({ addr, mode, credentials, logger: silentLogger() });
  open.push(client);
  return client;
}

beforeAll(async () => {
  cluster = await createCluster('example.com');
  teleport = await startFakeTeleport({ cluster, proxyPublicAddr: 'teleport.example.com:443' });
  relay = await credentialsFor('access-plugin', ['access-plugin']);
});
afterAll(async () => {
  for (const c of open) c.close();
  await teleport.close();
});

describe('direct connection to the Auth Service', () => {
  it('pings over mTLS and reads the cluster facts', async () => {
    const info = await (await connect()).ping();
    expect(info).toEqual({
      clusterName: 'example.com',
      serverVersion: expect.any(String),
      proxyPublicAddr: 'teleport.example.com:443',
      advancedAccessWorkflows: expect.any(Boolean),
    });
    expect(teleport.stats.pings).toBeGreaterThan(0);
  });

  it('decodes every field it declares from the stand-in’s fuller schema, skipping the rest', async () => {
    const pending = teleport.createRequest({
      user: 'alice',
      roles: ['db'],
      reason: 'deploy =1+1',
      suggestedReviewers: ['bob'],
      resources: [{ cluster: 'example.com', kind: 'node', name: 'web-1', subResource: '' }],
    });
    const approved = teleport.createRequest({ user: 'carol', roles: ['ops'] });
    teleport.review(approved.id, { author: 'bob', state: 'APPROVED', reason: 'fine' });
    const promoted = teleport.createRequest({ user: 'dan', roles: ['dev'] });
    teleport.review(promoted.id, { author: 'erin', state: 'PROMOTED', promotedTo: 'Developers' });
    const listed = await (await connect()).listAccessRequests();
    const byId = new Map(listed.map((r) => [r.id, r]));
    for (const r of teleport.requests()) expect(byId.get(r.id)).toEqual(expectedRequest(r));
    expect(byId.get(pending.id)?.resources).toEqual([
      { cluster: 'example.com', kind: 'node', name: 'web-1', subResource: '' },
    ]);
    expect(byId.get(promoted.id)?.promotedTo).toBe('Developers');
  });

  it('pages through ListAccessRequests', async () => {
    for (let i = 0; i < 7; i += 1) teleport.createRequest({ user: `pager-${i}`, roles: ['db'] });
    teleport.setPageSize(2);
    try {
      const before = teleport.stats.listPages;
      const listed = await (await connect()).listAccessRequests();
      expect(listed.map((r) => r.id).sort()).toEqual(
        teleport
          .requests()
          .map((r) => r.id)
          .sort(),
      );
      expect(teleport.stats.listPages - before).toBeGreaterThanOrEqual(Math.ceil(listed.length / 2));
    } finally {
      teleport.setPageSize(Number.MAX_SAFE_INTEGER);
    }
  });

  it('falls back to GetAccessRequestsV2 when ListAccessRequests is unimplemented', async () => {
    teleport.setListImplemented(false);
    try {
      const before = teleport.stats.legacyLists;
      const listed = await (await connect()).listAccessRequests();
      expect(listed.map((r) => r.id).sort()).toEqual(
        teleport
          .requests()
          .map((r) => r.id)
          .sort(),
      );
      expect(teleport.stats.legacyLists).toBe(before + 1);
    } finally {
      teleport.setListImplemented(true);
    }
  });

  it('reports a missing permission with the role rule to add', async () => {
    const viewer = await credentialsFor('viewer-bot', ['viewer']);
    const err = await (await connect(viewer)).listAccessRequests().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TeleportError);
    expect(err).toMatchObject({ code: 'permission_denied', message: expect.stringContaining('viewer-bot') });
    expect((err as TeleportError).fix).toContain('verbs [list, read]');
  });

  it('refuses an expired certificate before dialling, with the fix', async () => {
    const expired = await credentialsFor('access-plugin', ['access-plugin'], {
      notBefore: new Date(Date.now() - 7_200_000),
      notAfter: new Date(Date.now() - 1000),
    });
    const err = await connect(expired).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'credentials', message: expect.stringContaining('expired at') });
    expect((err as TeleportError).fix).toContain('tctl auth sign');
  });

  it('fails a certificate from another cluster as unavailable (the TLS handshake fails)', async () => {
    const other = await createCluster('other.example.com');
    const stranger = parseIdentityFile(
      identityFileText(await issueIdentity(other, { user: 'access-plugin', roles: ['access-plugin'] })),
    );
    await expect((await connect(stranger)).ping()).rejects.toMatchObject({ code: 'unavailable' });
  });
});

describe('through a TLS-routing Proxy', () => {
  let proxy: Awaited<ReturnType<typeof startTlsRoutingProxy>>;
  beforeAll(async () => {
    proxy = await startTlsRoutingProxy({ routes: { 'example.com': teleport.address } });
  });
  afterAll(async () => {
    await proxy.close();
  });

  it('reaches the Auth Service with the teleport-auth ALPN route', async () => {
    const client = await connect(relay, 'proxy', proxy.address);
    expect(client.route).toBe('proxy');
    expect((await client.ping()).clusterName).toBe('example.com');
    const listed = await client.listAccessRequests();
    expect(listed.map((r) => r.id).sort()).toEqual(
      teleport
        .requests()
        .map((r) => r.id)
        .sort(),
    );
    expect(proxy.routed).toBeGreaterThan(0);
  });

  it('is refused on the direct route (the proxy reads only the first ALPN entry)', async () => {
    const refused = proxy.refused;
    await expect((await connect(relay, 'auth', proxy.address)).ping()).rejects.toMatchObject({ code: 'unavailable' });
    expect(proxy.refused).toBeGreaterThan(refused);
  });

  it('auto picks the route that answers', async () => {
    expect((await connect(relay, 'auto', proxy.address)).route).toBe('proxy');
    const direct = await connect(relay, 'auto', teleport.address);
    expect((await direct.ping()).clusterName).toBe('example.com');
  });

  it('auto tries the Auth Service first on port 3025, the Proxy first elsewhere', () => {
    expect(routesFor('auto', 3025)).toEqual(['auth', 'proxy']);
    expect(routesFor('auto', 443)).toEqual(['proxy', 'auth']);
    expect(routesFor('auth', 443)).toEqual(['auth']);
  });

  it('fails auto with every route’s reason when none answers', async () => {
    const err = await connect(relay, 'auto', '127.0.0.1:1').catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'unavailable', message: expect.stringMatching(/proxy: .*; auth: /) });
  });
});
