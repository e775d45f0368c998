import { USAGE_BODY_VERSION, type Request, type UsageKind } from '../../../proto/contract.js';
import { opProblem } from '../../../proto/op-rules.js';
import type { Logger } from '../log.js';
import type { RelayMetrics } from '../metrics.js';
import type { AuditEvent } from '../teleport/audit-log.js';
import type { TeleportClient } from '../teleport/connection.js';
import { fromGrpcError, USAGE_PERMISSION_FIX } from '../teleport/errors.js';
import type { RequestSink } from '../teleport/sink.js';
import type { Clock } from '../timing/clock.js';
import { inScope, type Scope } from '../timing/scope.js';
import { eventTypesFor } from './events.js';
import { UsageLedger } from './ledger.js';
import type { UsageQueue } from './queue.js';

// Reads who used the approved requests from Teleport's audit log. On start it reads back from the
// earliest watched request's creation (within the look-back), then tails the log every interval,
// each read reaching back an overlap so an event indexed late is still seen; the ledger counts
// each event once per request. What changed goes to the usage queue as usage ops (§13).
// Without the `event` permission it warns once, then retries quietly at a long interval.

export interface UsageSettings {
  lookBackMs: number;
  intervalMs: number;
  kinds: readonly UsageKind[];
}

export interface UsageTrackerOptions {
  settings: UsageSettings;
  queue: UsageQueue;
  clock: Clock;
  logger: Logger;
  metrics: RelayMetrics;
  /** Opens a client with the current credentials. */
  connect(signal: AbortSignal): Promise<TeleportClient>;
  /** The credentials in use now: a client opened with others is replaced before the next read. */
  identity?: () => unknown;
}

export type UsageState = 'starting' | 'reading' | 'denied' | 'failing';

/** How far each read reaches back before the last one's end, for events indexed late. */
export const OVERLAP_MS = 5 * 60_000;
/** How long after a request's access ends its late events are still looked for. */
export const LATE_MARGIN_MS = 60 * 60_000;
/** Between attempts while Teleport refuses the relay the audit log. */
export const DENIED_RETRY_MS = 30 * 60_000;
const PRUNE_EVERY = 4096;

export class UsageTracker implements RequestSink {
  private readonly ledger: UsageLedger;
  private readonly types: string[];
  private client: TeleportClient | null = null;
  private clientIdentity: unknown = null;
  /** Every event before this has been read (null: nothing read yet). */
  private cursor: number | null = null;
  private state: UsageState = 'starting';
  private lastReadAt: number | null = null;
  private wake: Scope | null = null;

  constructor(private readonly o: UsageTrackerOptions) {
    const kinds = new Set(o.settings.kinds);
    this.ledger = new UsageLedger(kinds, LATE_MARGIN_MS);
    this.types = eventTypesFor(kinds);
  }

  snapshot(requests: readonly Request[]): void {
    for (const request of requests) this.put(request);
  }

  put(request: Request): void {
    this.ledger.track(request, this.o.clock.now());
    // The first read starts as soon as there is something to watch.
    if (this.cursor === null && this.ledger.size > 0) this.wake?.end();
  }

  /** Gone from Teleport: still watched until its access ended plus the margin, for late events. */
  remove(): void {}

  /** Every known usage again (the sheet asked for everything, e.g. after its layout changed). */
  resendAll(): void {
    for (const op of this.ledger.everything()) if (opProblem(op, USAGE_BODY_VERSION) === null) this.o.queue.put(op);
  }

  status(): { state: UsageState; tracked: number; lastReadAt: number | null } {
    return { state: this.state, tracked: this.ledger.size, lastReadAt: this.lastReadAt };
  }

  async run(signal: AbortSignal): Promise<void> {
    try {
      while (!signal.aborted) {
        const waitMs = await this.tick(signal);
        await inScope([signal], async (wake) => {
          this.wake = wake;
          wake.defer(() => (this.wake = null));
          await this.o.clock.sleep(waitMs, wake.signal).catch(() => undefined);
        });
      }
    } finally {
      this.client?.close();
      this.client = null;
    }
  }

