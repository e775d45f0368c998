import { encodeAsciiJson, type UsageOp } from '../../../proto/contract.js';

// The usage ops waiting for the sheet: the newest per request, kept as the JSON they are sent as.
// A usage op states everything known of its request (§13), so a newer one replaces an older one
// and a lost or refused one is made good by the next. One batch at a time, like the outbox.

export interface TakenUsage {
  ops: string[];
  bytes: number;
}

export class UsageQueue {
  private readonly pending = new Map<string, string>();
  private inFlight: [string, string][] | null = null;
  private readonly listeners = new Set<() => void>();

  put(op: UsageOp): void {
    this.pending.set(op.id, encodeAsciiJson(op));
    for (const listener of this.listeners) listener();
  }

  /** Ops waiting or in flight. */
  get depth(): number {
    return this.pending.size;
  }

  /** At most maxOps ops and maxBytes of their JSON (each counted with its comma); null when none fits. */
  take(maxOps: number, maxBytes: number): TakenUsage | null {
    if (this.inFlight) throw new Error('usage queue: take() while a batch is in flight');
    const taken: [string, string][] = [];
    let bytes = 0;
    for (const pair of this.pending) {
      if (taken.length >= maxOps || bytes + pair[1].length + 1 > maxBytes) break;
      taken.push(pair);
      bytes += pair[1].length + 1;
    }
    if (taken.length === 0) return null;
    this.inFlight = taken;
    return { ops: taken.map(([, json]) => json), bytes };
  }

  /** Delivered (or refused for good): forget what was sent, unless a newer op replaced it meanwhile. */
  ack(): void {
    for (const [id, json] of this.takeInFlight()) if (this.pending.get(id) === json) this.pending.delete(id);
  }

  /** Maybe not delivered: everything stays queued. */
  nack(): void {
    this.takeInFlight();
  }

  get busy(): boolean {
    return this.inFlight !== null;
  }

  /** Called whenever an op is queued. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private takeInFlight(): [string, string][] {
    const flight = this.inFlight;
    if (!flight) throw new Error('usage queue: nothing in flight');
    this.inFlight = null;
    return flight;
  }
}
