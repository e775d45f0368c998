// The ALPN connection upgrade: TLS to the load balancer (verified like any public web server: the
// system's roots plus NODE_EXTRA_CA_CERTS), then GET /webapi/connectionupgrade. The returned stream
// carries the inner TLS-routing handshake, which is verified against the cluster's CA as always.
import { isIP, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { connect as tlsConnect, type TLSSocket } from 'node:tls';
import { RelayError } from '../errors.js';
import { hostPort, type Env, type Target } from '../proxy/environment.js';
import { dialTarget, readResponseHead } from '../proxy/tunnel.js';
import { destroyOnAbort } from '../timing/scope.js';

export const UPGRADE_PATH = '/webapi/connectionupgrade';
const HANDSHAKE_TIMEOUT_MS = 15_000;
/**
 * The largest WebSocket frame taken from the load balancer. Teleport sends the inner TLS stream one
 * write per frame (TLS records of at most ~16 KiB, copied in 32 KiB chunks); a larger frame is
 * refused at its header rather than buffered (ws would otherwise hold up to 100 MiB of it).
 */
export const MAX_FRAME_BYTES = 1024 * 1024;

const UPGRADE_FIX =
  'check that the load balancer reaches a healthy Proxy and forwards `Upgrade: websocket` to it ' +
  '(a private CA for its certificate goes in NODE_EXTRA_CA_CERTS)';

/** `tls`: the load balancer's certificate or handshake; `refused`: no 101; `failed`: the stream broke. */
export class UpgradeError extends RelayError<'tls' | 'refused' | 'failed'> {
  constructor(
    code: 'tls' | 'refused' | 'failed',
    message: string,
    readonly status?: number,
  ) {
    super(code, message, { fix: UPGRADE_FIX });
  }
}

export type UpgradeKind = 'websocket' | 'legacy';
/** Servers that answered 404 to the WebSocket upgrade (Teleport before 15.1) get the legacy one. */
const legacyOnly = new Set<string>();

function outerTls(raw: Socket, target: Target, signal?: AbortSignal): Promise<TLSSocket> {
  return new Promise((resolve, reject) => {
    const tls = tlsConnect({
      socket: raw,
      host: target.host,
      servername: isIP(target.host) ? undefined : target.host,
    });
    const timer = setTimeout(() => tls.destroy(new Error('handshake timed out')), HANDSHAKE_TIMEOUT_MS);
    const release = destroyOnAbort(tls, signal);
    tls.once('secureConnect', () => {
      clearTimeout(timer);
      release();
      tls.off('error', reject);
      resolve(tls);
    });
    tls.once('error', (err) => {
      clearTimeout(timer);
      release();
      raw.destroy();
      reject(new UpgradeError('tls', `TLS to ${hostPort(target)} failed: ${err.message}`));
    });
  });
}

/**
 * Upgrades `raw` (a connection to the load balancer, direct or tunnelled), WebSocket first (what
 * Teleport 15.1+ prefers); after a 404 the legacy upgrade runs on a fresh connection. Every step
 * ends as soon as `signal` aborts.
 */
export async function openUpgradedStream(
  raw: Socket,
  target: Target,
  env: Env,
  signal?: AbortSignal,
): Promise<{ stream: Duplex; kind: UpgradeKind }> {
  const key = hostPort(target);
  if (!legacyOnly.has(key)) {
    try {
      return { stream: await websocketOver(await outerTls(raw, target, signal), target, signal), kind: 'websocket' };
    } catch (err) {
      if (!(err instanceof UpgradeError && err.code === 'refused' && err.status === 404)) throw err;
      legacyOnly.add(key);
    }
    raw = await dialTarget(target, env, signal);
  }
  return { stream: await legacyUpgrade(await outerTls(raw, target, signal), target, signal), kind: 'legacy' };
}

/** The WebSocket upgrade on a TLS connection to the load balancer; the stream carries the inner TLS. */
export async function websocketOver(tls: TLSSocket, target: Target, signal?: AbortSignal): Promise<Duplex> {
  // Loaded only where the connection upgrade is used: most relays never need a WebSocket library.
  const { default: WebSocket, createWebSocketStream } = await import('ws');
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`wss://${hostPort(target)}${UPGRADE_PATH}`, 'alpn', {
      createConnection: () => tls,
      perMessageDeflate: false,
      maxPayload: MAX_FRAME_BYTES,
      handshakeTimeout: HANDSHAKE_TIMEOUT_MS,
      headers: { Host: hostPort(target) },
    });
    const release = destroyOnAbort(tls, signal);
    const fail = (err: Error) => {
      release();
      tls.destroy();
      reject(err);
    };
    ws.once('unexpected-response', (_req, res) => {
      res.resume();
      fail(
        new UpgradeError('refused', `${UPGRADE_PATH} answered HTTP ${res.statusCode} instead of 101`, res.statusCode),
      );
    });
    ws.once('error', (err) => fail(new UpgradeError('failed', `WebSocket upgrade failed: ${err.message}`)));
    ws.once('open', () => {
      release();
      ws.removeAllListeners('error');
      // Data is the inner TLS stream in binary frames; the server's pings are answered by ws.
      resolve(createWebSocketStream(ws));
    });
  });
}

async function legacyUpgrade(tls: TLSSocket, target: Target, signal?: AbortSignal): Promise<Socket> {
  const lines = [
    `GET ${UPGRADE_PATH} HTTP/1.1`,
    `Host: ${hostPort(target)}`,
    'Upgrade: alpn',
    'X-Teleport-Upgrade: alpn',
    'Connection: Upgrade',
  ];
  tls.write(`${lines.join('\r\n')}\r\n\r\n`);
  const head = await readResponseHead(tls, signal).catch((err: Error) => {
    tls.destroy();
    throw new UpgradeError('failed', `legacy upgrade failed: ${err.message}`);
  });
  const status = /^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1];
  if (status !== '101' || !/^upgrade:\s*alpn\s*$/im.test(head)) {
    tls.destroy();
    throw new UpgradeError(
      'refused',
      `${UPGRADE_PATH} answered HTTP ${status ?? '?'} instead of 101`,
      Number(status) || undefined,
    );
  }
  return tls;
}
