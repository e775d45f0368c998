import * as grpc from '@grpc/grpc-js';
import type { AuditLog } from './audit-log.js';
import { getEvents, type EventsCounters } from './events-handler.js';
import type { TestCluster } from './pki.js';
import {
  callerOf,
  checkAccessRequest,
  checkClientVersion,
  type Caller,
  type RoleMap,
  type ServerCall,
  type StatusError,
} from './rbac.js';
import type { SessionTracker } from './sessions.js';
import { expiryOf, type RequestStore, type StoredRequest } from './store.js';
import type { WatcherSet } from './watchers.js';
import { accessRequestMessage } from './wire.js';

type Wire = Record<string, unknown>;

export interface StandInStats extends EventsCounters {
  watchStreams: number; // WatchEvents calls accepted
  openStreams: number; // WatchEvents streams open now
  initsSent: number; // INIT events sent
  lists: number; // listings begun: ListAccessRequests without StartKey
  listPages: number; // ListAccessRequests pages served
  legacyLists: number; // GetAccessRequestsV2 calls served
  pings: number;
  denied: number; // calls refused for RBAC or client version
  clientPings: number; // HTTP/2 PING frames received (keepalive)
  tooManyPings: number; // connections closed with GOAWAY too_many_pings
  handshakeFailures: number;
}

export interface ListKnobs {
  implemented: boolean;
  pageSize: number;
  failures: number;
  failureCode: 'unavailable' | 'reset';
  /** A broken backend: every page repeats the first one with a new NextKey, so the listing never ends. */
  endless: boolean;
}

export interface StandInContext {
  cluster: TestCluster;
  proxyPublicAddr: string;
  serverVersion: string;
  roles: RoleMap;
  store: RequestStore;
  audit: AuditLog;
  watchers: WatcherSet;
  sessions: SessionTracker;
  stats: StandInStats;
  lists: ListKnobs;
  now(): number;
  activity(): void;
}

const DEFAULT_LIMIT = 1000;
const MAX_LIMIT = 16000;
const READ_VERBS = ['list', 'read'] as const;

function invalid(details: string): StatusError {
  return { code: grpc.status.INVALID_ARGUMENT, details };
}

/** Version check, then the caller's certificate identity; null after refusing the call. */
function admit(ctx: StandInContext, call: ServerCall, refuse: (e: StatusError) => void): Caller | null {
  const versionError = checkClientVersion(call.metadata, ctx.serverVersion);
  const caller = callerOf(call);
  const error =
    versionError ?? (caller ? null : { code: grpc.status.UNAUTHENTICATED, details: 'no client certificate' });
  if (error) {
    ctx.stats.denied += 1;
    refuse(error);
    return null;
  }
  return caller;
}

function authorize(ctx: StandInContext, call: ServerCall, refuse: (e: StatusError) => void): boolean {
  const caller = admit(ctx, call, refuse);
  if (!caller) return false;
  const denial = checkAccessRequest(caller, ctx.roles, [...READ_VERBS]);
  if (denial) {
    ctx.stats.denied += 1;
    refuse(denial);
    return false;
  }
  return true;
}

/** Consumes one planned list failure; true when this call was failed. */
function failedByPlan(ctx: StandInContext, call: ServerCall, refuse: (e: StatusError) => void): boolean {
  if (ctx.lists.failures <= 0) return false;
  ctx.lists.failures -= 1;
  const reset = ctx.lists.failureCode === 'reset' && ctx.sessions.resetPeer(call.getPeer());
  if (!reset) refuse({ code: grpc.status.UNAVAILABLE, details: 'connection problem: backend is unavailable' });
  return true;
}

function matchesFilter(stored: StoredRequest, filter: Wire | null | undefined): boolean {
  const r = stored.request;
  if (!filter) return true;
  if (filter.ID && filter.ID !== r.id) return false;
  if (filter.User && filter.User !== r.user) return false;
  return !filter.State || filter.State === 'NONE' || filter.State === r.state;
}

/** What a listing may show: the backend hides requests whose expiry has passed. */
function visible(ctx: StandInContext, filter: Wire | null | undefined): StoredRequest[] {
  const now = ctx.now();
  return ctx.store.all().filter((s) => expiryOf(s.request).getTime() > now && matchesFilter(s, filter));
}

