// The raw byte stream to a host:port, directly or through an HTTP CONNECT tunnel. Whatever runs on
// top (TLS to Teleport, the connection upgrade) is end to end: the proxy sees only ciphertext.
import { isIP, connect as netConnect, type Socket } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import {
  connectRefused,
  hostPort,
  OutboundProxyError,
  proxyFor,
  type Env,
  type OutboundProxy,
  type Target,
} from './environment.js';
import { destroyOnAbort } from '../timing/scope.js';

const CONNECT_TIMEOUT_MS = 15_000;
const MAX_RESPONSE_HEAD = 16 * 1024;

function connected(
  socket: Socket,
  event: 'connect' | 'secureConnect',
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const fail = (err: Error) => {
      clearTimeout(timer);
      release();
      socket.destroy();
      reject(err);
    };
    const timer = setTimeout(
      () => fail(Object.assign(new Error('connect timed out'), { code: 'ETIMEDOUT' })),
      timeoutMs,
    );
    socket.once('error', fail);
    const release = destroyOnAbort(socket, signal);
    socket.once(event, () => {
      clearTimeout(timer);
      release();
      socket.off('error', fail);
      resolve(socket);
    });
  });
}

/** What a connection to `target` dials first: the proxy the environment names for it, or `target` itself. */
export function firstHop(target: Target, proxy: OutboundProxy | null): Target {
  if (!proxy) return target;
  const port = Number(proxy.url.port) || (proxy.url.protocol === 'https:' ? 443 : 80);
  return { host: proxy.url.hostname.replace(/^\[|\]$/g, ''), port };
}

/** TCP to `target`, through the proxy the environment names for it (environment.ts); ends when `signal` aborts. */
export async function dialTarget(target: Target, env: Env, signal?: AbortSignal): Promise<Socket> {
  const proxy = proxyFor(target, 'tls', env);
  const hop = firstHop(target, proxy);
  let socket: Socket;
  try {
    socket = await connected(netConnect({ host: hop.host, port: hop.port }), 'connect', CONNECT_TIMEOUT_MS, signal);
  } catch (err) {
    if (!proxy) throw err;
    throw new OutboundProxyError('unreachable', `cannot reach the proxy ${proxy.name}: ${(err as Error).message}`, {
      cause: err,
    });
  }
  return proxy ? tunnelThrough(socket, proxy, target, signal) : socket;
}

/** On a TCP connection to `proxy`: TLS to it when it is an https:// proxy, then CONNECT to `target`. */
export async function tunnelThrough(
  raw: Socket,
  proxy: OutboundProxy,
  target: Target,
  signal?: AbortSignal,
): Promise<Socket> {
  let socket = raw;
  if (proxy.url.protocol === 'https:') {
    const host = firstHop(target, proxy).host;
    const tls = tlsConnect({ socket: raw, host, servername: isIP(host) ? undefined : host });
    socket = await connected(tls, 'secureConnect', CONNECT_TIMEOUT_MS, signal).catch((err: Error) => {
      raw.destroy();
      throw new OutboundProxyError('unreachable', `TLS to the proxy ${proxy.name} failed: ${err.message}`, {
        cause: err,
      });
    });
  }
  const lines = [`CONNECT ${hostPort(target)} HTTP/1.1`, `Host: ${hostPort(target)}`];
  if (proxy.auth) lines.push(`Proxy-Authorization: ${proxy.auth}`);
  socket.write(`${lines.join('\r\n')}\r\n\r\n`);
  const head = await readResponseHead(socket, signal).catch((err: Error) => {
    socket.destroy();
    throw new OutboundProxyError(
      'refused',
      `the proxy ${proxy.name} dropped the CONNECT to ${hostPort(target)}: ${err.message}`,
    );
  });
  const status = head.split('\r\n')[0]!;
  if (!/^HTTP\/1\.[01] 200(?: |$)/.test(status)) {
    socket.destroy();
    throw connectRefused(proxy, hostPort(target), status);
  }
  return socket;
}

/** Reads up to the blank line; returns the response head and puts back any bytes read past it. */
export function readResponseHead(socket: Socket, signal?: AbortSignal): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffered = Buffer.alloc(0);
    const cleanup = () => {
      socket.off('data', onData).off('error', onError).off('close', onClose);
      clearTimeout(timer);
      release();
    };
    const onError = (err: Error) => {
      cleanup();
      reject(err);
    };
    const onClose = () => onError(new Error('connection closed before the response'));
    const timer = setTimeout(() => onError(new Error('no response in time')), CONNECT_TIMEOUT_MS);
    const onData = (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      const end = buffered.indexOf('\r\n\r\n');
      if (end < 0) {
        if (buffered.length > MAX_RESPONSE_HEAD) onError(new Error('response head too large'));
        return;
      }
      cleanup();
      socket.pause();
      const rest = buffered.subarray(end + 4);
      if (rest.length > 0) socket.unshift(rest);
      resolve(buffered.subarray(0, end).toString('latin1'));
    };
    socket.on('data', onData).on('error', onError).on('close', onClose);
    const release = destroyOnAbort(socket, signal);
  });
}
