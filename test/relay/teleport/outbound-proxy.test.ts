// The connection to Teleport through an outbound HTTP proxy: CONNECT (with Basic credentials), then
// the same mTLS as without one; NO_PROXY and loopback go direct; a refusal names the proxy only.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { connectTeleport, type ConnectMode, type TeleportClient } from '../../../relay/src/teleport/connection.js';
import { parseIdentityFile, type Credentials } from '../../../relay/src/teleport/identity-file.js';
import { silentLogger } from '../../../relay/src/log.js';
import { startConnectProxy, type ConnectProxy, type ConnectProxyOptions } from '../../net/connect-proxy.js';
import { createCluster, identityFileText, issueIdentity } from '../../teleport/pki.js';
import { startTlsRoutingProxy, type TlsRoutingProxy } from '../../teleport/proxy.js';
import { startFakeTeleport, type FakeTeleport } from '../../teleport/server.js';

const AUTH = 'auth.example.test:3025';
const TENANT = 'tenant.example.test:443';
const PASSWORD = 'pa:ss@word';
let teleport: FakeTeleport;
let routing: TlsRoutingProxy;
let credentials: Credentials;
let proxy: ConnectProxy | null = null;
const open: TeleportClient[] = [];

beforeAll(async () => {
  const cluster = await createCluster('example.test');
  teleport = await startFakeTeleport({ cluster, proxyPublicAddr: TENANT });
  routing = await startTlsRoutingProxy({ routes: { [cluster.name]: teleport.address } });
  const identity = await issueIdentity(cluster, { user: 'access-plugin', roles: ['access-plugin'] });
  credentials = parseIdentityFile(identityFileText(identity));
});
afterEach(async () => {
  for (const c of open.splice(0)) c.close();
  await proxy?.close();
  proxy = null;
});
afterAll(async () => {
  await routing.close();
  await teleport.close();
});

async function withProxy(o: ConnectProxyOptions = {}): Promise<ConnectProxy> {
  proxy = await startConnectProxy({ hosts: { [AUTH]: teleport.address, [TENANT]: routing.address }, ...o });
  return proxy;
}

async function connect(addr: string, mode: ConnectMode, env: Record<string, string>): Promise<TeleportClient> {
  const client = await connectTeleport({ addr, mode, credentials, logger: silentLogger(), env });
  open.push(client);
  return client;
}

function proxyUrl(p: ConnectProxy, user = 'relay'): string {
  return `http://${user}:${encodeURIComponent(PASSWORD)}@127.0.0.1:${p.port}`;
}

describe('Teleport through an HTTP CONNECT proxy', () => {
  it('reaches the Auth Service directly through the tunnel, sending the Basic credentials', async () => {
    const p = await withProxy({ credentials: { user: 'relay', password: PASSWORD } });
    const client = await connect(AUTH, 'auth', { HTTPS_PROXY: proxyUrl(p) });
    expect((await client.ping()).clusterName).toBe('example.test');
    expect(p.tunnels[0]).toEqual({ target: AUTH, credentials: `relay:${PASSWORD}`, status: 200 });
    expect(client.path).toBe(`directly to the Auth Service, through the proxy http://127.0.0.1:${p.port}`);
  });

  it('reaches TLS routing through the tunnel (HTTP_PROXY alone will do), probing for the upgrade too', async () => {
    const p = await withProxy();
    teleport.createRequest({ user: 'alice', roles: ['db'] });
    const client = await connect(TENANT, 'proxy', { http_proxy: `127.0.0.1:${p.port}` });
    expect(await client.listAccessRequests()).not.toHaveLength(0);
    expect(client.path).toMatch(/^through the Proxy, TLS routing, through the proxy .*\(no connection upgrade: /);
    // One tunnel for the probe, then the connection itself.
    expect(p.opened(TENANT)).toBeGreaterThanOrEqual(2);
  });

  it('a proxy that refuses CONNECT fails Ping with a sentence naming the proxy, not its credentials', async () => {
    const p = await withProxy({ refuseWith: 403 });
    const client = await connect(TENANT, 'proxy', { HTTPS_PROXY: proxyUrl(p) });
    const err = await client.ping().then(
      () => null,
      (e: Error) => e,
    );
    expect(err?.message).toContain(`the proxy http://127.0.0.1:${p.port} refused CONNECT to ${TENANT} (HTTP/1.1 403`);
    expect(err?.message).not.toContain('pa:ss');
    expect(err?.message).not.toContain(encodeURIComponent(PASSWORD));
  });

  it('NO_PROXY sends a matching host direct (here: to a name only the proxy could resolve)', async () => {
    const p = await withProxy();
    const client = await connect(AUTH, 'auth', { HTTPS_PROXY: p.url, NO_PROXY: '.example.test' });
    await expect(client.ping()).rejects.toThrow(/Name resolution failed|ENOTFOUND|EAI_AGAIN/);
    expect(p.tunnels).toHaveLength(0);
  });

  it('never proxies loopback, even with grpc-js’s own https_proxy set in the process environment', async () => {
    const p = await withProxy();
    const before = process.env.https_proxy;
    process.env.https_proxy = p.url;
    try {
      const client = await connect(teleport.address, 'auth', { HTTPS_PROXY: p.url });
      expect((await client.ping()).clusterName).toBe('example.test');
      const viaBridge = await connect(routing.address, 'proxy', { HTTPS_PROXY: p.url });
      expect((await viaBridge.ping()).clusterName).toBe('example.test');
    } finally {
      if (before === undefined) delete process.env.https_proxy;
      else process.env.https_proxy = before;
    }
    expect(p.tunnels).toHaveLength(0);
  });
});
