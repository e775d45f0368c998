// The TLS-routing route. Teleport's Proxy picks the Auth Service from the FIRST ALPN entry of the
// ClientHello, but grpc-js (1.14) always offers ["h2"]. So the relay does that TLS handshake
// itself: grpc-js speaks plaintext HTTP/2 to a local listener, and each accepted socket is
// piped into a TLS connection to the proxy that offers [teleport-auth@<hex cluster>..., h2].
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkServerIdentity, connect as tlsConnect } from 'node:tls';
import type { Logger } from '../log.js';
import type { Credentials } from './identity-file.js';

export const SERVER_NAME = 'teleport.cluster.local';

/** The ALPN protocol that routes a TLS connection through the Proxy to the cluster's Auth Service. */
export function authRouteProtocol(clusterName: string): string {
  return `teleport-auth@${Buffer.from(clusterName, 'utf8').toString('hex')}.${SERVER_NAME}`;
}

function listen(server: Server, target: string | { host: string; port: number }): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(target, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

/**
 * Whoever can reach the bridge speaks to Teleport as the relay, so it listens on a Unix socket in
 * a fresh 0700 folder; only where no such folder can be made (a read-only filesystem) on loopback.
 */
async function listenPrivately(server: Server): Promise<{ address: string; remove(): void }> {
  let dir: string | null = null;
  try {
    dir = mkdtempSync(join(tmpdir(), 'teleport-sheets-'));
    const path = join(dir, 'auth.sock');
    await listen(server, path);
    const owned = dir;
    return { address: `unix:${path}`, remove: () => rmSync(owned, { recursive: true, force: true }) };
  } catch {
    if (dir) rmSync(dir, { recursive: true, force: true });
    await listen(server, { host: '127.0.0.1', port: 0 });
    const bound = server.address();
    return { address: `127.0.0.1:${typeof bound === 'object' && bound ? bound.port : 0}`, remove: () => undefined };
  }
}

export interface Bridge {
  /** Where grpc-js should dial in plaintext: a private Unix socket, or loopback. */
  readonly address: string;
  /** Why the last connection to Teleport failed before TLS (a proxy refusal, a failed upgrade), if it did. */
  readonly lastError: Error | null;
  close(): void;
}

export interface BridgeOptions {
  host: string;
  port: number;
  credentials: Credentials;
  logger: Logger;
  /** The byte stream the TLS runs over (a proxy tunnel, the connection upgrade); TCP by default. */
  dial?: () => Promise<Duplex>;
  /** ALPN offered; by default the TLS-routing list [teleport-auth@<hex cluster>..., h2]. */
  protocols?: string[];
}

/** What one bridge keeps across its connections. */
interface BridgeState {
  sockets: Set<Socket | Duplex>;
  lastError: Error | null;
}

/** Pipes one accepted plaintext socket into the TLS connection to Teleport, over `transport` if given. */
function pipeToTeleport(o: BridgeOptions, state: BridgeState, local: Socket, transport?: Duplex): void {
  const c = o.credentials;
  const remote = tlsConnect({
    ...(transport ? { socket: transport } : { host: o.host, port: o.port }),
    servername: SERVER_NAME,
    ALPNProtocols: o.protocols ?? [authRouteProtocol(c.clusterName), 'h2'],
    key: c.keyPem,
    cert: c.certPem,
    ca: c.caPems,
    checkServerIdentity: (_host, cert) => checkServerIdentity(SERVER_NAME, cert),
  });
  state.sockets.add(local).add(remote);
  remote.once('secureConnect', () => (state.lastError = null));
  const teardown = (err?: Error) => {
    if (err)
      o.logger.debug({ err: err.message, code: (err as NodeJS.ErrnoException).code }, 'proxy bridge connection failed');
    local.destroy();
    remote.destroy();
    transport?.destroy();
    state.sockets.delete(local);
    state.sockets.delete(remote);
  };
  local.on('error', teardown).on('close', () => teardown());
  remote.on('error', (err: Error) => teardown((state.lastError = err))).on('close', () => teardown());
  local.pipe(remote).pipe(local);
  local.resume();
}

function dialThenPipe(o: BridgeOptions & { dial: () => Promise<Duplex> }, state: BridgeState, local: Socket): void {
  local.pause();
  state.sockets.add(local);
  o.dial().then(
    (transport) => {
      state.lastError = null;
      if (local.destroyed) return void transport.destroy();
      state.sockets.add(transport);
      transport.once('close', () => state.sockets.delete(transport));
      pipeToTeleport(o, state, local, transport);
    },
    (err: Error) => {
      state.lastError = err;
      o.logger.warn({ err: err.message }, 'could not reach Teleport');
      state.sockets.delete(local);
      local.destroy();
    },
  );
}

export async function startProxyBridge(o: BridgeOptions): Promise<Bridge> {
  const state: BridgeState = { sockets: new Set(), lastError: null };
  const { dial } = o;
  const server: Server = createServer((local) =>
    dial ? dialThenPipe({ ...o, dial }, state, local) : pipeToTeleport(o, state, local),
  );
  const endpoint = await listenPrivately(server);
  return {
    address: endpoint.address,
    get lastError() {
      return state.lastError;
    },
    close() {
      server.close();
      for (const s of state.sockets) s.destroy();
      state.sockets.clear();
      endpoint.remove();
    },
  };
}
