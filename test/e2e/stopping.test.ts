// SIGTERM ends the real relay process by itself, whatever happened before: stream drops, identity
// renewals, load-balancer drops on the connection upgrade, proxy tunnel cuts, a sheet that hangs.
// "By itself" is the point: the process has nothing left to wait for, so it exits; a relay that
// kept a timer or a socket would outlive the bound below and be SIGKILLed by afterEach.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startConnectProxy, type ConnectProxy } from '../net/connect-proxy.js';
import { createWebCa } from '../net/web-pki.js';
import { startLoadBalancer, type LoadBalancer } from '../teleport/load-balancer.js';
import { until } from '../until.js';
import { Chain } from './chain.js';
import type { RelayProcess } from './relay-process.js';
import { newRequest, seededRandom } from './workload.js';

const TELEPORT = 'teleport.example.test:443';
/** The default shutdown_timeout (10 s) plus a generous margin for a loaded machine. */
const EXIT_BOUND_MS = 30_000;

let chain: Chain | null = null;
let lb: LoadBalancer | null = null;
let proxy: ConnectProxy | null = null;
afterEach(async () => {
  await chain?.close();
  await proxy?.close();
  await lb?.close();
  chain = lb = proxy = null;
});

/** SIGTERM, then the exit code once the process has ended on its own. */
async function terminate(relay: RelayProcess): Promise<number | null> {
  const exited = relay.stop();
  await until(
    'the relay to exit after SIGTERM',
    () => relay.running,
    (running) => !running,
    { timeoutMs: EXIT_BOUND_MS, intervalMs: 50, show: () => relay.tail(10) },
  );
  return exited;
}

/** Does `cut`, then waits for the relay to be watching again on a new stream. */
async function reconnectAfter(c: Chain, cut: () => unknown): Promise<void> {
  const inits = c.teleport.stats.initsSent;
  await cut();
  await c.teleport.waitFor(() => c.teleport.stats.initsSent > inits, 30_000);
}

describe('end to end: stopping', () => {
  it('exits 0 on SIGTERM after drops of the stream, the upgrade and the proxy tunnel, and renewals', async () => {
    chain = await Chain.start({ viaProxy: true });
    const ca = await createWebCa();
    lb = await startLoadBalancer({ ...(await ca.issue(['teleport.example.test'])), upstream: chain.proxy!.address });
    proxy = await startConnectProxy({ hosts: { [TELEPORT]: lb.address } });
    const random = seededRandom(23);
    for (let i = 0; i < 20; i++) newRequest(chain.teleport, random);
    const relay = await chain.startRelay({
      addr: TELEPORT,
      mode: 'proxy',
      env: { NODE_EXTRA_CA_CERTS: await ca.writeTo(join(chain.dir, 'web-ca.pem')), HTTPS_PROXY: proxy.url },
    });
    expect((await chain.converge()).ok).toBe(true);
    const c = chain;
    const cuts = [
      () => c.teleport.dropStreams('unavailable'),
      () => lb!.dropAll(),
      () => proxy!.dropAll(),
      () => c.rotateIdentity(),
      () => c.teleport.dropStreams('reset'),
    ];
    for (let round = 0; round < 2; round++) for (const cut of cuts) await reconnectAfter(c, cut);
    expect(lb.upgrades.websocket).toBeGreaterThanOrEqual(8);
    for (let i = 0; i < 5; i++) newRequest(chain.teleport, random);
    expect((await chain.converge()).ok).toBe(true);

    expect(await terminate(relay)).toBe(0);
    expect(relay.output.join('\n')).toContain('stopped; everything queued was delivered');
  });

  it('exits 0 within shutdown_timeout of SIGTERM while the sheet hangs, after a dropped stream', async () => {
    chain = await Chain.start();
    newRequest(chain.teleport, seededRandom(29));
    const relay = await chain.startRelay({ sheetTimeout: '60s' });
    expect((await chain.converge()).ok).toBe(true);
    await reconnectAfter(chain, () => chain!.teleport.dropStreams('reset'));
    chain.web.setFaults(({ method }) => (method === 'POST' ? { kind: 'timeout' } : null));
    const posts = chain.web.posts;
    newRequest(chain.teleport, seededRandom(31));
    await until('a POST that hangs', () => chain!.web.posts > posts);

    expect(await terminate(relay)).toBe(0);
    expect(relay.output.join('\n')).toContain('stopped with ops undelivered');
  });
});