  /** One read of the log; returns how long to wait before the next. */
  private async tick(signal: AbortSignal): Promise<number> {
    const now = this.o.clock.now();
    this.ledger.forgetEnded(now);
    this.o.metrics.usageTracked.set(this.ledger.size);
    if (this.ledger.size === 0) return this.o.settings.intervalMs;
    const settledBefore = this.cursor === null ? -Infinity : this.cursor - OVERLAP_MS;
    const fresh = this.ledger.freshFrom(now - this.o.settings.lookBackMs);
    const from = Math.min(fresh ?? Infinity, this.cursor === null ? Infinity : settledBefore);
    if (from === Infinity) return this.o.settings.intervalMs;
    let progress: number | null = null;
    let seen = 0;
    const onEvent = (event: AuditEvent) => {
      progress = Math.max(progress ?? -Infinity, event.time);
      if (this.ledger.apply(event, settledBefore)) this.o.metrics.usageEventsMatched.inc();
      if (++seen % PRUNE_EVERY === 0) this.ledger.prune(progress - OVERLAP_MS);
    };
    try {
      const client = await this.currentClient(signal);
      const read = await client.readAuditLog({ from, to: now, types: this.types }, onEvent, signal);
      this.o.metrics.usagePages.inc(read.pages);
      this.o.metrics.usageEventsRead.inc(read.events);
      this.advance(now);
      this.reading(now);
      return this.o.settings.intervalMs;
    } catch (err) {
      this.o.metrics.usageEventsRead.inc(seen);
      if (progress !== null) this.advance(progress);
      return this.failed(err, signal);
    } finally {
      this.queueChanges();
    }
  }

  private async currentClient(signal: AbortSignal): Promise<TeleportClient> {
    const identity = this.o.identity?.() ?? null;
    if (this.client && this.clientIdentity !== identity) {
      this.client.close();
      this.client = null;
    }
    this.client ??= await this.o.connect(signal);
    this.clientIdentity = identity;
    return this.client;
  }

  /** Everything before `to` has been read for every watched request. */
  private advance(to: number): void {
    this.cursor = to;
    this.ledger.settle();
    this.ledger.prune(to - OVERLAP_MS);
  }

  /** Only ops the sheet would take (a time outside 1970–9999 from an odd event would be refused). */
  private queueChanges(): void {
    for (const op of this.ledger.takeChanged()) {
      if (opProblem(op, USAGE_BODY_VERSION) === null) this.o.queue.put(op);
      else this.o.metrics.opsSetAside.inc({ reason: 'invalid' });
    }
  }

  private reading(now: number): void {
    if (this.state === 'denied' || this.state === 'failing')
      this.o.logger.info({ tracked: this.ledger.size }, 'reading usage from the audit log again');
    this.state = 'reading';
    this.lastReadAt = now;
    this.o.metrics.usageReading.set(1);
    this.o.metrics.usageLastRead.set(Math.floor(now / 1000));
  }

  private failed(err: unknown, signal: AbortSignal): number {
    this.client?.close();
    this.client = null;
    if (signal.aborted) return 0;
    const e = fromGrpcError(err, 'GetEvents');
    this.o.metrics.usageReadFailures.inc({ code: e.code });
    this.o.metrics.usageReading.set(0);
    const denied = e.code === 'permission_denied';
    const first = this.state !== (denied ? 'denied' : 'failing');
    this.state = denied ? 'denied' : 'failing';
    const fields = { code: e.code, err: e.message, ...(denied ? { fix: USAGE_PERMISSION_FIX } : {}) };
    const message = denied
      ? 'Teleport does not let the relay read the audit log: the sheet shows no usage, requests are delivered as before'
      : 'reading usage from the audit log failed; retrying at the next interval';
    if (first) this.o.logger.warn(fields, message);
    else this.o.logger.debug(fields, message);
    return denied ? DENIED_RETRY_MS : this.o.settings.intervalMs;
  }
}
