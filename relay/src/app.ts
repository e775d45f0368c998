import { hostname } from 'node:os';
import type { RelayConfig } from './config/parse.js';
import { Admission } from './delivery/admission.js';
import { batchHeader, type BatchHeader } from './delivery/header.js';
import { Delivery } from './delivery/loop.js';
import { Outbox } from './delivery/outbox.js';
import { createSheetClient, type SheetClient } from './delivery/sheet-client.js';
import { startHttpSurface, type HttpSurface, type Readiness } from './http.js';
import type { Logger } from './log.js';
import { RelayMetrics } from './metrics.js';
import { readiness } from './readiness.js';
import type { Credentials } from './teleport/identity-file.js';
import { createTeleportSide } from './teleport/side.js';
import type { RequestSink } from './teleport/sink.js';
import { systemClock, type Clock } from './timing/clock.js';
import { Coalescer } from './timing/coalesce.js';
import { inScope } from './timing/scope.js';
import type { TeleportClient } from './teleport/connection.js';
import { UsageQueue } from './usage/queue.js';
import { UsageTracker } from './usage/tracker.js';

// The relay's lifecycle: one App wires the parts and owns start, readiness and a bounded stop.
// Ready only once the first listing and its closing sync have reached the sheet; stop() stops
// watching, gives the outbox `shutdown_timeout` to drain, then closes everything.

/** What App needs of the Teleport side (TeleportSource satisfies it; tests may pass a stand-in). */
export interface RequestSource {
  run(sink: RequestSink, signal: AbortSignal): Promise<void>;
  requestResync(trigger: 'interval' | 'sheet'): void;
  status(): { connected: boolean; ping: { clusterName: string; proxyPublicAddr: string } | null };
  onSnapshot(listener: () => void): () => void;
}
export interface CredentialSource {
  start(): Promise<Credentials>;
  current(): Credentials;
  stop(): void;
}

export interface AppOptions {
  config: RelayConfig;
  secret: string;
  version: string;
  logger: Logger;
  clock?: Clock;
  metrics?: RelayMetrics;
  /** Both or neither: a stand-in Teleport side for tests (with `connect`, usage is read through it). */
  teleport?: {
    credentials: CredentialSource;
    source: RequestSource;
    connect?: (signal: AbortSignal) => Promise<TeleportClient>;
  };
  sheetClient?: SheetClient;
}

/** Contract §10: at most one sheet-triggered listing a minute. */
const SHEET_RESYNC_INTERVAL_MS = 60_000;

export interface StopResult {
  flushed: boolean;
  undelivered: number;
}

export class App {
  readonly outbox: Outbox;
  readonly metrics: RelayMetrics;
  readonly delivery: Delivery;
  private readonly clock: Clock;
  private readonly credentials: CredentialSource;
  private readonly source: RequestSource;
  private readonly sheetClient: SheetClient;
  private readonly admission: Admission;
  /** Null when usage is off (`usage.enabled = false`) or the Teleport side cannot read the audit log. */
  readonly usage: UsageTracker | null;
  private readonly sheetResyncs: Coalescer;
  private readonly watching = new AbortController();
  private readonly delivering = new AbortController();
  private readonly counts = { snapshots: 0, puts: 0, deletes: 0 };
  private readonly startedAt: number;
  private http: HttpSurface | null = null;
  private running: Promise<unknown>[] = [];
  private started = false;
  private stopping: Promise<StopResult> | null = null;
  private knowHeader: (header: Promise<BatchHeader>) => void = () => {};
  private reportFatal: (part: string) => void = () => {};
  /** Resolves with the loop's name when one that must run forever stopped: exit, and be restarted. */
  readonly failed: Promise<string> = new Promise((resolve) => {
    this.reportFatal = resolve;
  });

  constructor(private readonly o: AppOptions) {
    const { config, logger } = o;
    this.clock = o.clock ?? systemClock;
    this.metrics = o.metrics ?? new RelayMetrics({ processMetrics: true });
    this.startedAt = this.clock.now();
    this.outbox = new Outbox(this.clock, (ids, bytes) => {
      this.metrics.syncsTooLarge.inc();
      logger.warn(
        { ids, bytes },
        'a listing this large cannot carry its closing sync in one POST: rows stay current, ' +
          'but requests that vanished while the relay was away are not marked EXPIRED',
      );
    });
    this.admission = new Admission(this.outbox, this.metrics, logger);
    this.sheetResyncs = new Coalescer(
      this.clock,
      SHEET_RESYNC_INTERVAL_MS,
      () => {
        this.source.requestResync('sheet');
        this.usage?.resendAll();
      },
      this.watching.signal,
    );
    const teleport =
      o.teleport ?? createTeleportSide({ config: config.teleport, clock: this.clock, logger, metrics: this.metrics });
    this.credentials = teleport.credentials;
    this.source = teleport.source;
    this.sheetClient =
      o.sheetClient ??
      createSheetClient({
        url: config.sheet.url,
        secret: o.secret,
        clock: this.clock,
        timeoutMs: config.sheet.timeoutMs,
      });
    const queue = new UsageQueue();
    this.usage = config.usage.enabled && teleport.connect ? this.usageTracker(queue, teleport.connect) : null;
    this.delivery = new Delivery({
      outbox: this.outbox,
      client: this.sheetClient,
      header: new Promise((resolve) => (this.knowHeader = resolve)),
      clock: this.clock,
      logger,
      metrics: this.metrics,
      lingerMs: config.relay.batchLingerMs,
      heartbeatIntervalMs: config.relay.heartbeatIntervalMs,
      stats: () => this.stats(),
      onResync: () => this.sheetResyncs.request(),
      ...(this.usage ? { usage: queue } : {}),
    });
  }

