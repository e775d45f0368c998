import * as grpc from '@grpc/grpc-js';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createCluster, issueIdentity, type KeyType, type TestCluster } from './pki.js';
import { startFakeTeleport, type FakeTeleport } from './server.js';
import { connectClient, serverStream, unary, watchAccessRequests } from './test-client.js';

let cluster: TestCluster;
let teleport: FakeTeleport;
const clients: grpc.Client[] = [];

function track(client: grpc.Client): grpc.Client {
  clients.push(client);
  return client;
}

beforeAll(async () => {
  cluster = await createCluster('example.com');
  teleport = await startFakeTeleport({
    cluster,
    roles: { 'access-plugin': { accessRequest: ['list', 'read'] }, auditor: { accessRequest: ['list'] } },
  });
});

afterEach(() => {
  for (const client of clients.splice(0)) client.close();
});

afterAll(async () => {
  await teleport.close();
});

describe('mTLS', () => {
  it.each<KeyType>(['rsa', 'ecdsa', 'ed25519'])('accepts a %s client identity and answers Ping', async (keyType) => {
    const id = await issueIdentity(cluster, { user: 'access-plugin', roles: ['access-plugin'], keyType });
    const reply = await unary(track(connectClient(teleport.address, id)), 'Ping', {});
    expect(reply.ClusterName).toBe('example.com');
    expect(reply.ServerVersion).toBe('18.0.0');
    expect(reply.ProxyPublicAddr).toBe('teleport.example.com:443');
    expect(reply.ServerFeatures.AdvancedAccessWorkflows).toBe(true);
  });

  it('refuses an expired client certificate at the handshake', async () => {
    const before = teleport.stats.handshakeFailures;
    const id = await issueIdentity(cluster, {
      user: 'access-plugin',
      roles: ['access-plugin'],
      notBefore: new Date(Date.now() - 7_200_000),
      notAfter: new Date(Date.now() - 3_600_000),
    });
    const error = await unary(track(connectClient(teleport.address, id)), 'Ping', {}, undefined).catch(
      (e: grpc.ServiceError) => e,
    );
    expect((error as grpc.ServiceError).code).toBe(grpc.status.UNAVAILABLE);
    await teleport.waitFor(() => teleport.stats.handshakeFailures > before);
  });

  it('refuses a certificate issued by another cluster', async () => {
    const other = await createCluster('other.example.com');
    const foreign = await issueIdentity(other, { user: 'access-plugin', roles: ['access-plugin'] });
    // Trust the right server CA but present the foreign client certificate.
    const id = { ...foreign, cluster: { ...foreign.cluster, caCertPem: cluster.caCertPem } };
    const error = await unary(track(connectClient(teleport.address, id)), 'Ping', {}).catch(
      (e: grpc.ServiceError) => e,
    );
    expect((error as grpc.ServiceError).code).toBe(grpc.status.UNAVAILABLE);
  });
});

describe('RBAC and client rules', () => {
  it('denies listing without list+read on access_request, naming the verb', async () => {
    const id = await issueIdentity(cluster, { user: 'bob', roles: ['auditor'] });
    const error = await unary(track(connectClient(teleport.address, id)), 'ListAccessRequests', {}).catch(
      (e: grpc.ServiceError) => e,
    );
    expect((error as grpc.ServiceError).code).toBe(grpc.status.PERMISSION_DENIED);
    expect((error as grpc.ServiceError).details).toBe('access denied to perform action "read" on "access_request"');
  });

  it('denies watching to a caller without the role, and lets it Ping', async () => {
    const id = await issueIdentity(cluster, { user: 'carol', roles: ['nobody'] });
    const client = track(connectClient(teleport.address, id));
    expect((await unary(client, 'Ping', {})).ClusterName).toBe('example.com');
    const strict = await watchAccessRequests(client).ended;
    expect(strict.code).toBe(grpc.status.PERMISSION_DENIED);
    expect(strict.details).toBe('access denied to perform action "list" on "access_request"');
    const partial = await serverStream(client, 'WatchEvents', {
      Kinds: [{ Kind: 'access_request' }],
      AllowPartialSuccess: true,
    }).ended;
    expect(partial.code).toBe(grpc.status.INVALID_ARGUMENT);
    expect(partial.details).toBe('none of the requested kinds can be watched');
  });

  it('refuses a version metadata that is not supported semver, accepts a current one', async () => {
    const id = await issueIdentity(cluster, { user: 'access-plugin', roles: ['access-plugin'] });
    const client = track(connectClient(teleport.address, id));
    const bad = new grpc.Metadata();
    bad.set('version', 'not-a-version');
    const error = await unary(client, 'Ping', {}, bad).catch((e: grpc.ServiceError) => e);
    expect((error as grpc.ServiceError).details).toBe('client version is unsupported');
    const old = new grpc.Metadata();
    old.set('version', '12.4.0');
    await expect(unary(client, 'Ping', {}, old)).rejects.toMatchObject({ details: 'client version is unsupported' });
    const good = new grpc.Metadata();
    good.set('version', '18.1.2');
    expect((await unary(client, 'Ping', {}, good)).ServerVersion).toBe('18.0.0');
  });

  it('keeps a connection whose pings respect the enforcement policy', async () => {
    const lenient = await startFakeTeleport({ cluster, minPingIntervalMs: 20 });
    try {
      const id = await issueIdentity(cluster, { user: 'access-plugin', roles: ['access-plugin'] });
      const client = track(connectClient(lenient.address, id, { 'grpc.keepalive_time_ms': 100 }));
      const stream = watchAccessRequests(client);
      await stream.next();
      await lenient.waitFor(() => lenient.stats.clientPings >= 4);
      expect(lenient.stats.tooManyPings).toBe(0);
      expect(lenient.stats.openStreams).toBe(1);
      stream.call.cancel();
    } finally {
      await lenient.close();
    }
  });

  it('closes a connection that pings more often than the enforcement policy allows', async () => {
    const strict = await startFakeTeleport({ cluster, minPingIntervalMs: 60_000 });
    try {
      const id = await issueIdentity(cluster, { user: 'access-plugin', roles: ['access-plugin'] });
      const client = track(
        connectClient(strict.address, id, { 'grpc.keepalive_time_ms': 100, 'grpc.keepalive_timeout_ms': 5000 }),
      );
      const stream = watchAccessRequests(client);
      await stream.next();
      const status = await stream.ended;
      // grpc-js reports the ENHANCE_YOUR_CALM GOAWAY on open streams as RESOURCE_EXHAUSTED.
      expect([grpc.status.RESOURCE_EXHAUSTED, grpc.status.UNAVAILABLE]).toContain(status.code);
      expect(strict.stats.tooManyPings).toBe(1);
    } finally {
      await strict.close();
    }
  });
});
