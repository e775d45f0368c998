// An outbound HTTP proxy as companies run them (squid and the like), reduced to CONNECT: it can
// require Basic credentials, refuse every tunnel, and resolve names through its own table (the
// stand-ins all listen on 127.0.0.1, which a client never sends through a proxy). It records what
// it tunnelled and counts bytes; it never sees inside the tunnel.
import { createServer, connect as netConnect, type AddressInfo, type Socket } from 'node:net';

export interface Tunnel {
  target: string;
  /** The decoded `user:password` of Proxy-Authorization, or null. */
  credentials: string | null;
  status: number;
}

export interface ConnectProxyOptions {
  /** `host:port` → `127.0.0.1:port`; targets not listed are dialled as given. */
  hosts?: Record<string, string>;
  /** When set, a CONNECT without these Basic credentials gets 407. */
  credentials?: { user: string; password: string };
  /** Answer every CONNECT with this status (403: a proxy whose policy forbids the target). */
  refuseWith?: number;
}

export interface ConnectProxy {
  readonly port: number;
  /** http://127.0.0.1:<port> */
  readonly url: string;
  readonly tunnels: readonly Tunnel[];
  /** Tunnels that were answered 200, by target. */
  opened(target: string): number;
  /** Cuts every open tunnel, as a proxy's restart or idle timeout does; new CONNECTs still work. */
  dropAll(): void;
  close(): Promise<void>;
}

const REASONS: Record<number, string> = {
  200: 'Connection established',
  403: 'Forbidden',
  407: 'Proxy Authentication Required',
  502: 'Bad Gateway',
};

function parseHead(head: string): { method: string; target: string; headers: Map<string, string> } {
  const [request = '', ...lines] = head.split('\r\n');
  const [method = '', target = ''] = request.split(' ');
  const headers = new Map<string, string>();
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return { method, target, headers };
}

function basic(value: string | undefined): string | null {
  const m = /^Basic\s+(\S+)$/i.exec(value ?? '');
  return m ? Buffer.from(m[1]!, 'base64').toString('utf8') : null;
}

interface ProxyState {
  tunnels: Tunnel[];
  sockets: Set<Socket>;
}

function keep(state: ProxyState, s: Socket): void {
  state.sockets.add(s);
  s.once('close', () => state.sockets.delete(s));
  s.on('error', () => s.destroy());
}

function answer(state: ProxyState, client: Socket, status: number, tunnel: Omit<Tunnel, 'status'>): void {
  state.tunnels.push({ ...tunnel, status });
  const challenge = status === 407 ? 'Proxy-Authenticate: Basic realm="test"\r\n' : '';
  client.write(`HTTP/1.1 ${status} ${REASONS[status] ?? 'Error'}\r\n${challenge}\r\n`);
  if (status !== 200) client.end();
}

function handle(o: ConnectProxyOptions, state: ProxyState, client: Socket, head: string, rest: Buffer): void {
  const { method, target, headers } = parseHead(head);
  const credentials = basic(headers.get('proxy-authorization'));
  const tunnel = { target, credentials };
  if (method !== 'CONNECT') return answer(state, client, 405, tunnel);
  if (o.refuseWith) return answer(state, client, o.refuseWith, tunnel);
  const expected = o.credentials ? `${o.credentials.user}:${o.credentials.password}` : null;
  if (expected !== null && credentials !== expected) return answer(state, client, 407, tunnel);
  const [host, port] = (o.hosts?.[target] ?? target).split(/:(?=\d+$)/) as [string, string];
  const upstream = netConnect({ host: host.replace(/^\[|\]$/g, ''), port: Number(port), noDelay: true });
  keep(state, upstream);
  upstream.once('error', () => answer(state, client, 502, tunnel));
  upstream.once('connect', () => {
    answer(state, client, 200, tunnel);
    if (rest.length > 0) upstream.write(rest);
    client.pipe(upstream).pipe(client);
  });
  client.once('close', () => upstream.destroy());
  upstream.once('close', () => client.destroy());
}

export async function startConnectProxy(o: ConnectProxyOptions = {}): Promise<ConnectProxy> {
  const state: ProxyState = { tunnels: [], sockets: new Set() };
  const { tunnels, sockets } = state;
  // Without noDelay, Nagle's algorithm and delayed ACKs hold small writes ~40 ms at every hop.
  const server = createServer({ noDelay: true }, (client) => {
    keep(state, client);
    let buffered = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      const end = buffered.indexOf('\r\n\r\n');
      if (end < 0) return;
      client.off('data', onData);
      handle(o, state, client, buffered.subarray(0, end).toString('latin1'), buffered.subarray(end + 4));
    };
    client.on('data', onData);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    tunnels,
    opened: (target) => tunnels.filter((t) => t.target === target && t.status === 200).length,
    dropAll: () => {
      for (const s of sockets) s.destroy();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
