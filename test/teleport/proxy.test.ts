import * as net from 'node:net';
import * as tls from 'node:tls';
import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCluster, issueIdentity, type IssuedIdentity } from './pki.js';
import { authRouteProtocol, startTlsRoutingProxy, type TlsRoutingProxy } from './proxy.js';
import { startFakeTeleport, type FakeTeleport } from './server.js';
import { insecureClient, unary } from './test-client.js';

let alpha: { teleport: FakeTeleport; identity: IssuedIdentity };
let beta: { teleport: FakeTeleport; identity: IssuedIdentity };
let proxy: TlsRoutingProxy;
const closers: (() => Promise<void> | void)[] = [];

async function clusterNamed(name: string): Promise<{ teleport: FakeTeleport; identity: IssuedIdentity }> {
  const cluster = await createCluster(name);
  const teleport = await startFakeTeleport({ cluster });
  closers.push(() => teleport.close());
  return {
    teleport,
    identity: await issueIdentity(cluster, { user: 'access-plugin', roles: ['access-plugin'], keyType: 'ed25519' }),
  };
}

function tlsOptions(id: IssuedIdentity, alpn: string[] | undefined): tls.ConnectionOptions {
  return {
    host: '127.0.0.1',
    port: proxy.port,
    servername: 'teleport.cluster.local',
    key: id.keyPem,
    cert: id.certPem,
    ca: id.cluster.caCertPem,
    ALPNProtocols: alpn,
  };
}

/** The relay's bridge shape: grpc-js speaks plaintext h2 to a loopback listener, each accepted
 *  connection is carried over our own TLS connection (with the routing ALPN) to the proxy. */
async function bridge(id: IssuedIdentity, alpn: string[]): Promise<string> {
  const server = net.createServer((local) => {
    const remote = tls.connect(tlsOptions(id, alpn));
    remote.on('error', () => local.destroy());
    local.on('error', () => remote.destroy());
    local.pipe(remote).pipe(local);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return `127.0.0.1:${(server.address() as net.AddressInfo).port}`;
}

/** Resolves how a direct TLS connection through the proxy ends: handshake done, or closed before. */
function handshake(options: tls.ConnectionOptions): Promise<'secure' | 'closed'> {
  return new Promise((resolve) => {
    const socket = tls.connect(options);
    socket.once('secureConnect', () => {
      resolve('secure');
      socket.destroy();
    });
    socket.once('error', () => resolve('closed'));
    socket.once('close', () => resolve('closed'));
  });
}

beforeAll(async () => {
  alpha = await clusterNamed('example.com');
  beta = await clusterNamed('other.test');
  proxy = await startTlsRoutingProxy({
    routes: { 'example.com': alpha.teleport.address, 'other.test': beta.teleport.address },
  });
  closers.push(() => proxy.close());
});

afterAll(async () => {
  for (const close of closers.reverse()) await close();
});

describe('TLS routing proxy', () => {
  it('names the route as Teleport does', () => {
    expect(authRouteProtocol('example.com')).toBe('teleport-auth@6578616d706c652e636f6d.teleport.cluster.local');
  });

  it.each(['alpha', 'beta'] as const)('routes by the first ALPN entry to %s, with mTLS end to end', async (which) => {
    const target = which === 'alpha' ? alpha : beta;
    const client = insecureClient(
      await bridge(target.identity, [authRouteProtocol(target.identity.cluster.name), 'h2']),
    );
    try {
      expect((await unary(client, 'Ping', {})).ClusterName).toBe(target.identity.cluster.name);
      expect(target.teleport.stats.pings).toBeGreaterThan(0);
    } finally {
      client.close();
    }
  });

  it.each([
    ['the route second', (id: IssuedIdentity) => ['h2', authRouteProtocol(id.cluster.name)]],
    ['only h2', () => ['h2']],
    ['no ALPN', () => undefined],
    ['an unknown cluster', () => [authRouteProtocol('nowhere.test'), 'h2']],
  ])('refuses a hello with %s', async (_label, alpn) => {
    const before = proxy.refused;
    expect(await handshake(tlsOptions(alpha.identity, alpn(alpha.identity)))).toBe('closed');
    expect(proxy.refused).toBe(before + 1);
  });

  it('refuses bytes that are not TLS', async () => {
    const before = proxy.refused;
    const socket = net.connect(proxy.port, '127.0.0.1');
    socket.on('error', () => undefined);
    socket.write('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n');
    await new Promise((resolve) => socket.once('close', resolve));
    expect(proxy.refused).toBe(before + 1);
  });

  it('passes the client certificate through: a foreign identity fails at the Auth Service', async () => {
    const stranger = await issueIdentity(await createCluster('stranger.test'), { user: 'x', roles: ['access-plugin'] });
    const id = { ...stranger, cluster: { ...stranger.cluster, caCertPem: alpha.identity.cluster.caCertPem } };
    const client = insecureClient(await bridge(id, [authRouteProtocol('example.com'), 'h2']));
    try {
      await expect(unary(client, 'Ping', {})).rejects.toMatchObject({ code: grpc.status.UNAVAILABLE });
    } finally {
      client.close();
    }
  });
});
