// Every network: the relay process behind an L7 load balancer (the ALPN connection upgrade) and
// behind an outbound HTTP proxy, with the whole watch + list + delivery checked by the checker.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startConnectProxy, type ConnectProxy, type ConnectProxyOptions } from '../net/connect-proxy.js';
import { startTlsFront, type TlsFront } from '../net/tls-front.js';
import { createWebCa } from '../net/web-pki.js';
import { startLoadBalancer, type LoadBalancer, type UpgradeType } from '../teleport/load-balancer.js';
import { Chain } from './chain.js';
import { listeningSockets } from './listening.js';
import { describeVerdict } from './checker.js';
import { runCheck, type RelayConfig } from './relay-process.js';
import { newRequest, seededRandom } from './workload.js';

const TELEPORT = 'teleport.example.test:443';
const SHEET = 'script.google.test:443';
const PASSWORD = 'c0rp:pr0xy@pass';

interface Network {
  chain: Chain;
  lb: LoadBalancer;
  front: TlsFront;
  caFile: string;
  sheetUrl: string;
}
let network: Network | null = null;
let proxy: ConnectProxy | null = null;
afterEach(async () => {
  await proxy?.close();
  if (network) {
    await network.chain.close();
    await network.lb.close();
    await network.front.close();
  }
  proxy = network = null;
});

async function setUp(accepts?: UpgradeType[]): Promise<Network> {
  const chain = await Chain.start({ viaProxy: true });
  const ca = await createWebCa();
  const lbCert = await ca.issue(['teleport.example.test', '127.0.0.1']);
  const lb = await startLoadBalancer({ ...lbCert, upstream: chain.proxy!.address, ...(accepts ? { accepts } : {}) });
  const web = new URL(chain.web.url);
  const front = await startTlsFront({ ...(await ca.issue(['script.google.test'])), upstream: web.host });
  network = { chain, lb, front, caFile: await ca.writeTo(join(chain.dir, 'web-ca.pem')), sheetUrl: '' };
  network.sheetUrl = `https://script.google.test${web.pathname}`;
  return network;
}

async function withProxy(n: Network, o: ConnectProxyOptions = {}): Promise<ConnectProxy> {
  proxy = await startConnectProxy({ hosts: { [TELEPORT]: n.lb.address, [SHEET]: n.front.address }, ...o });
  return proxy;
}

function checkConfig(n: Network, extra: Partial<RelayConfig>): RelayConfig {
  return {
    addr: n.lb.address,
    mode: 'auto',
    identity: n.chain.identityPath,
    sheetUrl: n.chain.web.url,
    secretFile: n.chain.secretFile,
    id: 'check',
    ...extra,
    env: { NODE_EXTRA_CA_CERTS: n.caFile, ...extra.env },
  };
}

