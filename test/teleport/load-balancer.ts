// An L7 load balancer (AWS ALB, an HTTP ingress) in front of Teleport's Proxy, together with the
// Proxy's /webapi/connectionupgrade handler behind it: it terminates TLS with its own web
// certificate and offers no ALPN, so TLS routing cannot pass; the upgrade endpoint switches the
// connection to WebSocket (subprotocol alpn / alpn-ping) or to the legacy raw `alpn` upgrade and
// hands the stream to the TLS-routing proxy stand-in. A backend it cannot reach is a 502.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { connect as netConnect, type AddressInfo, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { createWebSocketStream, WebSocketServer, type WebSocket } from 'ws';

// Not mimicked: the 30 s pings of `alpn-ping` and the legacy alpn-ping length framing (the relay
// asks for plain `alpn`, as Teleport's client does for the auth route).
export type UpgradeType = 'websocket' | 'alpn';

export interface LoadBalancerOptions {
  certPem: string;
  keyPem: string;
  /** The TLS-routing proxy behind it, host:port. */
  upstream: string;
  /** Upgrade types the Proxy behind accepts; Teleport before 15.1 had no `websocket`. */
  accepts?: UpgradeType[];
  /** Speak only http/1.1 and answer other ALPN offers with the no_application_protocol alert. */
  onlyHttp11?: boolean;
}

export interface LoadBalancer {
  readonly address: string;
  readonly port: number;
  /** Upgrades performed, by type. */
  readonly upgrades: Readonly<Record<UpgradeType, number>>;
  /** The request lines and upgrade headers of every request, in order. */
  readonly requests: readonly { path: string; upgrade: string; teleportUpgrade: string; protocol: string }[];
  /** Cuts every upgraded stream, as a load balancer's idle timeout or redeploy does. */
  dropAll(): void;
  /** Writes, on every WebSocket upgrade, the header of a binary frame announcing `bytes` of payload. */
  announceFrame(bytes: number): void;
  close(): Promise<void>;
}

const PREFERENCE: UpgradeType[] = ['websocket', 'alpn'];

function reply(socket: Duplex, status: number, reason: string): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`);
}

type RequestRecord = LoadBalancer['requests'][number];

class LoadBalancerStandIn {
  readonly upgrades: Record<UpgradeType, number> = { websocket: 0, alpn: 0 };
  readonly requests: RequestRecord[] = [];
  readonly streams = new Set<Duplex>();
  /** The raw sockets under the WebSocket upgrades, for writing frames by hand. */
  readonly webSockets = new Set<Duplex>();
  private readonly accepts: Set<UpgradeType>;
  private readonly wss = new WebSocketServer({
    noServer: true,
    perMessageDeflate: false,
    handleProtocols: (offered) => (offered.has('alpn') ? 'alpn' : offered.has('alpn-ping') ? 'alpn-ping' : false),
  });

  constructor(private readonly o: LoadBalancerOptions) {
    this.accepts = new Set(o.accepts ?? PREFERENCE);
  }

  /** Teleport's selectConnectionUpgrade: X-Teleport-Upgrade then Upgrade, whole values, by preference. */
  upgrade(req: IncomingMessage, socket: Socket, head: Buffer): void {
    const values = [req.headers['x-teleport-upgrade'], req.headers.upgrade].filter((v): v is string => !!v);
    this.requests.push({
      path: req.url ?? '',
      upgrade: req.headers.upgrade ?? '',
      teleportUpgrade: String(req.headers['x-teleport-upgrade'] ?? ''),
      protocol: String(req.headers['sec-websocket-protocol'] ?? ''),
    });
    const type = PREFERENCE.find((t) => this.accepts.has(t) && values.includes(t));
    if (req.url !== '/webapi/connectionupgrade' || !type) return reply(socket, 404, 'Not Found');
    const [host, port] = this.o.upstream.split(/:(?=\d+$)/) as [string, string];
    const upstream = netConnect({ host, port: Number(port), noDelay: true });
    upstream.once('error', () => reply(socket, 502, 'Bad Gateway'));
    upstream.once('connect', () => {
      upstream.removeAllListeners('error');
      this.upgrades[type] += 1;
      if (type === 'websocket') return this.upgradeWebSocket(req, socket, head, upstream);
      socket.write(
        `HTTP/1.1 101 Switching Protocols\r\nUpgrade: ${type}\r\n` +
          `X-Teleport-Upgrade: ${type}\r\nConnection: Upgrade\r\n\r\n`,
      );
      if (head.length > 0) upstream.write(head);
      this.forward(socket, upstream);
    });
  }

  close(): void {
    for (const s of this.streams) s.destroy();
    this.wss.close();
  }

  private upgradeWebSocket(req: IncomingMessage, socket: Socket, head: Buffer, upstream: Socket): void {
    this.wss.handleUpgrade(req, socket, head, (ws: WebSocket) => {
      // No subprotocol in common: Teleport closes right after the 101.
      if (!ws.protocol) {
        ws.terminate();
        upstream.destroy();
        return;
      }
      this.webSockets.add(socket);
      socket.once('close', () => this.webSockets.delete(socket));
      this.forward(createWebSocketStream(ws), upstream);
    });
  }

  private forward(inner: Duplex, upstream: Socket): void {
    for (const s of [inner, upstream]) {
      this.streams.add(s);
      s.on('error', () => s.destroy()).once('close', () => this.streams.delete(s));
    }
    inner.once('close', () => upstream.destroy());
    upstream.once('close', () => inner.destroy());
    inner.pipe(upstream).pipe(inner);
  }
}

export async function startLoadBalancer(o: LoadBalancerOptions): Promise<LoadBalancer> {
  const lb = new LoadBalancerStandIn(o);
  const sockets = new Set<Socket>();
  const server = createHttpsServer(
    { cert: o.certPem, key: o.keyPem, ALPNProtocols: o.onlyHttp11 ? ['http/1.1'] : [], noDelay: true },
    (_req: IncomingMessage, res: ServerResponse) => res.writeHead(404).end(),
  );
  server.on('upgrade', (req: IncomingMessage, socket: Socket, head: Buffer) => lb.upgrade(req, socket, head));
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.once('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    address: `127.0.0.1:${port}`,
    port,
    upgrades: lb.upgrades,
    requests: lb.requests,
    dropAll() {
      for (const s of lb.streams) s.destroy();
    },
    announceFrame(bytes: number) {
      const header = Buffer.alloc(10);
      header[0] = 0x82; // FIN, binary
      header[1] = 127; // 64-bit length follows; server frames are unmasked
      header.writeBigUInt64BE(BigInt(bytes), 2);
      for (const s of lb.webSockets) s.write(header);
    },
    close: () =>
      new Promise<void>((resolve) => {
        lb.close();
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
