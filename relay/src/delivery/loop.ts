import { randomBytes } from 'node:crypto';
import {
  CONTRACT_VERSION,
  MAX_OPS_PER_BATCH,
  USAGE_BODY_VERSION,
  type HeartbeatOp,
  type Op,
  type SignatureVersion,
} from '../../../proto/contract.js';
import type { UsageQueue } from '../usage/queue.js';
import { exponentialJitter, type Backoff } from '../timing/backoff.js';
import type { Clock } from '../timing/clock.js';
import { inScope, untilAborted } from '../timing/scope.js';
import type { Logger } from '../log.js';
import type { RelayMetrics } from '../metrics.js';
import type { Outbox } from './outbox.js';
import { PoisonSearch } from './poison-search.js';
import { composeBatch, type BodyVersion, type OutgoingBatch } from './batch.js';
import type { BatchHeader } from './header.js';
import { reportDelivered, reportFailure, reportSetAside, reportSignature } from './report.js';
import type { Delivered, Failed } from './report.js';
import type { Verdict } from './reply.js';
import type { SheetClient } from './sheet-client.js';
import { SignatureChoice } from './signature.js';
import { usageRefused } from './usage-refusal.js';

// The delivery loop: one POST in flight, batches gathered for `lingerMs`, every failure retried
// with capped exponential backoff and jitter, forever. A batch leaves the outbox only on a
// well-formed ok:true reply, so nothing is ever dropped. A full sheet (contract §12) is asked again
// no more often than every FULL_RETRY_MS, even while shutting down.

export interface DeliveryOptions {
  outbox: Outbox;
  client: SheetClient;
  /** Known once Teleport has answered (or at once with web_url): nothing is sent before. */
  header: Promise<BatchHeader>;
  clock: Clock;
  logger: Logger;
  metrics: RelayMetrics;
  lingerMs: number;
  heartbeatIntervalMs: number;
  backoff?: Backoff;
  /** Extra numbers for the heartbeat's stats (events, outbox depth, uptime...). */
  stats?: () => Record<string, number>;
  /** The sheet asked for everything again ("Refresh from Teleport"). */
  onResync?: () => void;
  /** Usage ops (§13): sent only once the sheet has replied `accepts: 2`, after every queued request op. */
  usage?: UsageQueue;
}

export interface DeliveryStatus {
  lastSuccessAt: number | null;
  /** When the current run of failures began; null while deliveries succeed. */
  failingSince: number | null;
  lastFailure: string | null;
  batches: number;
  syncsDelivered: number;
  applied: number;
  stale: number;
  failures: number;
  /** The sheet answered full, and has not taken a batch since. */
  sheetFull: boolean;
  /** §13: 2 once the sheet has replied `accepts: 2` since the relay started, else 1. */
  bodyVersion: BodyVersion;
}

export const RETRY_BASE_MS = 1000;
export const RETRY_CAP_MS = 5 * 60_000;
const SHUTDOWN_RETRY_MS = 200;
/** Contract §12: a full sheet is asked again no more often than this. */
export const FULL_RETRY_MS = 5 * 60_000;

export class Delivery {
  private readonly backoff: Backoff;
  private headerKnown = false;
  private nextHeartbeatAt = 0;
  private draining = false;
  /** Set during a backoff: drain() calls it so a shutdown retries at once instead of waiting. */
  private hurryNow: (() => void) | null = null;
  private readonly search = new PoisonSearch();
  private signing: SignatureChoice | null = null;
  private readonly state: DeliveryStatus = {
    lastSuccessAt: null,
    failingSince: null,
    lastFailure: null,
    batches: 0,
    syncsDelivered: 0,
    applied: 0,
    stale: 0,
    failures: 0,
    sheetFull: false,
    bodyVersion: CONTRACT_VERSION,
  };

  constructor(private readonly o: DeliveryOptions) {
    this.backoff = o.backoff ?? exponentialJitter(RETRY_BASE_MS, RETRY_CAP_MS);
  }

