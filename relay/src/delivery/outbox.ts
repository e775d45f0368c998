import {
  compareVersions,
  encodeAsciiJson,
  versionOf,
  type DeleteOp,
  type Request,
  type UpsertOp,
  type Version,
} from '../../../proto/contract.js';
import type { Clock } from '../timing/clock.js';
import { OP_BUDGET_BYTES, fitRequest } from './fit.js';
import type { RequestSink } from '../teleport/sink.js';

// What still has to reach the sheet. Each segment maps request id → the newest op for it, so
// memory is bounded by the number of requests, not events. A snapshot closes its segment with a
// `sync`: the sync is handed out only after every op of its segment has been delivered, so the
// sheet never expires a row whose upsert is still on its way. At most three segments exist: the
// one in flight, one closed and waiting (later snapshots merge into it), and the open one.
// An op is kept as the JSON it is sent as, with the version it carries: a flat string weighs about
// half the decoded request, and a batch is then the ops' strings joined, never encoded again.

type RequestOp = UpsertOp | DeleteOp;
interface Entry {
  /** The op as the contract's ASCII JSON (one byte a character). */
  json: string;
  /** The upsert's version (contract §5); null for a delete. */
  version: Version | null;
  since: number;
}
interface Segment {
  entries: Map<string, Entry>;
  sync: { json: string; since: number } | null;
}

export interface TakenBatch {
  /** Each op as the contract's ASCII JSON, in order; the sync, when there is one, last. */
  ops: string[];
  /** The requests the upserts and deletes are for. */
  ids: string[];
  bytes: number;
  hasSync: boolean;
}

interface InFlight {
  segment: Segment;
  entries: [string, Entry][];
  sync: boolean;
}

export class Outbox implements RequestSink {
  private segments: Segment[] = [openSegment()];
  private inFlight: InFlight | null = null;
  private readonly listeners = new Set<() => void>();

  /** `onSyncTooLarge`: a listing too big for one POST goes without its sync (see snapshot). */
  constructor(
    private readonly clock: Clock,
    private readonly onSyncTooLarge: (ids: number, bytes: number) => void = () => {},
  ) {}

  /** `alsoLive`: ids of requests that exist but are not sent now; the sync must not expire them. */
  snapshot(requests: readonly Request[], alsoLive: readonly string[] = []): void {
    const open = this.open();
    for (const request of requests) this.enqueue(open, request.id, { op: 'upsert', request: fitRequest(request) });
    const ids = [...requests.map((r) => r.id), ...alsoLive];
    const json = encodeAsciiJson({ op: 'sync', ids });
    // A sync must travel in one POST. One that cannot (some 25,000 ids) would be refused forever
    // and hold up everything behind it, so its upserts go alone: rows stay current, and only the
    // marking of requests that vanished while the relay was away is skipped.
    if (json.length > OP_BUDGET_BYTES) {
      this.onSyncTooLarge(ids.length, json.length);
      this.changed();
      return;
    }
    open.sync = { json, since: this.clock.now() };
    this.segments.push(openSegment());
    this.mergeWaitingSnapshots();
    this.changed();
  }

  put(request: Request): void {
    this.enqueue(this.open(), request.id, { op: 'upsert', request: fitRequest(request) });
    this.changed();
  }

  remove(id: string): void {
    this.enqueue(this.open(), id, { op: 'delete', id });
    this.changed();
  }

  /**
   * The next batch from the oldest segment, at most maxOps ops and maxBytes of encoded ops
   * (at least one op whatever its size). Null when nothing is waiting. One batch at a time:
   * call ack() or nack() before taking again.
   */
  take(maxOps: number, maxBytes: number): TakenBatch | null {
    if (this.inFlight) throw new Error('outbox: take() while a batch is in flight');
    this.dropFinishedSegments();
    const segment = this.segments[0]!;
    const taken: [string, Entry][] = [];
    let bytes = 0;
    for (const pair of segment.entries) {
      const size = pair[1].json.length;
      if (taken.length >= maxOps || (taken.length > 0 && bytes + size + 1 > maxBytes)) break;
      taken.push(pair);
      bytes += size + 1;
    }
    const sync = segment.sync;
    const withSync =
      sync !== null &&
      taken.length === segment.entries.size &&
      taken.length < maxOps &&
      (taken.length === 0 || bytes + sync.json.length <= maxBytes);
    if (taken.length === 0 && !withSync) return null;
    const ops = taken.map(([, e]) => e.json);
    if (withSync) {
      ops.push(sync.json);
      bytes += sync.json.length + 1;
    }
    this.inFlight = { segment, entries: taken, sync: withSync };
    return { ops, ids: taken.map(([id]) => id), bytes, hasSync: withSync };
  }

