import * as grpc from '@grpc/grpc-js';
import { AuditLog, type AuditEventInit } from './audit-log.js';
import { authServiceHandlers, type ListKnobs, type StandInContext, type StandInStats } from './handlers.js';
import type { TestCluster } from './pki.js';
import { DEFAULT_ROLES, type RoleMap, type Verb } from './rbac.js';
import { authServiceDefinition } from './schema.js';
import { SessionTracker } from './sessions.js';
import {
  copyRequest,
  RequestStore,
  type Change,
  type JournalEntry,
  type ReviewState,
  type StandInRequest,
} from './store.js';
import { WatcherSet } from './watchers.js';
import { deleteEvent, putEvent } from './wire.js';

export { StandInError, type StandInRequest } from './store.js';
export type { AuditEventInit, AuditEventType } from './audit-log.js';
export type { StandInStats } from './handlers.js';

export interface FakeTeleportOptions {
  cluster: TestCluster;
  port?: number;
  proxyPublicAddr?: string;
  roles?: Record<string, { accessRequest: Verb[]; event?: Verb[] }>;
  serverVersion?: string;
  /** Client pings closer together than this are strikes; Teleport enforces one minute. */
  minPingIntervalMs?: number;
  /** Drives created/review times and the listing's expiry check. Default Date.now. */
  now?: () => number;
}

export interface FakeTeleport {
  readonly address: string;
  readonly port: number;
  createRequest(init?: Partial<StandInRequest>): StandInRequest;
  review(
    id: string,
    review: { author: string; state: ReviewState; reason?: string; promotedTo?: string },
  ): StandInRequest;
  setState(id: string, state: 'APPROVED' | 'DENIED', reason?: string): StandInRequest;
  deleteRequest(id: string): void;
  requests(): StandInRequest[];
  /** Writes an audit event (any time, so an event can be indexed late); returns its id. */
  appendEvent(event: AuditEventInit): string;
  /** How many audit events the log holds. */
  readonly auditEvents: number;
  /** Every change the backend made, in order: the record the sheet's History is compared with. */
  journal(): JournalEntry[];
  dropStreams(how?: 'unavailable' | 'reset'): void;
  setInitDelay(ms: number | 'never'): void;
  setListImplemented(yes: boolean): void;
  failNextLists(n: number, code?: 'unavailable' | 'reset'): void;
  setPageSize(n: number): void;
  /** Every page repeats the first with a new NextKey: a listing that never ends (a broken backend). */
  setEndlessListing(yes: boolean): void;
  readonly stats: Readonly<StandInStats>;
  waitFor(predicate: () => boolean, timeoutMs?: number): Promise<void>;
  restart(): Promise<void>;
  close(): Promise<void>;
}

const BIND_RETRIES = 50;
const BIND_RETRY_MS = 20;

function bind(server: grpc.Server, port: number, credentials: grpc.ServerCredentials): Promise<number> {
  return new Promise((resolve, reject) => {
    server.bindAsync(`127.0.0.1:${port}`, credentials, (error, bound) => (error ? reject(error) : resolve(bound)));
  });
}

class StandIn implements FakeTeleport {
  private server: grpc.Server | null = null;
  private boundPort = 0;
  private readonly waiters = new Set<() => void>();
  private readonly counters: StandInStats = {
    watchStreams: 0,
    openStreams: 0,
    initsSent: 0,
    lists: 0,
    listPages: 0,
    legacyLists: 0,
    pings: 0,
    denied: 0,
    clientPings: 0,
    tooManyPings: 0,
    handshakeFailures: 0,
    eventPages: 0,
    eventsServed: 0,
  };
  private readonly watchers = new WatcherSet({
    onInit: () => {
      this.counters.initsSent += 1;
    },
    onActivity: () => this.activity(),
  });
  private readonly sessions: SessionTracker;
  private readonly store: RequestStore;
  private readonly audit: AuditLog;
  private readonly lists: ListKnobs = {
    implemented: true,
    pageSize: Number.MAX_SAFE_INTEGER,
    failures: 0,
    failureCode: 'unavailable',
    endless: false,
  };
  private readonly context: StandInContext;

  constructor(private readonly opts: FakeTeleportOptions) {
    const now = opts.now ?? Date.now;
    this.store = new RequestStore(now, (change) => this.publish(change));
    this.audit = new AuditLog(opts.cluster.name, now);
    this.sessions = new SessionTracker(opts.minPingIntervalMs ?? 60_000, {
      onClientPing: () => {
        this.counters.clientPings += 1;
      },
      onTooManyPings: () => {
        this.counters.tooManyPings += 1;
      },
      onHandshakeFailure: () => {
        this.counters.handshakeFailures += 1;
      },
      onActivity: () => this.activity(),
    });
    this.context = {
      cluster: opts.cluster,
      proxyPublicAddr: opts.proxyPublicAddr ?? 'teleport.example.com:443',
      serverVersion: opts.serverVersion ?? '18.0.0',
      roles: (opts.roles as RoleMap | undefined) ?? DEFAULT_ROLES,
      store: this.store,
      audit: this.audit,
      watchers: this.watchers,
      sessions: this.sessions,
      stats: this.counters,
      lists: this.lists,
      now,
      activity: () => this.activity(),
    };
  }

