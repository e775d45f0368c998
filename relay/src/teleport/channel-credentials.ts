// The TLS to the Auth Service, done by the relay inside grpc-js's own connection. Teleport's Proxy
// picks the Auth Service from the FIRST ALPN entry of the ClientHello, but grpc-js (1.14) always
// offers ["h2"]; and behind a proxy or a load balancer the TLS must run over a tunnel. grpc-js
// dials the first hop; this connector carries that socket to Teleport and runs the mTLS on top,
// with the ALPN list it needs. Nothing listens: no other process can borrow the relay's identity.
import * as grpc from '@grpc/grpc-js';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { checkServerIdentity, connect as tlsConnect, type TLSSocket } from 'node:tls';
import type { Logger } from '../log.js';
import { destroyOnAbort } from '../timing/scope.js';
import type { Credentials } from './identity-file.js';

export const SERVER_NAME = 'teleport.cluster.local';

/** The ALPN protocol that routes a TLS connection through the Proxy to the cluster's Auth Service. */
export function authRouteProtocol(clusterName: string): string {
  return `teleport-auth@${Buffer.from(clusterName, 'utf8').toString('hex')}.${SERVER_NAME}`;
}

type SecureConnector = ReturnType<grpc.ChannelCredentials['_createSecureConnector']>;

export interface TeleportTlsOptions {
  credentials: Credentials;
  /** ALPN offered: the TLS-routing list for the Proxy route, ["h2"] for the Auth Service itself. */
  protocols: string[];
  /** From grpc-js's TCP connection to the stream the TLS runs over (a CONNECT tunnel, the upgrade). */
  carry: (socket: Socket) => Promise<Duplex>;
  logger: Logger;
  /** The session's: a connection still being made when it aborts is given up at once. */
  signal?: AbortSignal;
}

/** Channel credentials whose connector runs the relay's own transport and mTLS on grpc-js's socket. */
export class TeleportChannelCredentials extends grpc.ChannelCredentials {
  /** Why the last connection attempt failed (a proxy refusal, a failed upgrade, a TLS error), if it did. */
  lastError: Error | null = null;

  constructor(private readonly o: TeleportTlsOptions) {
    super();
  }

  _isSecure(): boolean {
    return true;
  }

  _equals(other: grpc.ChannelCredentials): boolean {
    return other === this;
  }

  _createSecureConnector(): SecureConnector {
    const empty = grpc.credentials.createEmpty();
    return {
      connect: async (socket) => ({ socket: await this.secure(socket), secure: true }),
      waitForReady: () => Promise.resolve(),
      getCallCredentials: () => empty,
      destroy: () => undefined,
    };
  }

  private async secure(socket: Socket): Promise<TLSSocket> {
    try {
      const transport = await this.o.carry(socket);
      const tls = await mutualTls(transport, this.o);
      this.lastError = null;
      return tls;
    } catch (err) {
      this.lastError = err as Error;
      this.o.logger.debug({ err: (err as Error).message }, 'could not reach Teleport');
      throw err;
    }
  }
}

function mutualTls(transport: Duplex, o: TeleportTlsOptions): Promise<TLSSocket> {
  const c = o.credentials;
  return new Promise((resolve, reject) => {
    const tls = tlsConnect({
      socket: transport,
      servername: SERVER_NAME,
      ALPNProtocols: o.protocols,
      key: c.keyPem,
      cert: c.certPem,
      ca: c.caPems,
      checkServerIdentity: (_host, cert) => checkServerIdentity(SERVER_NAME, cert),
    });
    // The stream under the TLS (a tunnel, a WebSocket) and the TLS live and die together: a
    // wrapped stream's end does not reach the TLS socket by itself, and grpc-js must see the drop.
    tls.once('close', () => transport.destroy());
    transport.once('end', () => tls.destroy()).once('close', () => tls.destroy());
    transport.on('error', (err) => tls.destroy(err));
    const release = destroyOnAbort(tls, o.signal);
    const fail = (err: Error) => {
      release();
      tls.destroy();
      reject(err);
    };
    tls.once('error', fail);
    tls.once('secureConnect', () => {
      release();
      tls.off('error', fail);
      resolve(tls);
    });
  });
}
