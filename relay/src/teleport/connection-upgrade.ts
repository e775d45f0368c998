// Whether the TLS-routing connection must be tunnelled through the Proxy's HTTP connection upgrade
// because an L7 load balancer in front of it terminates TLS. Decided as Teleport's client decides:
// the TELEPORT_TLS_ROUTING_CONN_UPGRADE override first, else one probing TLS handshake.
import { isIP } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import type { Env, Target } from '../proxy/environment.js';
import { dialTarget } from '../proxy/tunnel.js';
import { destroyOnAbort } from '../timing/scope.js';

export type UpgradeSetting = 'auto' | 'always' | 'never';
export const UPGRADE_ENV = 'TELEPORT_TLS_ROUTING_CONN_UPGRADE';

export interface UpgradeDecision {
  required: boolean;
  /** Why, in words for `check` and the logs. */
  reason: string;
}

const PROBE_TIMEOUT_MS = 10_000;
const TRUE = new Set(['yes', 'yeah', 'y', 'true', '1', 'on']);
/** Only answers that came from the server are remembered; a network failure is asked again. */
const probed = new Map<string, UpgradeDecision>();

/** The override for `addr`, or null when the variable is unset or empty. */
export function upgradeFromEnv(addr: string, env: Env): boolean | null {
  const value = env[UPGRADE_ENV]?.trim();
  if (!value) return null;
  let fallback = false;
  for (const token of value.split(/[,;]/).map((t) => t.trim())) {
    const eq = token.lastIndexOf('=');
    if (eq < 0) fallback = TRUE.has(token.toLowerCase());
    else if (token.slice(0, eq).trim() === addr)
      return TRUE.has(
        token
          .slice(eq + 1)
          .trim()
          .toLowerCase(),
      );
  }
  return fallback;
}

export async function decideUpgrade(
  addr: string,
  target: Target,
  setting: UpgradeSetting,
  env: Env,
  signal?: AbortSignal,
): Promise<UpgradeDecision> {
  const fromEnv = upgradeFromEnv(addr, env);
  if (fromEnv !== null) return { required: fromEnv, reason: `${UPGRADE_ENV} says ${fromEnv ? 'yes' : 'no'}` };
  if (setting !== 'auto')
    return { required: setting === 'always', reason: `teleport.connection_upgrade = "${setting}"` };
  const known = probed.get(addr);
  if (known) return known;
  const answer = await probe(target, env, signal);
  if (answer.remember) probed.set(addr, answer.decision);
  return answer.decision;
}

/**
 * One TLS handshake offering only `teleport-reversetunnel`, checked against the system's roots.
 * Teleport's Proxy negotiates it; a load balancer that terminates TLS negotiates nothing or
 * rejects the protocol; any other failure says nothing, so no upgrade.
 */
async function probe(
  target: Target,
  env: Env,
  signal?: AbortSignal,
): Promise<{ decision: UpgradeDecision; remember: boolean }> {
  let socket;
  try {
    socket = await dialTarget(target, env, signal);
  } catch (err) {
    return {
      decision: { required: false, reason: `probe could not connect (${(err as Error).message})` },
      remember: false,
    };
  }
  return new Promise((resolve) => {
    const tls = tlsConnect({
      socket,
      // `host` is what the certificate is checked against when TLS runs over an existing socket.
      host: target.host,
      servername: isIP(target.host) ? undefined : target.host,
      ALPNProtocols: ['teleport-reversetunnel'],
    });
    const timer = setTimeout(() => tls.destroy(new Error('TLS handshake timed out')), PROBE_TIMEOUT_MS);
    const release = destroyOnAbort(tls, signal);
    const done = (decision: UpgradeDecision, remember: boolean) => {
      clearTimeout(timer);
      release();
      tls.destroy();
      resolve({ decision, remember });
    };
    tls.once('secureConnect', () => {
      if (tls.alpnProtocol) done({ required: false, reason: `the Proxy negotiated ALPN ${tls.alpnProtocol}` }, true);
      else done({ required: true, reason: 'the server negotiated no ALPN (an L7 load balancer terminates TLS)' }, true);
    });
    tls.once('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'ERR_SSL_TLSV1_ALERT_NO_APPLICATION_PROTOCOL')
        done(
          { required: true, reason: 'the server refused the ALPN protocol (an L7 load balancer terminates TLS)' },
          true,
        );
      else done({ required: false, reason: `probe handshake failed (${err.code ?? err.message})` }, false);
    });
  });
}
