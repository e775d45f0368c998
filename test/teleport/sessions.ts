import type * as http2 from 'node:http2';
import type * as net from 'node:net';
import type * as tls from 'node:tls';
import type * as grpc from '@grpc/grpc-js';

// grpc-js keeps its HTTP/2 servers private and enforces no ping policy, so this file reaches
// into grpc-js 1.14's private `http2Servers` map (attach() throws if a later version drops it)
// to do what a Go Auth Service does at the connection level: police client pings, and drop
// connections the way a crashed or restarted process does.

const NGHTTP2_ENHANCE_YOUR_CALM = 0x0b;
/** grpc-go's enforcement policy tolerates this many too-early pings before GOAWAY. */
const MAX_PING_STRIKES = 2;
const GOAWAY_FLUSH_MS = 50;

interface GrpcServerInternals {
  http2Servers?: Map<http2.Http2SecureServer, unknown>;
}

export interface SessionEvents {
  onClientPing(): void;
  onTooManyPings(): void;
  onHandshakeFailure(): void;
  onActivity(): void;
}

export class SessionTracker {
  /** The TLS connections under the HTTP/2 sessions, by the client's 'host:port'. */
  private readonly sockets = new Map<string, tls.TLSSocket>();

  constructor(
    private readonly minPingIntervalMs: number,
    private readonly events: SessionEvents,
  ) {}

  /** Call once the grpc-js server is bound. */
  attach(server: grpc.Server): void {
    const servers = (server as unknown as GrpcServerInternals).http2Servers;
    if (!servers) throw new Error('grpc-js internals changed: Server.http2Servers is missing');
    for (const http2Server of servers.keys()) {
      // grpc-js leaves Nagle's algorithm on for the connections it accepts; a Go server turns it off.
      http2Server.on('connection', (socket: net.Socket) => socket.setNoDelay(true));
      http2Server.on('secureConnection', (socket: tls.TLSSocket) => this.trackSocket(socket));
      http2Server.on('session', (session: http2.ServerHttp2Session) => this.policePings(session));
      http2Server.on('tlsClientError', () => {
        this.events.onHandshakeFailure();
        this.events.onActivity();
      });
    }
  }

  /** Destroys the TCP connections without a GOAWAY, as a crashed or restarted process does. */
  resetAll(): void {
    for (const socket of [...this.sockets.values()]) socket.destroy();
  }

  /** Resets the connection whose client end is `peer` (grpc-js's getPeer(): 'host:port'). */
  resetPeer(peer: string): boolean {
    const socket = this.sockets.get(peer);
    socket?.destroy();
    return socket !== undefined;
  }

  private trackSocket(socket: tls.TLSSocket): void {
    const peer = `${socket.remoteAddress}:${socket.remotePort}`;
    this.sockets.set(peer, socket);
    socket.once('close', () => {
      this.sockets.delete(peer);
      this.events.onActivity();
    });
  }

  private policePings(session: http2.ServerHttp2Session): void {
    let lastPing = 0;
    let strikes = 0;
    // grpc-go forgives strikes whenever it sends data; forgiving them on a well-spaced ping
    // keeps a client that pings at exactly the minimum from being struck out by jitter.
    session.on('ping', () => {
      this.events.onClientPing();
      const now = Date.now();
      const early = lastPing !== 0 && now - lastPing < this.minPingIntervalMs;
      strikes = early ? strikes + 1 : 0;
      lastPing = now;
      if (strikes === MAX_PING_STRIKES + 1) this.tooManyPings(session);
      this.events.onActivity();
    });
  }

  private tooManyPings(session: http2.ServerHttp2Session): void {
    this.events.onTooManyPings();
    if (session.destroyed) return;
    const peer = `${session.socket.remoteAddress}:${session.socket.remotePort}`;
    session.goaway(NGHTTP2_ENHANCE_YOUR_CALM, 0, Buffer.from('too_many_pings'));
    // Give the GOAWAY frame a moment on the wire before the connection goes, as grpc-go does.
    setTimeout(() => this.resetPeer(peer), GOAWAY_FLUSH_MS).unref();
  }
}
