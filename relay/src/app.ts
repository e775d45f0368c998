import { hostname } from 'node:os';
import { isHttpsBaseUrl } from '../../proto/contract.js';
import { systemClock, type Clock } from './clock.js';
import type { RelayConfig } from './config.js';
import { CredentialStore, type Credentials } from './credentials.js';
import { Delivery, type BatchHeader } from './delivery.js';
import { startHttpSurface, type HttpSurface, type Readiness } from './http.js';
import type { Logger } from './log.js';
import { RelayMetrics } from './metrics.js';
import { Outbox } from './outbox.js';
import { createSheetClient, type SheetClient } from './sheet-client.js';
import type { RequestSink } from './sink.js';
import { TeleportSource } from './source.js';

// The relay's lifecycle: one App owns start, readiness and a bounded stop. Ready only once the
// first listing and its closing sync have reached the sheet; stop() stops watching, gives the
// outbox `shutdown_timeout` to drain, then closes everything.

export const CREDENTIALS_MIN_LEFT_MS = 5 * 60_000;
const DELIVERY_FAILURE_GRACE_MS = 3 * 60_000;

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
  /** Both or neither: a stand-in Teleport side for tests. */
  teleport?: { credentials: CredentialSource; source: RequestSource };
  sheetClient?: SheetClient;
}