  /** Delivers until `signal` aborts; resolves then (whatever is in flight stays queued). */
  async run(signal: AbortSignal): Promise<void> {
    try {
      const header = await untilAborted(this.o.header, signal);
      this.signing = this.signatureChoice(header.cluster);
      this.headerKnown = true;
      this.nextHeartbeatAt = this.o.clock.now();
      let backlog = false;
      for (;;) {
        await this.waitForWork(signal);
        // Linger only to gather a fresh trickle: a backlog, or a full batch, has waited enough.
        const gather = !backlog && this.o.outbox.depth < MAX_OPS_PER_BATCH;
        if (this.o.lingerMs > 0 && !this.draining && gather) await this.o.clock.sleep(this.o.lingerMs, signal);
        await this.deliverNext(header, signal);
        backlog = this.o.outbox.depth > 0;
      }
    } catch (err) {
      if (!signal.aborted) throw err;
    }
  }

  /** Resolves once nothing is queued or in flight; stops listening (and never resolves) once `signal` aborts. */
  idle(signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      if (this.o.outbox.idle) return resolve();
      const off = this.o.outbox.onChange(() => {
        if (!this.o.outbox.idle) return;
        off();
        resolve();
      });
      signal?.addEventListener('abort', off, { once: true });
    });
  }

  /**
   * For shutdown: stop lingering, and resolve once everything queued has been delivered, or at
   * once while the header is unknown (nothing can be sent then).
   */
  drain(signal: AbortSignal): Promise<void> {
    if (!this.headerKnown) return Promise.resolve();
    this.draining = true;
    this.hurryNow?.();
    return this.idle(signal);
  }

  status(): Readonly<DeliveryStatus> {
    return { ...this.state };
  }

  private heartbeatDue(): boolean {
    return this.o.clock.now() >= this.nextHeartbeatAt;
  }

  /** Usage ops may go: the sheet takes them and none is in flight. */
  private usageDue(): boolean {
    return this.state.bodyVersion === USAGE_BODY_VERSION && (this.o.usage?.depth ?? 0) > 0;
  }

  private async waitForWork(signal: AbortSignal): Promise<void> {
    while (this.o.outbox.depth === 0 && !this.usageDue() && !this.heartbeatDue()) {
      await inScope([signal], async (wake) => {
        wake.defer(this.o.outbox.onChange(() => wake.end()));
        const offUsage = this.o.usage?.onChange(() => wake.end());
        if (offUsage) wake.defer(offUsage);
        await this.o.clock.sleep(this.nextHeartbeatAt - this.o.clock.now(), wake.signal).catch(() => undefined);
      });
      if (signal.aborted) throw signal.reason;
    }
  }

  /** Sends the next batch, retrying it (re-taken, so coalesced with anything newer) until delivered. */
  private async deliverNext(header: BatchHeader, signal: AbortSignal): Promise<void> {
    for (;;) {
      const batch = this.nextBatch(header);
      if (!batch) return;
      const log = this.o.logger.child({ batch_id: randomBytes(4).toString('hex') });
      log.debug({ ops: batch.ops.length, request_ids: batch.ids }, 'sending batch');
      let verdict: Verdict;
      try {
        verdict = (await this.signing!.send(batch.body, batch.ops.length, signal)).verdict;
      } catch (err) {
        if (batch.fromOutbox) this.o.outbox.nack();
        if (batch.usageOps > 0) this.o.usage!.nack();
        throw err;
      }
      if (verdict.kind === 'delivered') return this.delivered(batch, verdict, log);
      if (batch.usageOps > 0 && usageRefused(this.o, batch, verdict, log)) continue;
      const next = verdict.reason === 'bad_request' ? this.search.refused(batch.outboxOps, batch.heartbeat) : null;
      if (next === 'set_aside') {
        this.setAside(batch, log);
        continue;
      }
      if (batch.fromOutbox) this.o.outbox.nack();
      this.failed(verdict, log);
      if (verdict.reason === 'full') await this.o.clock.sleep(Math.max(FULL_RETRY_MS, this.backoff.next()), signal);
      else if (next !== 'retry_now') await this.pause(signal);
    }
  }

  private signatureChoice(cluster: string): SignatureChoice {
    const changed = (version: SignatureVersion) => reportSignature(this.o.metrics, this.o.logger, version, cluster);
    const choice = new SignatureChoice(this.o.client, cluster, changed);
    if (!choice.v2Possible) changed(1);
    return choice;
  }

  private setAside(batch: OutgoingBatch, log: Logger): void {
    this.o.outbox.setAside();
    reportSetAside(this.o.metrics, log, JSON.parse(batch.ops[0]!) as Op, batch.ids);
  }

  private async pause(signal: AbortSignal): Promise<void> {
    if (this.draining) return this.o.clock.sleep(SHUTDOWN_RETRY_MS, signal);
    await inScope([signal], async (wait) => {
      this.hurryNow = () => wait.end();
      wait.defer(() => (this.hurryNow = null));
      await this.o.clock.sleep(this.backoff.next(), wait.signal).catch(() => undefined);
    });
    if (signal.aborted) throw signal.reason;
  }

  private nextBatch(header: BatchHeader): OutgoingBatch | null {
    const control = this.search.controlDue;
    const heartbeat = control || (!this.search.active && this.heartbeatDue()) ? this.heartbeatOp() : null;
    return composeBatch({
      header,
      v: this.state.bodyVersion,
      heartbeat,
      maxOps: this.search.limit ?? MAX_OPS_PER_BATCH - (heartbeat ? 1 : 0),
      outbox: control ? null : this.o.outbox,
      usage: this.search.active || control || !this.usageDue() ? null : this.o.usage!,
    });
  }

  private heartbeatOp(): HeartbeatOp {
    const s = this.state;
    const stats = {
      batches: s.batches,
      applied: s.applied,
      stale: s.stale,
      failures: s.failures,
      outboxDepth: this.o.outbox.depth,
      ...this.o.stats?.(),
    };
    return { op: 'heartbeat', at: new Date(this.o.clock.now()).toISOString(), stats };
  }

  private delivered(batch: OutgoingBatch, verdict: Delivered, log: Logger): void {
    if (batch.fromOutbox) this.o.outbox.ack();
    if (batch.usageOps > 0) this.o.usage!.ack();
    if (verdict.accepts !== undefined && verdict.accepts >= USAGE_BODY_VERSION && this.state.bodyVersion === 1) {
      this.state.bodyVersion = USAGE_BODY_VERSION;
      log.info({ accepts: verdict.accepts }, 'the sheet takes body version 2: usage ops are sent from now on');
    }
    this.search.delivered(!batch.fromOutbox, this.o.outbox.idle);
    if (batch.heartbeat) this.nextHeartbeatAt = this.o.clock.now() + this.o.heartbeatIntervalMs;
    const s = this.state;
    if (s.failingSince !== null)
      log.info({ failures_since: new Date(s.failingSince).toISOString() }, 'deliveries to the sheet work again');
    Object.assign(s, {
      lastSuccessAt: this.o.clock.now(),
      failingSince: null,
      lastFailure: null,
      batches: s.batches + 1,
      applied: s.applied + verdict.applied,
      stale: s.stale + verdict.stale,
      sheetFull: false,
    });
    if (batch.hasSync) s.syncsDelivered += 1;
    this.backoff.reset();
    reportDelivered(this.o.metrics, verdict);
    log.debug(
      { applied: verdict.applied, stale: verdict.stale, resync: verdict.resync, sync: batch.hasSync },
      'batch delivered',
    );
    if (verdict.resync) this.o.onResync?.();
  }

  private failed(verdict: Failed, log: Logger): void {
    const s = this.state;
    s.failures += 1;
    s.failingSince ??= this.o.clock.now();
    s.lastFailure = verdict.reason;
    if (verdict.reason === 'full') s.sheetFull = true;
    // A sheet rolled back to before §13 refuses version 2: send version 1 until it says accepts 2 again.
    if (verdict.reason === 'bad_request') s.bodyVersion = CONTRACT_VERSION;
    reportFailure(this.o.metrics, log, verdict);
  }
}

export { batchBody } from './batch.js';