  private usageTracker(queue: UsageQueue, connect: (signal: AbortSignal) => Promise<TeleportClient>): UsageTracker {
    return new UsageTracker({
      settings: this.o.config.usage,
      queue,
      clock: this.clock,
      logger: this.o.logger.child({ part: 'usage' }),
      metrics: this.metrics,
      connect,
      identity: () => this.credentials.current(),
    });
  }

  /** Loads credentials (throws CredentialsError without a usable identity), then runs until stop(). */
  async start(): Promise<void> {
    const credentials = await this.credentials.start();
    this.started = true;
    this.knowHeader(
      batchHeader({
        webUrl: this.o.config.sheet.webUrl,
        relay: `${this.o.config.relay.id ?? hostname()}/${this.o.version}`,
        identityCluster: credentials.clusterName,
        source: this.source,
      }),
    );
    this.http = await startHttpSurface({
      host: this.o.config.http.host,
      port: this.o.config.http.port,
      logger: this.o.logger,
      metrics: this.metrics,
      readiness: () => this.readiness(),
      beforeScrape: () => this.refreshGauges(),
    });
    this.keep('delivery', this.delivery.run(this.delivering.signal));
    this.keep('watch', this.source.run(this.countingSink(), this.watching.signal));
    this.running.push(this.resyncTimer(this.watching.signal));
    if (this.usage) {
      const failed = (err: unknown) =>
        this.o.logger.error({ err: (err as Error)?.message }, 'the usage reader stopped; usage is no longer read');
      this.running.push(this.usage.run(this.watching.signal).catch(failed));
    }
  }

  get httpPort(): number | null {
    return this.http?.port ?? null;
  }

  readiness(): Readiness {
    const delivery = this.delivery.status();
    return readiness({
      now: this.clock.now(),
      certificateNotAfter: this.started ? this.credentials.current().notAfter : null,
      streamUp: this.source.status().connected,
      firstSyncDelivered: delivery.syncsDelivered > 0,
      failingSince: delivery.failingSince,
      lastFailure: delivery.lastFailure,
      sheetFull: delivery.sheetFull,
    });
  }

  /** Stops watching, delivers what is queued for up to shutdown_timeout, closes. Idempotent. */
  stop(): Promise<StopResult> {
    this.stopping ??= this.shutdown();
    return this.stopping;
  }

  private async shutdown(): Promise<StopResult> {
    this.watching.abort();
    const flushed = await inScope([], (deadline) =>
      Promise.race([
        this.delivery.drain(deadline.signal).then(() => this.outbox.idle),
        this.clock.sleep(this.o.config.relay.shutdownTimeoutMs, deadline.signal).then(
          () => false,
          () => false,
        ),
      ]),
    );
    this.delivering.abort();
    await Promise.allSettled(this.running);
    this.credentials.stop();
    this.sheetClient.close();
    await this.http?.close();
    const undelivered = this.outbox.depth;
    this.o.logger.info(
      { flushed, undelivered },
      flushed
        ? 'stopped; everything queued was delivered'
        : 'stopped with ops undelivered; the next start re-sends everything',
    );
    return { flushed, undelivered };
  }

  /** A loop that must run until stop(): if it ends with an error, the process should restart. */
  private keep(part: string, loop: Promise<void>): void {
    this.running.push(loop.catch((err) => this.fatal(part, err)));
  }

  private async resyncTimer(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      await this.clock.sleep(this.o.config.relay.resyncIntervalMs, signal).catch(() => undefined);
      if (!signal.aborted) this.source.requestResync('interval');
    }
  }

  private countingSink(): RequestSink {
    const { admission, counts, usage } = this;
    return {
      snapshot: (requests) => {
        counts.snapshots += 1;
        admission.snapshot(requests);
        usage?.snapshot(requests);
      },
      put: (request) => {
        counts.puts += 1;
        admission.put(request);
        usage?.put(request);
      },
      remove: (id) => {
        counts.deletes += 1;
        admission.remove(id);
      },
    };
  }

  private stats(): Record<string, number> {
    const since = this.outbox.oldestUndeliveredSince();
    return {
      ...this.counts,
      streamUp: this.source.status().connected ? 1 : 0,
      identityExpiresAt: Math.floor(this.credentials.current().notAfter.getTime() / 1000),
      oldestUndeliveredSeconds: since === null ? 0 : Math.round((this.clock.now() - since) / 1000),
      uptimeSeconds: Math.round((this.clock.now() - this.startedAt) / 1000),
      ...this.usageStats(),
    };
  }

  /** For Relay status: whether this relay reads usage, and how many requests it watches. */
  private usageStats(): Record<string, number> {
    const status = this.usage?.status();
    return { usageReading: status?.state === 'reading' ? 1 : 0, usageTracked: status?.tracked ?? 0 };
  }

  private refreshGauges(): void {
    const since = this.outbox.oldestUndeliveredSince();
    this.metrics.outboxDepth.set(this.outbox.depth);
    this.metrics.oldestUndeliveredAge.set(since === null ? 0 : (this.clock.now() - since) / 1000);
  }

  private fatal(part: string, err: unknown): void {
    this.o.logger.error(
      { part, err: (err as Error)?.message, code: (err as { code?: unknown })?.code },
      `the ${part} loop stopped unexpectedly`,
    );
    this.reportFatal(part);
  }
}