export class App {
  readonly outbox: Outbox;
  readonly metrics: RelayMetrics;
  readonly delivery: Delivery;
  private readonly clock: Clock;
  private readonly credentials: CredentialSource;
  private readonly source: RequestSource;
  private readonly watching = new AbortController();
  private readonly delivering = new AbortController();
  private readonly counts = { snapshots: 0, puts: 0, deletes: 0 };
  private readonly startedAt: number;
  private http: HttpSurface | null = null;
  private running: Promise<unknown>[] = [];
  private deliveryStarted = false;
  private started = false;
  private lastHeader: BatchHeader | null = null;
  private stopping: Promise<{ flushed: boolean; undelivered: number }> | null = null;
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
        'a listing this large cannot carry its closing sync in one POST: rows stay current, but requests that vanished while the relay was away are not marked EXPIRED',
      );
    });
    if (o.teleport) {
      this.credentials = o.teleport.credentials;
      this.source = o.teleport.source;
    } else {
      const store = new CredentialStore({
        path: config.teleport.identity,
        refresh: config.teleport.refreshIdentity,
        intervalMs: config.teleport.refreshIdentityIntervalMs,
        clock: this.clock,
        logger,
        metrics: this.metrics,
      });
      this.credentials = store;
      this.source = new TeleportSource({
        addr: config.teleport.addr,
        mode: config.teleport.mode,
        connectionUpgrade: config.teleport.connectionUpgrade,
        credentials: store,
        clock: this.clock,
        logger,
        metrics: this.metrics,
      });
    }
    this.delivery = new Delivery({
      outbox: this.outbox,
      client:
        o.sheetClient ??
        createSheetClient({
          url: config.sheet.url,
          secret: o.secret,
          clock: this.clock,
          timeoutMs: config.sheet.timeoutMs,
        }),
      header: () => this.header()!,
      clock: this.clock,
      logger,
      metrics: this.metrics,
      lingerMs: config.relay.batchLingerMs,
      heartbeatIntervalMs: config.relay.heartbeatIntervalMs,
      stats: () => this.stats(),
      onResync: () => this.source.requestResync('sheet'),
    });
  }

  /** Loads credentials (throws CredentialsError without a usable identity), then runs until stop(). */
  async start(): Promise<void> {
    await this.credentials.start();
    this.started = true;
    this.http = await startHttpSurface({
      host: this.o.config.http.host,
      port: this.o.config.http.port,
      logger: this.o.logger,
      metrics: this.metrics,
      readiness: () => this.readiness(),
      beforeScrape: () => this.refreshGauges(),
    });
    this.source.onSnapshot(() => this.startDelivery());
    this.startDelivery();
    this.running.push(
      this.source.run(this.countingSink(), this.watching.signal).catch((err) => this.fatal('watch', err)),
    );
    this.running.push(this.resyncTimer(this.watching.signal));
  }

  get httpPort(): number | null {
    return this.http?.port ?? null;
  }

  readiness(): Readiness {
    if (!this.started) return { ready: false, checks: [{ name: 'started', ok: false, detail: 'starting' }] };
    const now = this.clock.now();
    const notAfter = this.credentials.current().notAfter;
    const delivery = this.delivery.status();
    const failingFor = delivery.failingSince === null ? 0 : now - delivery.failingSince;
    const checks = [
      credentialsCheck(notAfter.getTime() - now, notAfter),
      {
        name: 'stream',
        ok: this.source.status().connected,
        detail: this.source.status().connected ? 'watching access requests' : 'not connected to Teleport',
      },
      {
        name: 'first_sync',
        ok: delivery.syncsDelivered > 0,
        detail:
          delivery.syncsDelivered > 0
            ? 'the sheet holds a full listing'
            : 'the first listing has not reached the sheet yet',
      },
      {
        name: 'delivery',
        ok: failingFor < DELIVERY_FAILURE_GRACE_MS,
        detail:
          delivery.failingSince === null
            ? 'deliveries succeed'
            : `failing for ${Math.round(failingFor / 1000)} s (${delivery.lastFailure})`,
      },
    ];
    return { ready: checks.every((c) => c.ok), checks };
  }

  /** Stops watching, delivers what is queued for up to shutdown_timeout, closes. Idempotent. */
  stop(): Promise<{ flushed: boolean; undelivered: number }> {
    this.stopping ??= this.shutdown();
    return this.stopping;
  }

  private async shutdown(): Promise<{ flushed: boolean; undelivered: number }> {
    this.watching.abort();
    const deadline = new AbortController();
    const flushed = this.deliveryStarted
      ? await Promise.race([
          this.delivery.drain().then(() => true),
          this.clock.sleep(this.o.config.relay.shutdownTimeoutMs, deadline.signal).then(
            () => false,
            () => false,
          ),
        ])
      : this.outbox.idle;
    deadline.abort();
    this.delivering.abort();
    await Promise.allSettled(this.running);
    this.credentials.stop();
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

  /**
   * The batch header needs the cluster and the link base; without web_url that waits for the
   * first Ping, and the last known header is kept while Teleport is unreachable.
   */
  private header(): BatchHeader | null {
    const ping = this.source.status().ping;
    const webUrl =
      this.o.config.sheet.webUrl ?? (ping?.proxyPublicAddr ? webUrlFromProxyAddr(ping.proxyPublicAddr) : null);
    if (webUrl) {
      const relayId = this.o.config.relay.id ?? hostname();
      this.lastHeader = {
        cluster: ping?.clusterName || this.credentials.current().clusterName,
        webUrl,
        relay: `${relayId}/${this.o.version}`,
      };
    }
    return this.lastHeader;
  }

  private startDelivery(): void {
    if (this.deliveryStarted || this.delivering.signal.aborted || !this.header()) return;
    this.deliveryStarted = true;
    this.running.push(this.delivery.run(this.delivering.signal).catch((err) => this.fatal('delivery', err)));
  }

  private async resyncTimer(signal: AbortSignal): Promise<void> {
    while (!signal.aborted) {
      await this.clock.sleep(this.o.config.relay.resyncIntervalMs, signal).catch(() => undefined);
      if (!signal.aborted) this.source.requestResync('interval');
    }
  }

  private countingSink(): RequestSink {
    const { outbox, counts } = this;
    return {
      snapshot: (requests) => {
        counts.snapshots += 1;
        outbox.snapshot(requests);
      },
      put: (request) => {
        counts.puts += 1;
        outbox.put(request);
      },
      remove: (id) => {
        counts.deletes += 1;
        outbox.remove(id);
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
    };
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

/** Not ready a few minutes before the certificate expires: a renewal that has not come is worth an alert. */
function credentialsCheck(leftMs: number, notAfter: Date): { name: string; ok: boolean; detail: string } {
  const at = notAfter.toISOString();
  if (leftMs <= 0)
    return {
      name: 'credentials',
      ok: false,
      detail: `certificate expired at ${at}: renew the identity (tctl auth sign, or check tbot)`,
    };
  if (leftMs <= CREDENTIALS_MIN_LEFT_MS)
    return { name: 'credentials', ok: false, detail: `certificate expires at ${at} and has not been renewed` };
  return { name: 'credentials', ok: true, detail: `certificate valid until ${at}` };
}

/** "teleport.example.com:443" → "https://teleport.example.com"; other ports are kept. */
export function webUrlFromProxyAddr(addr: string): string | null {
  const first = addr
    .split(',')[0]!
    .trim()
    .replace(/^https?:\/\//, '');
  const url = `https://${first.replace(/:443$/, '')}`;
  return isHttpsBaseUrl(url) ? url : null;
}
