// The watch loop: connect, Ping, WatchEvents, and after every INIT list everything and hand it to
// the sink as a snapshot, then stream PUT/DELETE as put/remove. Any failure reconnects with
// decorrelated jitter; new credentials and a certificate about to expire reconnect at once.
// A stream has no replay, so listing after each INIT is what makes a gap heal.
import type { Request } from '../../../proto/contract.js';
import { decorrelatedJitter, type Backoff } from '../timing/backoff.js';
import type { Clock } from '../timing/clock.js';
import { inScope } from '../timing/scope.js';
import {
  connectTeleport,
  type ConnectMode,
  type ConnectOptions,
  type PingInfo,
  type Route,
  type TeleportClient,
} from './connection.js';
import type { CredentialStore } from './credentials.js';
import { TeleportError, fromGrpcError } from './errors.js';
import type { Logger } from '../log.js';
import type { RelayMetrics } from '../metrics.js';
import type { UpgradeSetting } from './connection-upgrade.js';
import { isExpired } from './request.js';
import type { RequestSink } from './sink.js';
import type { ResyncTrigger, WatchStream } from './watch.js';

export interface TeleportSourceOptions {
  addr: string;
  mode: ConnectMode;
  connectionUpgrade?: UpgradeSetting;
  credentials: CredentialStore;
  clock: Clock;
  logger: Logger;
  metrics: RelayMetrics;
  initTimeoutMs?: number;
  backoff?: Backoff;
  /** Wait after a failure that backing off fast cannot fix (a missing permission, bad credentials). */
  slowRetryMs?: number;
  /** How to open a client; connectTeleport unless a test substitutes one. */
  connect?: (o: ConnectOptions) => Promise<TeleportClient>;
}

export interface SourceStatus {
  connected: boolean;
  ping: PingInfo | null;
  lastSnapshotAt: number | null;
  lastError: { code: string; message: string; fix?: string } | null;
  route: Route | null;
}

/** Why the current attempt was cut short on purpose (not a failure). */
type Interruption = 'identity_changed' | 'identity_expiring';

const SLOW_CODES = new Set(['permission_denied', 'credentials', 'invalid_argument', 'too_large']);
/** Reconnect this long before the certificate expires (a tenth of its life when that is shorter). */
const EXPIRY_MARGIN_MS = 60_000;

export class TeleportSource {
  private readonly backoff: Backoff;
  private readonly snapshotListeners = new Set<() => void>();
  private readonly state: SourceStatus = {
    connected: false,
    ping: null,
    lastSnapshotAt: null,
    lastError: null,
    route: null,
  };
  private live: WatchStream | null = null;
  private interrupt = new AbortController();

  constructor(private readonly o: TeleportSourceOptions) {
    this.backoff = o.backoff ?? decorrelatedJitter(20, 5_000);
  }

  async run(sink: RequestSink, signal: AbortSignal): Promise<void> {
    const unsubscribe = this.o.credentials.onChange(() =>
      this.interrupt.abort('identity_changed' satisfies Interruption),
    );
    try {
      while (!signal.aborted) {
        this.interrupt = new AbortController();
        // Whatever a session arms (the expiry reconnect, the stream, the calls) ends with it.
        await inScope([signal, this.interrupt.signal], (attempt) => this.attempt(sink, signal, attempt.signal));
      }
    } finally {
      unsubscribe();
    }
  }

  /** One session; after a failure (not an interruption on purpose), the wait before the next. */
  private async attempt(sink: RequestSink, signal: AbortSignal, attempt: AbortSignal): Promise<void> {
    const failure = await this.session(sink, attempt).then(
      () => null,
      (err: unknown) => err,
    );
    if (signal.aborted) return;
    if (this.interrupt.signal.aborted) {
      const reason = this.interrupt.signal.reason as Interruption;
      this.o.metrics.reconnects.inc({ reason });
      this.o.logger.info({ reason }, 'reconnecting to Teleport with the current credentials');
      return;
    }
    await this.afterFailure(failure, attempt);
  }

  /** Re-lists on the live stream and snapshots again; without one, the next connection lists anyway. */
  requestResync(trigger: 'interval' | 'sheet'): void {
    this.live?.push({ type: 'resync', trigger });
  }

  status(): SourceStatus {
    return { ...this.state };
  }

  onSnapshot(listener: () => void): () => void {
    this.snapshotListeners.add(listener);
    return () => this.snapshotListeners.delete(listener);
  }

