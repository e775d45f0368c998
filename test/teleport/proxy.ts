import * as net from 'node:net';
import { parseClientHello } from './client-hello.js';

export interface TlsRoutingProxy {
  readonly address: string;
  readonly port: number;
  readonly routed: number;
  readonly refused: number;
  close(): Promise<void>;
}

/** The ALPN protocol that asks Teleport's proxy for a cluster's Auth Service. */
export function authRouteProtocol(cluster: string): string {
  return `teleport-auth@${Buffer.from(cluster, 'utf8').toString('hex')}.teleport.cluster.local`;
}

function splitHostPort(address: string): { host: string; port: number } {
  const colon = address.lastIndexOf(':');
  return { host: address.slice(0, colon).replace(/^\[|\]$/g, ''), port: Number(address.slice(colon + 1)) };
}

/** The proxy's open sockets and what it did with each connection. */
interface ProxyState {
  readonly sockets: Set<net.Socket>;
  routed: number;
  refused: number;
}

function keep(state: ProxyState, socket: net.Socket): void {
  state.sockets.add(socket);
  socket.once('close', () => state.sockets.delete(socket));
  socket.on('error', () => socket.destroy());
}

function route(state: ProxyState, client: net.Socket, hello: Buffer, target: string): void {
  state.routed += 1;
  const upstream = net.connect({ ...splitHostPort(target), noDelay: true });
  keep(state, upstream);
  client.pause();
  upstream.once('connect', () => {
    upstream.write(hello);
    client.pipe(upstream);
    upstream.pipe(client);
    client.resume();
  });
  client.once('close', () => upstream.destroy());
  upstream.once('close', () => client.destroy());
}

function accept(state: ProxyState, targets: Map<string, string>, client: net.Socket): void {
  keep(state, client);
  let buffered = Buffer.alloc(0);
  const onData = (chunk: Buffer): void => {
    buffered = Buffer.concat([buffered, chunk]);
    const hello = parseClientHello(buffered);
    if (hello.kind === 'incomplete') return;
    client.off('data', onData);
    const target = hello.kind === 'hello' ? targets.get(hello.alpn[0] ?? '') : undefined;
    if (target === undefined) {
      state.refused += 1;
      client.destroy();
      return;
    }
    route(state, client, buffered, target);
  };
  client.on('data', onData);
}

/** Teleport's Proxy with TLS routing, reduced to the auth route: it reads the ClientHello, looks
 *  only at the FIRST ALPN protocol, and pipes the untouched TLS bytes to that cluster's Auth
 *  Service. It never terminates TLS, so the client's certificate reaches the Auth Service. */
export async function startTlsRoutingProxy(opts: { routes: Record<string, string> }): Promise<TlsRoutingProxy> {
  const targets = new Map(Object.entries(opts.routes).map(([cluster, addr]) => [authRouteProtocol(cluster), addr]));
  const state: ProxyState = { sockets: new Set(), routed: 0, refused: 0 };
  const server = net.createServer({ noDelay: true }, (client) => accept(state, targets, client));

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as net.AddressInfo).port;
  return {
    address: `127.0.0.1:${port}`,
    port,
    get routed() {
      return state.routed;
    },
    get refused() {
      return state.refused;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of state.sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