  /** The batch reached the sheet: forget its ops, except those replaced by newer ones meanwhile. */
  ack(): void {
    this.forgetInFlight();
  }

  /**
   * The sheet will never take the batch in flight (it refused it, alone, as malformed): forget it
   * as ack() does, so what is queued behind it moves on. The next full listing re-sends it.
   */
  setAside(): void {
    this.forgetInFlight();
  }

  private forgetInFlight(): void {
    const flight = this.takeInFlight();
    for (const [id, entry] of flight.entries) {
      if (flight.segment.entries.get(id) === entry) flight.segment.entries.delete(id);
    }
    if (flight.sync) flight.segment.sync = null;
    this.dropFinishedSegments();
    this.changed();
  }

  /** The batch may not have arrived: its ops stay queued (coalesced with anything newer). */
  nack(): void {
    this.takeInFlight();
    this.changed();
  }

  /** Ops waiting or in flight (a pending sync counts as one). */
  get depth(): number {
    return this.segments.reduce((n, s) => n + s.entries.size + (s.sync ? 1 : 0), 0);
  }

  /** Nothing queued and nothing in flight. */
  get idle(): boolean {
    return this.inFlight === null && this.depth === 0;
  }

  /** When the oldest op not yet delivered was first enqueued, or null when there is none. */
  oldestUndeliveredSince(): number | null {
    let oldest: number | null = null;
    for (const segment of this.segments) {
      for (const entry of segment.entries.values()) if (oldest === null || entry.since < oldest) oldest = entry.since;
      if (segment.sync && (oldest === null || segment.sync.since < oldest)) oldest = segment.sync.since;
    }
    return oldest;
  }

  /** Called after every change (enqueue, ack, nack). */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private open(): Segment {
    return this.segments[this.segments.length - 1]!;
  }

  private enqueue(segment: Segment, id: string, op: RequestOp): void {
    const version = op.op === 'upsert' ? versionOf(op.request) : null;
    const existing = segment.entries.get(id);
    if (existing && !supersedes(version, existing.version)) return;
    segment.entries.set(id, { json: encodeAsciiJson(op), version, since: existing?.since ?? this.clock.now() });
  }

  /** A closed segment that is not in flight absorbs the next closed one: its sync says it all. */
  private mergeWaitingSnapshots(): void {
    const closed = this.segments.length - 2;
    if (closed < 1) return;
    const [earlier, later] = [this.segments[closed - 1]!, this.segments[closed]!];
    if (!earlier.sync || this.inFlight?.segment === earlier) return;
    for (const [id, entry] of later.entries) {
      const before = earlier.entries.get(id);
      if (before && !supersedes(entry.version, before.version)) continue;
      earlier.entries.set(id, { ...entry, since: before?.since ?? entry.since });
    }
    earlier.sync = { ...later.sync!, since: earlier.sync.since };
    this.segments.splice(closed, 1);
  }

  private dropFinishedSegments(): void {
    while (this.segments.length > 1 && this.segments[0]!.entries.size === 0 && this.segments[0]!.sync === null) {
      if (this.inFlight?.segment === this.segments[0]) break;
      this.segments.shift();
    }
  }

  private takeInFlight(): InFlight {
    const flight = this.inFlight;
    if (!flight) throw new Error('outbox: nothing in flight');
    this.inFlight = null;
    return flight;
  }

  private changed(): void {
    for (const listener of this.listeners) listener();
  }
}

/** Contract §5 locally: a stale upsert never replaces a newer one; otherwise the later op wins. */
function supersedes(next: Version | null, current: Version | null): boolean {
  return next === null || current === null || compareVersions(next, current) >= 0;
}

function openSegment(): Segment {
  return { entries: new Map(), sync: null };
}