  private async afterFailure(failure: unknown, attempt: AbortSignal): Promise<void> {
    const err = failure instanceof TeleportError ? failure : fromGrpcError(failure, 'Teleport');
    this.state.lastError = { code: err.code, message: err.message, ...(err.fix ? { fix: err.fix } : {}) };
    this.o.metrics.reconnects.inc({ reason: err.code });
    const slow = SLOW_CODES.has(err.code);
    const delay = slow ? Math.max(this.o.slowRetryMs ?? 30_000, this.backoff.next()) : this.backoff.next();
    const fields = { code: err.code, err: err.message, fix: err.fix, retryInMs: Math.round(delay) };
    if (slow) this.o.logger.error(fields, 'Teleport refused the relay');
    else this.o.logger.warn(fields, 'Teleport watch failed; reconnecting');
    await this.o.clock.sleep(delay, attempt).catch(() => undefined);
  }

  private async session(sink: RequestSink, signal: AbortSignal): Promise<void> {
    const credentials = this.o.credentials.current();
    const client = await (this.o.connect ?? connectTeleport)({
      addr: this.o.addr,
      mode: this.o.mode,
      ...(this.o.connectionUpgrade ? { connectionUpgrade: this.o.connectionUpgrade } : {}),
      credentials,
      logger: this.o.logger,
      now: () => this.o.clock.now(),
      signal,
    });
    let stream: WatchStream | null = null;
    try {
      this.state.route = client.route;
      this.state.ping = await client.ping(signal);
      this.o.logger.info({ route: client.route, path: client.path, ...this.state.ping }, 'Teleport answered Ping');
      if (this.state.ping.clusterName !== credentials.clusterName) {
        this.o.logger.warn(
          { identityCluster: credentials.clusterName, cluster: this.state.ping.clusterName },
          'the identity was issued by another cluster name than Teleport reports',
        );
      }
      stream = client.watch(signal);
      await stream.init(this.o.initTimeoutMs ?? 15_000, this.o.clock, signal);
      this.o.metrics.events.inc({ type: 'init' });
      this.reconnectBeforeExpiry(credentials.notAfter.getTime(), credentials.notBefore.getTime(), signal);
      await this.resync(client, sink, 'connect', signal, () => this.goLive(stream!));
      await this.follow(client, stream, sink, signal);
    } finally {
      this.live = null;
      this.state.connected = false;
      this.o.metrics.streamUp.set(0);
      stream?.close();
      client.close();
    }
  }

  private async follow(
    client: TeleportClient,
    stream: WatchStream,
    sink: RequestSink,
    signal: AbortSignal,
  ): Promise<never> {
    for (;;) {
      const item = await stream.next();
      if (item.type === 'resync') {
        await this.resync(client, sink, item.trigger, signal);
      } else if (item.type === 'put') {
        this.o.metrics.events.inc({ type: 'put' });
        if (isExpired(item.request, this.o.clock.now())) sink.remove(item.request.id);
        else sink.put(item.request);
      } else if (item.type === 'delete') {
        this.o.metrics.events.inc({ type: 'delete' });
        sink.remove(item.id);
      }
    }
  }

  /** Marked before the snapshot is handed over, so whoever reacts to it sees the stream live. */
  private goLive(stream: WatchStream): void {
    this.backoff.reset();
    this.state.connected = true;
    this.state.lastError = null;
    this.o.metrics.streamUp.set(1);
    this.live = stream;
  }

  private async resync(
    client: TeleportClient,
    sink: RequestSink,
    trigger: ResyncTrigger,
    signal: AbortSignal,
    beforeSnapshot?: () => void,
  ): Promise<void> {
    const listed = await client.listAccessRequests(signal);
    const now = this.o.clock.now();
    const current: Request[] = listed.filter((r) => !isExpired(r, now));
    beforeSnapshot?.();
    sink.snapshot(current);
    this.o.metrics.resyncs.inc({ trigger });
    this.state.lastSnapshotAt = now;
    this.o.logger.info({ trigger, requests: current.length }, 'listed every access request');
    for (const listener of this.snapshotListeners) listener();
  }

  private reconnectBeforeExpiry(notAfter: number, notBefore: number, signal: AbortSignal): void {
    const margin = Math.min(EXPIRY_MARGIN_MS, (notAfter - notBefore) / 10);
    const now = this.o.clock.now();
    // Once inside the margin with no renewal in sight, stay connected until the very end.
    const at = notAfter - margin > now ? notAfter - margin : notAfter;
    const interrupt = this.interrupt;
    this.o.clock.sleep(Math.max(0, at - now), signal).then(
      () => interrupt.abort('identity_expiring' satisfies Interruption),
      () => undefined,
    );
  }
}