function ping(ctx: StandInContext): grpc.handleUnaryCall<Wire, Wire> {
  return (call, callback) => {
    const done = (error: StatusError | null, value?: Wire): void => {
      ctx.activity();
      if (error) callback(error);
      else callback(null, value);
    };
    if (!admit(ctx, call, done)) return;
    ctx.stats.pings += 1;
    done(null, {
      ClusterName: ctx.cluster.name,
      ServerVersion: ctx.serverVersion,
      ServerFeatures: { Kubernetes: true, App: true, DB: true, AccessControls: true, AdvancedAccessWorkflows: true },
      ProxyPublicAddr: ctx.proxyPublicAddr,
      RemoteAddr: call.getPeer(),
    });
  };
}

function watchEvents(ctx: StandInContext): grpc.handleServerStreamingCall<Wire, Wire> {
  return (call) => {
    const refuse = (e: StatusError): void => {
      call.emit('error', { ...e, metadata: new grpc.Metadata() });
      ctx.activity();
    };
    const caller = admit(ctx, call, refuse);
    if (!caller) return;
    const requested = (call.request.Kinds as Wire[] | undefined) ?? [];
    if (requested.length === 0) return refuse(invalid('missing parameter Kinds'));
    const denial = checkAccessRequest(caller, ctx.roles, [...READ_VERBS]);
    const permitted = requested.filter((kind) => kind.Kind === 'access_request' && denial === null);
    if (permitted.length < requested.length && !call.request.AllowPartialSuccess) {
      ctx.stats.denied += 1;
      return refuse(
        denial ??
          invalid(`watching ${String(requested.find((k) => k.Kind !== 'access_request')?.Kind)} is not supported`),
      );
    }
    if (permitted.length === 0) {
      ctx.stats.denied += 1;
      return refuse(invalid('none of the requested kinds can be watched'));
    }
    ctx.stats.watchStreams += 1;
    ctx.watchers.open(call, permitted);
    ctx.activity();
  };
}

function listPage(ctx: StandInContext, request: Wire): { page: Wire; error: StatusError | null } {
  const limit = Number(request.Limit ?? 0);
  if (limit < 0 || limit > MAX_LIMIT) {
    return { page: {}, error: invalid(`limit must be between 0 and ${MAX_LIMIT}, got ${limit}`) };
  }
  const size = Math.min(limit === 0 ? DEFAULT_LIMIT : limit, ctx.lists.pageSize);
  const startKey = String(request.StartKey ?? '');
  const rest = visible(ctx, request.Filter as Wire | null).filter((s) => s.request.id >= startKey);
  const page = rest.slice(0, size);
  if (ctx.lists.endless)
    return { page: { AccessRequests: page.map(accessRequestMessage), NextKey: `${startKey}+` }, error: null };
  const next = rest[size];
  return {
    page: { AccessRequests: page.map(accessRequestMessage), NextKey: next ? next.request.id : '' },
    error: null,
  };
}

function listAccessRequests(ctx: StandInContext): grpc.handleUnaryCall<Wire, Wire> {
  return (call, callback) => {
    const done = (error: StatusError | null, value?: Wire): void => {
      ctx.activity();
      if (error) callback(error);
      else callback(null, value);
    };
    if (!ctx.lists.implemented) {
      return done({
        code: grpc.status.UNIMPLEMENTED,
        details: 'unknown method ListAccessRequests for service proto.AuthService',
      });
    }
    if (!authorize(ctx, call, done) || failedByPlan(ctx, call, done)) return;
    const { page, error } = listPage(ctx, call.request);
    if (error) return done(error);
    if (!call.request.StartKey) ctx.stats.lists += 1;
    ctx.stats.listPages += 1;
    done(null, page);
  };
}

function getAccessRequestsV2(ctx: StandInContext): grpc.handleServerStreamingCall<Wire, Wire> {
  return (call) => {
    const refuse = (e: StatusError): void => {
      call.emit('error', { ...e, metadata: new grpc.Metadata() });
      ctx.activity();
    };
    if (!authorize(ctx, call, refuse) || failedByPlan(ctx, call, refuse)) return;
    for (const stored of visible(ctx, call.request)) call.write(accessRequestMessage(stored));
    ctx.stats.legacyLists += 1;
    call.end();
    ctx.activity();
  };
}

export function authServiceHandlers(ctx: StandInContext): grpc.UntypedServiceImplementation {
  return {
    Ping: ping(ctx),
    WatchEvents: watchEvents(ctx),
    ListAccessRequests: listAccessRequests(ctx),
    GetAccessRequestsV2: getAccessRequestsV2(ctx),
    GetEvents: getEvents(ctx, (call, refuse) => admit(ctx, call, refuse)),
  };
}
