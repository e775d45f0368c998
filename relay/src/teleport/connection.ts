// Opens a gRPC channel to the cluster's Auth Service, directly (ServerName
// teleport.cluster.local, trusting the identity's CA) or through a TLS-routing Proxy; `auto`
// keeps the first route whose Ping answers.
import * as grpc from '@grpc/grpc-js';
import type { Request } from '../../../proto/contract.js';
import type { Logger } from '../log.js';
import { hostPort } from '../proxy/environment.js';
import { authRouteProtocol, SERVER_NAME, TeleportChannelCredentials } from './channel-credentials.js';
import type { UpgradeSetting } from './connection-upgrade.js';
import { CREDENTIALS_FIX, fromGrpcError, TeleportError, type Principal } from './errors.js';
import { validityError, type Credentials } from './identity-file.js';
import { listAccessRequests } from './list.js';
import { readAuditLog, type AuditEvent, type AuditReadStats, type AuditWindow } from './audit-log.js';
import { AuthApi } from './api.js';
import { planTransport } from './transport.js';
import { WatchStream } from './watch.js';

export type ConnectMode = 'auto' | 'auth' | 'proxy';
export type Route = 'auth' | 'proxy';

export interface PingInfo {
  clusterName: string;
  serverVersion: string;
  proxyPublicAddr: string;
  advancedAccessWorkflows: boolean;
}

export interface TeleportClient {
  readonly route: Route;
  /** How the bytes travel (proxy, connection upgrade and why), in words. */
  readonly path: string;
  ping(signal?: AbortSignal): Promise<PingInfo>;
  /** Every request, all pages; falls back to GetAccessRequestsV2 on UNIMPLEMENTED. */
  listAccessRequests(signal?: AbortSignal): Promise<Request[]>;
  /** Opens a WatchEvents stream for access_request; cancelled when the signal aborts. */
  watch(signal?: AbortSignal): WatchStream;
  /** Every audit event of the window, oldest first, all pages (needs the `event` rule). */
  readAuditLog(window: AuditWindow, onEvent: (e: AuditEvent) => void, signal?: AbortSignal): Promise<AuditReadStats>;
  close(): void;
}

export interface ConnectOptions {
  addr: string;
  mode: ConnectMode;
  credentials: Credentials;
  logger: Logger;
  /** Current time for the certificate check; defaults to Date.now. */
  now?: () => number;
  signal?: AbortSignal;
  /** teleport.connection_upgrade; default auto. */
  connectionUpgrade?: UpgradeSetting;
  /** Where HTTPS_PROXY, NO_PROXY and TELEPORT_TLS_ROUTING_CONN_UPGRADE are read; default process.env. */
  env?: Record<string, string | undefined>;
}

const PING_TIMEOUT_MS = 10_000;
const AUTH_PORT = 3025;

// Teleport refuses keepalive pings more often than once a minute (GOAWAY too_many_pings).
const CHANNEL_OPTIONS: grpc.ChannelOptions = {
  'grpc.keepalive_time_ms': 90_000,
  'grpc.keepalive_timeout_ms': 20_000,
  'grpc.max_receive_message_length': 64 * 1024 * 1024,
  // grpc-js would send even loopback through its own reading of the proxy variables; the relay
  // applies them itself (transport.ts).
  'grpc.enable_http_proxy': 0,
  'grpc.default_authority': SERVER_NAME,
};

export function parseAddress(addr: string): { host: string; port: number } {
  const m = /^\[([^\]]+)\]:(\d+)$/.exec(addr) ?? /^([^:]+):(\d+)$/.exec(addr);
  if (m) return { host: m[1]!, port: Number(m[2]) };
  return { host: addr.replace(/^\[|\]$/g, ''), port: 443 };
}

export function routesFor(mode: ConnectMode, port: number): Route[] {
  if (mode !== 'auto') return [mode];
  return port === AUTH_PORT ? ['auth', 'proxy'] : ['proxy', 'auth'];
}

class GrpcTeleportClient implements TeleportClient {
  private readonly who: Principal;

  constructor(
    readonly route: Route,
    private readonly api: AuthApi,
    credentials: Credentials,
    private readonly tls: TeleportChannelCredentials,
    readonly path: string,
  ) {
    this.who = { user: credentials.user, roles: credentials.roles };
  }

  async ping(signal?: AbortSignal): Promise<PingInfo> {
    try {
      const res = await this.api.ping(signal, PING_TIMEOUT_MS);
      return {
        clusterName: res.ClusterName,
        serverVersion: res.ServerVersion,
        proxyPublicAddr: res.ProxyPublicAddr,
        advancedAccessWorkflows: res.ServerFeatures?.AdvancedAccessWorkflows ?? false,
      };
    } catch (err) {
      const e = fromGrpcError(err, `Ping (${this.route} route)`, this.who);
      const why = this.tls.lastError;
      if (!why) throw e;
      throw new TeleportError(e.code, `${e.message} (${why.message})`, { fix: e.fix, grpcCode: e.grpcCode, cause: e });
    }
  }

  listAccessRequests(signal?: AbortSignal): Promise<Request[]> {
    return listAccessRequests(this.api, signal, this.who);
  }

  watch(signal?: AbortSignal): WatchStream {
    return new WatchStream(this.api.watchAccessRequests(signal), this.who, signal);
  }

  readAuditLog(window: AuditWindow, onEvent: (e: AuditEvent) => void, signal?: AbortSignal): Promise<AuditReadStats> {
    return readAuditLog(this.api, window, onEvent, signal, this.who);
  }

  close(): void {
    this.api.close();
  }
}

async function openRoute(route: Route, o: ConnectOptions): Promise<GrpcTeleportClient> {
  const c = o.credentials;
  const target = parseAddress(o.addr);
  const setting = o.connectionUpgrade ?? 'auto';
  const plan = await planTransport(route, o.addr, target, setting, o.env ?? process.env, o.signal);
  const tls = new TeleportChannelCredentials({
    credentials: c,
    protocols: route === 'proxy' ? [authRouteProtocol(c.clusterName), 'h2'] : ['h2'],
    carry: plan.carry,
    logger: o.logger,
    ...(o.signal ? { signal: o.signal } : {}),
  });
  const api = new AuthApi(hostPort(plan.firstHop), tls, CHANNEL_OPTIONS);
  return new GrpcTeleportClient(route, api, c, tls, plan.describe);
}

export async function connectTeleport(o: ConnectOptions): Promise<TeleportClient> {
  const invalid = validityError(o.credentials, (o.now ?? Date.now)());
  if (invalid) throw new TeleportError('credentials', invalid.message, { fix: CREDENTIALS_FIX, cause: invalid });
  const routes = routesFor(o.mode, parseAddress(o.addr).port);
  if (routes.length === 1) return openRoute(routes[0]!, o);
  const failures: TeleportError[] = [];
  const paths: string[] = [];
  for (const route of routes) {
    const client = await openRoute(route, o);
    try {
      await client.ping(o.signal);
      o.logger.info({ route, addr: o.addr, path: client.path }, 'connected to Teleport');
      return client;
    } catch (err) {
      client.close();
      failures.push(err as TeleportError);
      paths.push(client.path);
      o.logger.debug({ route, addr: o.addr, err: (err as Error).message }, 'Teleport route did not answer');
    }
  }
  const first = failures[0]!;
  const detail = failures.map((f, i) => `${routes[i]}: ${f.message} [${paths[i]}]`).join('; ');
  throw new TeleportError(first.code, `no route to Teleport at ${o.addr} answered Ping (${detail})`, {
    fix: first.fix,
    grpcCode: first.grpcCode,
    cause: first,
  });
}