  get port(): number {
    return this.boundPort;
  }
  get address(): string {
    return `127.0.0.1:${this.boundPort}`;
  }
  /** A snapshot; openStreams is counted live from the open watchers. */
  get stats(): Readonly<StandInStats> {
    return { ...this.counters, openStreams: this.watchers.size };
  }

  async listen(port: number): Promise<void> {
    const credentials = grpc.ServerCredentials.createSsl(
      Buffer.from(this.opts.cluster.caCertPem),
      [
        {
          private_key: Buffer.from(this.opts.cluster.serverKeyPem),
          cert_chain: Buffer.from(this.opts.cluster.serverCertPem),
        },
      ],
      true,
    );
    for (let attempt = 0; ; attempt += 1) {
      const server = new grpc.Server();
      server.addService(authServiceDefinition, authServiceHandlers(this.context));
      try {
        this.boundPort = await bind(server, port, credentials);
        this.server = server;
        this.sessions.attach(server);
        return;
      } catch (error) {
        server.forceShutdown();
        // A restart rebinds the port it just released; the old listener may need a moment to go.
        if (port === 0 || attempt >= BIND_RETRIES) throw error;
        await new Promise((resolve) => setTimeout(resolve, BIND_RETRY_MS));
      }
    }
  }

  createRequest(init?: Partial<StandInRequest>): StandInRequest {
    return this.store.create(init);
  }
  review(
    id: string,
    review: { author: string; state: ReviewState; reason?: string; promotedTo?: string },
  ): StandInRequest {
    return this.store.review(id, review);
  }
  setState(id: string, state: 'APPROVED' | 'DENIED', reason?: string): StandInRequest {
    return this.store.setState(id, state, reason);
  }
  deleteRequest(id: string): void {
    this.store.delete(id);
  }
  appendEvent(event: AuditEventInit): string {
    const id = this.audit.append(event);
    this.activity();
    return id;
  }
  get auditEvents(): number {
    return this.audit.size;
  }
  requests(): StandInRequest[] {
    return this.store.all().map((s) => copyRequest(s.request));
  }
  journal(): JournalEntry[] {
    return this.store.journal();
  }

  dropStreams(how: 'unavailable' | 'reset' = 'unavailable'): void {
    if (how === 'unavailable') {
      this.watchers.endAll(grpc.status.UNAVAILABLE, 'watcher is closed: connection problem');
      return;
    }
    for (const peer of this.watchers.peers()) this.sessions.resetPeer(peer);
  }

  setInitDelay(ms: number | 'never'): void {
    this.watchers.setInitDelay(ms);
  }
  setListImplemented(yes: boolean): void {
    this.lists.implemented = yes;
  }
  failNextLists(n: number, code: 'unavailable' | 'reset' = 'unavailable'): void {
    this.lists.failures = n;
    this.lists.failureCode = code;
  }
  setPageSize(n: number): void {
    this.lists.pageSize = n;
  }
  setEndlessListing(yes: boolean): void {
    this.lists.endless = yes;
  }

  waitFor(predicate: () => boolean, timeoutMs = 10_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const finish = (error?: Error): void => {
        clearTimeout(timer);
        this.waiters.delete(check);
        if (error) reject(error);
        else resolve();
      };
      const check = (): void => {
        try {
          if (predicate()) finish();
        } catch (error) {
          finish(error as Error);
        }
      };
      const timer = setTimeout(() => {
        finish(
          new Error(`fake Teleport: condition not met within ${timeoutMs} ms (stats ${JSON.stringify(this.stats)})`),
        );
      }, timeoutMs);
      this.waiters.add(check);
      check();
    });
  }

  /** Like an Auth Service process restart: every connection drops, then the same port serves the same state. */
  async restart(): Promise<void> {
    this.stop();
    await this.listen(this.boundPort);
    this.activity();
  }

  async close(): Promise<void> {
    this.stop();
  }

  private stop(): void {
    this.sessions.resetAll();
    this.watchers.forgetAll();
    this.server?.forceShutdown();
    this.server = null;
  }

  private publish(change: Change): void {
    this.watchers.broadcast(change.kind === 'put' ? putEvent(change.stored) : deleteEvent(change.id));
    this.activity();
  }

  private activity(): void {
    for (const check of [...this.waiters]) check();
  }
}

export async function startFakeTeleport(opts: FakeTeleportOptions): Promise<FakeTeleport> {
  const standIn = new StandIn(opts);
  await standIn.listen(opts.port ?? 0);
  return standIn;
}