describe('end to end: every network', () => {
  it('behind an L7 load balancer: detects the upgrade, mirrors everything, and heals a dropped stream', async () => {
    const { chain, lb, caFile } = await setUp();
    const random = seededRandom(11);
    for (let i = 0; i < 50; i++) newRequest(chain.teleport, random);
    const relay = await chain.startRelay({ addr: lb.address, mode: 'auto', env: { NODE_EXTRA_CA_CERTS: caFile } });
    console.log(`  load balancer: ${describeVerdict(await chain.converge())}`);
    expect(lb.upgrades.websocket).toBeGreaterThanOrEqual(1);
    expect(lb.requests.at(-1)).toMatchObject({
      path: '/webapi/connectionupgrade',
      upgrade: 'websocket',
      protocol: 'alpn',
    });
    expect(relay.output.join('\n')).toContain('inside the ALPN connection upgrade');

    const inits = chain.teleport.stats.initsSent;
    const upgrades = lb.upgrades.websocket;
    lb.dropAll();
    await chain.teleport.waitFor(() => chain.teleport.stats.initsSent > inits, 30_000);
    for (let i = 0; i < 10; i++) newRequest(chain.teleport, random);
    expect((await chain.converge()).ok).toBe(true);
    expect(lb.upgrades.websocket).toBeGreaterThan(upgrades);
  });

  it('check says which path it took and why; the load balancer is verified like any web server', async () => {
    const n = await setUp();
    const detected = await runCheck(n.chain.dir, checkConfig(n, {}));
    expect(detected.stdout).toMatch(
      /✓ connection: .*TLS routing inside the ALPN connection upgrade \(the server negotiated no ALPN/,
    );
    expect(detected.code).toBe(0);
    const forcedOff = await runCheck(n.chain.dir, checkConfig(n, { env: { TELEPORT_TLS_ROUTING_CONN_UPGRADE: 'no' } }));
    expect(forcedOff.code).toBe(1);
    expect(forcedOff.stdout).toContain('TELEPORT_TLS_ROUTING_CONN_UPGRADE says no');

    const untrusted = await startLoadBalancer({
      ...(await (await createWebCa('Unknown CA')).issue(['127.0.0.1'])),
      upstream: n.chain.proxy!.address,
    });
    try {
      const refused = await runCheck(
        n.chain.dir,
        checkConfig(n, { addr: untrusted.address, connectionUpgrade: 'always' }),
      );
      expect(refused.code).toBe(1);
      expect(refused.stdout).toMatch(/TLS to 127\.0\.0\.1:\d+ failed: .*(certificate|issuer)/);
      expect(untrusted.upgrades.websocket).toBe(0);
    } finally {
      await untrusted.close();
    }
  });

  it('legacy upgrade when the Proxy answers the WebSocket upgrade with 404 (Teleport before 15.1)', async () => {
    const n = await setUp(['alpn']);
    const result = await runCheck(n.chain.dir, checkConfig(n, { connectionUpgrade: 'always' }));
    expect(result.stdout).toContain('teleport.connection_upgrade = "always"');
    expect(result.code).toBe(0);
    expect(n.lb.upgrades.alpn).toBeGreaterThanOrEqual(1);
  });

  it('through a proxy with credentials: Teleport (behind the load balancer) and the sheet both tunnel', async () => {
    const n = await setUp();
    const p = await withProxy(n, { credentials: { user: 'relay', password: PASSWORD } });
    const random = seededRandom(12);
    for (let i = 0; i < 20; i++) newRequest(n.chain.teleport, random);
    const relay = await n.chain.startRelay({
      addr: TELEPORT,
      sheetUrl: n.sheetUrl,
      mode: 'auto',
      env: {
        NODE_EXTRA_CA_CERTS: n.caFile,
        HTTPS_PROXY: `http://relay:${encodeURIComponent(PASSWORD)}@127.0.0.1:${p.port}`,
        // The proxy library's own debug output is on, and must not carry the credentials either.
        DEBUG: 'https-proxy-agent',
      },
    });
    expect((await n.chain.converge()).ok).toBe(true);
    expect(p.opened(TELEPORT)).toBeGreaterThanOrEqual(2);
    expect(p.opened(SHEET)).toBeGreaterThanOrEqual(1);
    expect(p.tunnels.every((t) => t.credentials === `relay:${PASSWORD}`)).toBe(true);
    expect(n.front.connections).toBeGreaterThanOrEqual(1);
    expect(relay.output.join('\n')).toContain('https-proxy-agent');
    expect(relay.output.join('\n')).not.toMatch(/c0rp|pr0xy/);
  });

  it('a proxy that refuses CONNECT: check names the proxy on both paths, never its credentials', async () => {
    const n = await setUp();
    const p = await withProxy(n, { refuseWith: 403 });
    const proxyUrl = `http://relay:${encodeURIComponent(PASSWORD)}@127.0.0.1:${p.port}`;
    const result = await runCheck(
      n.chain.dir,
      checkConfig(n, { addr: TELEPORT, sheetUrl: n.sheetUrl, env: { HTTPS_PROXY: proxyUrl } }),
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`the proxy http://127.0.0.1:${p.port} refused CONNECT to ${TELEPORT}`);
    expect(result.stdout).toMatch(new RegExp(`✗ web app: proxy: .*through the proxy http://127.0.0.1:${p.port}`));
    expect(result.stdout).not.toMatch(/c0rp|pr0xy/);
  });

  it('opens no door beside its HTTP port, even with no usable temp dir (TLS routing, CONNECT, upgrade)', async () => {
    const n = await setUp();
    const p = await withProxy(n);
    // A file where the temp folder should be: nothing can be created under it, not even by root.
    const noTmp = join(n.chain.dir, 'not-a-folder');
    await writeFile(noTmp, '');
    for (let i = 0; i < 5; i++) newRequest(n.chain.teleport, seededRandom(13));
    const env = { NODE_EXTRA_CA_CERTS: n.caFile, TMPDIR: noTmp };
    const tunnelled = await n.chain.startRelay({
      addr: TELEPORT,
      sheetUrl: n.sheetUrl,
      mode: 'proxy',
      env: { ...env, HTTPS_PROXY: p.url },
    });
    const routed = await n.chain.startRelay({ addr: n.chain.proxy!.address, mode: 'proxy', env });
    expect((await n.chain.converge()).ok).toBe(true);
    await n.chain.teleport.waitFor(() => n.chain.teleport.stats.openStreams >= 2, 30_000);
    expect(p.opened(TELEPORT)).toBeGreaterThanOrEqual(1);
    expect(n.lb.upgrades.websocket).toBeGreaterThanOrEqual(1);
    for (const relay of [tunnelled, routed]) {
      expect(relay.running).toBe(true);
      expect(await listeningSockets(relay.pid!)).toEqual({ tcp: [relay.httpPort], unix: [] });
    }
  });

  it('NO_PROXY and loopback bypass the proxy: a relay on loopback addresses never touches it', async () => {
    const n = await setUp();
    const p = await withProxy(n);
    const result = await runCheck(n.chain.dir, checkConfig(n, { env: { HTTPS_PROXY: p.url, NO_PROXY: '.test' } }));
    expect(result.code, result.stdout).toBe(0);
    expect(p.tunnels).toEqual([]);
  });
});
