import { USAGE_KINDS, type Request, type UsageKind, type UsageOp } from '../../../proto/contract.js';
import type { AuditEvent } from '../teleport/audit-log.js';
import { ASSUMED_EVENT, useOf } from './events.js';

// What the relay knows of each watched request's use, folded from audit events as they are read:
// no event is kept, only each request's earliest and latest times, a session count and a set of
// kinds. An event is counted at most once per request: the reads overlap, so what was applied
// inside the overlap is remembered (event id + request id) until the overlap has passed it.

const WATCHED_STATES = new Set(['APPROVED', 'PROMOTED']);
/** Teleport's longest access (14 days), for a resolved request that names no access expiry. */
const MAX_ACCESS_MS = 14 * 24 * 3_600_000;

interface UsageRecord {
  created: number;
  /** After this the request is forgotten: its access ended, and the margin for late events passed. */
  watchUntil: number;
  /** Not read yet: the next read goes back to its creation (within the look-back) for it. */
  fresh: boolean;
  assumed: number | null;
  firstUsed: number | null;
  lastUsed: number | null;
  sessions: number;
  kinds: Set<UsageKind>;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export class UsageLedger {
  private readonly records = new Map<string, UsageRecord>();
  private readonly applied = new Map<string, number>();
  private readonly changed = new Set<string>();

  constructor(
    private readonly kinds: ReadonlySet<UsageKind>,
    private readonly lateMarginMs: number,
  ) {}

  get size(): number {
    return this.records.size;
  }

  /** Event/request pairs remembered for the overlap. */
  get remembered(): number {
    return this.applied.size;
  }

  /** Starts watching an approved or promoted request whose access has not ended; others are left alone. */
  track(request: Request, now: number): void {
    if (!WATCHED_STATES.has(request.state)) return;
    const created = Date.parse(request.created);
    const ends = request.accessExpires === null ? created + MAX_ACCESS_MS : Date.parse(request.accessExpires);
    const watchUntil = ends + this.lateMarginMs;
    const record = this.records.get(request.id);
    if (record) record.watchUntil = watchUntil;
    else if (watchUntil > now) this.records.set(request.id, emptyRecord(created, watchUntil));
  }

  /** Forgets requests whose access ended more than the margin ago (their last usage op went out). */
  forgetEnded(now: number): void {
    for (const [id, record] of this.records) if (record.watchUntil <= now) this.records.delete(id);
  }

  /** The earliest time the next read must cover for the fresh requests (null when none is fresh). */
  freshFrom(notBefore: number): number | null {
    let from: number | null = null;
    for (const r of this.records.values())
      if (r.fresh) from = Math.min(from ?? Infinity, Math.max(r.created, notBefore));
    return from;
  }

  /**
   * Folds one event into the requests it carries; true when it carried a watched one. Events older
   * than `settledBefore` were counted by an earlier read for every request that is not fresh.
   */
  apply(event: AuditEvent, settledBefore: number): boolean {
    let matched = false;
    for (const id of event.requests) {
      const record = this.records.get(id);
      if (!record || (!record.fresh && event.time < settledBefore)) continue;
      matched = true;
      const key = `${event.id} ${id}`;
      if (this.applied.has(key)) continue;
      this.applied.set(key, event.time);
      if (this.fold(record, event)) this.changed.add(id);
    }
    return matched;
  }

  /** Forgets the pairs applied before `before`: no read will go back that far for them again. */
  prune(before: number): void {
    for (const [key, time] of this.applied) if (time < before) this.applied.delete(key);
  }

  /** Every request has been read (up to wherever the read got): none is fresh any more. */
  settle(): void {
    for (const record of this.records.values()) record.fresh = false;
  }

  /** The usage ops of the requests whose usage changed since the last call. */
  takeChanged(): UsageOp[] {
    const ops: UsageOp[] = [];
    for (const id of this.changed) {
      const record = this.records.get(id);
      if (record) ops.push(toOp(id, record));
    }
    this.changed.clear();
    return ops;
  }

  /** Every watched request's usage that shows anything, for a sheet that asked for everything again. */
  everything(): UsageOp[] {
    const ops: UsageOp[] = [];
    for (const [id, record] of this.records)
      if (record.assumed !== null || record.firstUsed !== null) ops.push(toOp(id, record));
    return ops;
  }

  private fold(record: UsageRecord, event: AuditEvent): boolean {
    if (event.type === ASSUMED_EVENT) {
      if (record.assumed !== null && record.assumed <= event.time) return false;
      record.assumed = event.time;
      return true;
    }
    const use = useOf(event, this.kinds);
    if (!use) return false;
    const before = `${record.firstUsed} ${record.lastUsed} ${record.sessions} ${record.kinds.size}`;
    record.firstUsed = Math.min(record.firstUsed ?? Infinity, event.time);
    record.lastUsed = Math.max(record.lastUsed ?? -Infinity, event.time);
    if (use.session) record.sessions += 1;
    record.kinds.add(use.kind);
    return before !== `${record.firstUsed} ${record.lastUsed} ${record.sessions} ${record.kinds.size}`;
  }
}

function emptyRecord(created: number, watchUntil: number): UsageRecord {
  return {
    created,
    watchUntil,
    fresh: true,
    assumed: null,
    firstUsed: null,
    lastUsed: null,
    sessions: 0,
    kinds: new Set(),
  };
}

function toOp(id: string, r: UsageRecord): UsageOp {
  return {
    op: 'usage',
    id,
    assumed: iso(r.assumed),
    firstUsed: iso(r.firstUsed),
    lastUsed: iso(r.lastUsed),
    sessions: r.sessions,
    kinds: USAGE_KINDS.filter((k) => r.kinds.has(k)),
  };
}
