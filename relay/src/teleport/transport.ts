// How the bytes of one route reach Teleport: TCP, an HTTP CONNECT tunnel through the environment's
// proxy, and for the TLS-routing route the ALPN connection upgrade when a load balancer needs it.
// The TLS that authenticates the Auth Service always runs end to end on top (proxy-bridge.ts).
import type { Duplex } from 'node:stream';
import { decideUpgrade, type UpgradeDecision, type UpgradeSetting } from './connection-upgrade.js';
import { TeleportError } from './errors.js';
import { OutboundProxyError, proxyFor, type Env, type OutboundProxy, type Target } from '../net/outbound-proxy.js';
import { dialTarget, dialThroughProxy } from './proxy-tunnel.js';
import { openUpgradedStream } from './upgrade-tunnel.js';

export interface TransportPlan {
  /** Null: grpc-js may dial the address itself (the direct Auth route without a proxy). */
  dial: (() => Promise<Duplex>) | null;
  proxy: OutboundProxy | null;
  upgrade: UpgradeDecision | null;
  /** The path in words, for `check` and the logs; never carries proxy credentials. */
  describe: string;
}

function environmentProxy(target: Target, env: Env): OutboundProxy | null {
  try {
    return proxyFor(target, 'tls', env);
  } catch (err) {
    if (!(err instanceof OutboundProxyError)) throw err;
    throw new TeleportError('invalid_argument', err.message, { fix: err.fix, cause: err });
  }
}

export async function planTransport(
  route: 'auth' | 'proxy',
  addr: string,
  target: Target,
  setting: UpgradeSetting,
  env: Env,
): Promise<TransportPlan> {
  const proxy = environmentProxy(target, env);
  const via = proxy ? `, through the proxy ${proxy.name}` : '';
  if (route === 'auth') {
    const dial = proxy ? () => dialThroughProxy(proxy, target) : null;
    return { dial, proxy, upgrade: null, describe: `directly to the Auth Service${via}` };
  }
  const upgrade = await decideUpgrade(addr, target, setting, env);
  if (!upgrade.required)
    return {
      dial: () => dialTarget(target, env),
      proxy,
      upgrade,
      describe: `through the Proxy, TLS routing${via} (no connection upgrade: ${upgrade.reason})`,
    };
  return {
    dial: async () => (await openUpgradedStream(target, env)).stream,
    proxy,
    upgrade,
    describe: `through the Proxy, TLS routing inside the ALPN connection upgrade${via} (${upgrade.reason})`,
  };
}
