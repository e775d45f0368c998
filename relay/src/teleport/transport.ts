// How the bytes of one route reach Teleport: grpc-js dials the first hop (Teleport itself, or the
// environment's proxy), then `carry` turns that connection into the stream the Teleport TLS runs on:
// an HTTP CONNECT tunnel, and for the TLS-routing route the ALPN connection upgrade when a load
// balancer needs it. The TLS that authenticates the Auth Service always runs end to end on top
// (channel-credentials.ts).
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { OutboundProxyError, proxyFor, type Env, type OutboundProxy, type Target } from '../proxy/environment.js';
import { decideUpgrade, type UpgradeDecision, type UpgradeSetting } from './connection-upgrade.js';
import { TeleportError } from './errors.js';
import { firstHop, tunnelThrough } from '../proxy/tunnel.js';
import { openUpgradedStream } from './upgrade-tunnel.js';

export interface TransportPlan {
  /** What grpc-js dials over TCP. */
  firstHop: Target;
  /** From that TCP connection to the stream the Teleport TLS runs on. */
  carry: (socket: Socket) => Promise<Duplex>;
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

/** The probe and every connection step of the plan give up as soon as `signal` (the session's) aborts. */
export async function planTransport(
  route: 'auth' | 'proxy',
  addr: string,
  target: Target,
  setting: UpgradeSetting,
  env: Env,
  signal?: AbortSignal,
): Promise<TransportPlan> {
  const proxy = environmentProxy(target, env);
  const via = proxy ? `, through the proxy ${proxy.name}` : '';
  const tunnel = async (socket: Socket) => (proxy ? tunnelThrough(socket, proxy, target, signal) : socket);
  const plan = { firstHop: firstHop(target, proxy), carry: tunnel, proxy, upgrade: null };
  if (route === 'auth') return { ...plan, describe: `directly to the Auth Service${via}` };
  const upgrade = await decideUpgrade(addr, target, setting, env, signal);
  if (!upgrade.required)
    return {
      ...plan,
      upgrade,
      describe: `through the Proxy, TLS routing${via} (no connection upgrade: ${upgrade.reason})`,
    };
  return {
    ...plan,
    carry: async (socket) => (await openUpgradedStream(await tunnel(socket), target, env, signal)).stream,
    upgrade,
    describe: `through the Proxy, TLS routing inside the ALPN connection upgrade${via} (${upgrade.reason})`,
  };
}
