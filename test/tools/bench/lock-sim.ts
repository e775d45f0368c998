// A discrete-event simulation of N relays posting to one web app whose every execution applies its
// batch under the one script lock. Simulated time only: nothing here waits. Each relay behaves as
// the real delivery loop does: one POST in flight, a heartbeat when due, events lingered then
// batched, a refused POST retried (re-taken with anything newer) after capped exponential backoff.
// The first execution to take the lock once the Dashboard is due refreshes it before it lets go.
import { exponentialJitter } from '../../../relay/src/timing/backoff.js';

export interface LockSimParams {
  relays: number;
  /** Simulated time; after it no new event or heartbeat starts, and what is waiting drains. */
  durationMs: number;
  heartbeatMs: number;
  /** Mean time between Teleport events at one cluster (exponential gaps). */
  eventEveryMs: number;
  lingerMs: number;
  /** Per POST outside the lock: Google's front, the execution's start, verification, the 302 and reply. */
  postMs: number;
  /** How long an execution holds the lock: modelled seconds of the real bundle's calls (cost-model.ts). */
  heartbeatHoldMs: number;
  eventBatchHoldMs: number;
  /** The Dashboard refresh that runs inside a POST once it is due: how often, and its extra hold. */
  refreshEveryMs: number;
  refreshHoldMs: number;
  /** How long an execution waits for the lock before it answers `busy` (the web app's LOCK_WAIT_MS). */
  lockWaitMs: number;
  /** Apps Script's cap on simultaneous executions of one user ("Execute as: Me": the owner). */
  maxExecutions: number;
  retryBaseMs: number;
  retryCapMs: number;
  random: () => number;
}

export interface LockSimResult {
  posts: number;
  busy: number;
  /** POSTs refused because too many executions were already running. */
  tooMany: number;
  /** Milliseconds from each event at Teleport to the moment its row was written. */
  eventToRow: number[];
  /** Events still waiting in an outbox when the simulation ended. */
  undelivered: number;
  /** Share of the simulated time the script lock was held. */
  lockHeld: number;
  /** Dashboard refreshes run inside POSTs. */
  refreshes: number;
}

/** The pending events of one simulated timeline, earliest first (a binary heap on time, then order). */
class Agenda {
  private readonly heap: { at: number; seq: number; run: () => void }[] = [];
  private seq = 0;
  now = 0;

  at(time: number, run: () => void): void {
    const item = { at: time, seq: this.seq++, run };
    const h = this.heap;
    h.push(item);
    for (let i = h.length - 1; i > 0;) {
      const parent = (i - 1) >> 1;
      if (!this.before(h[i]!, h[parent]!)) break;
      [h[i], h[parent]] = [h[parent]!, h[i]!];
      i = parent;
    }
  }

  private before(a: { at: number; seq: number }, b: { at: number; seq: number }): boolean {
    return a.at < b.at || (a.at === b.at && a.seq < b.seq);
  }

  runUntilEmpty(): void {
    const h = this.heap;
    while (h.length > 0) {
      const top = h[0]!;
      const last = h.pop()!;
      if (h.length > 0) {
        h[0] = last;
        for (let i = 0; ;) {
          const l = 2 * i + 1;
          const r = l + 1;
          let m = i;
          if (l < h.length && this.before(h[l]!, h[m]!)) m = l;
          if (r < h.length && this.before(h[r]!, h[m]!)) m = r;
          if (m === i) break;
          [h[i], h[m]] = [h[m]!, h[i]!];
          i = m;
        }
      }
      this.now = top.at;
      top.run();
    }
  }
}

interface Execution {
  holdMs: number;
  deadline: number;
  done: (outcome: 'applied' | 'busy' | 'too_many', at: number) => void;
  settled: boolean;
}

/** The web app's side: executions, the 30-at-once cap and the script lock with its wait limit. */
class WebApp {
  private running = 0;
  private locked = false;
  private readonly waiting: Execution[] = [];
  private refreshDueAt = 0;
  heldMs = 0;
  refreshes = 0;

  constructor(
    private readonly agenda: Agenda,
    private readonly p: LockSimParams,
  ) {}

  execute(e: Execution): void {
    if (this.running >= this.p.maxExecutions) return e.done('too_many', this.agenda.now);
    this.running++;
    this.waiting.push(e);
    this.agenda.at(e.deadline, () => {
      if (e.settled) return;
      e.settled = true;
      this.waiting.splice(this.waiting.indexOf(e), 1);
      this.running--;
      e.done('busy', this.agenda.now);
    });
    this.grant();
  }

  private grant(): void {
    if (this.locked) return;
    const next = this.waiting.shift();
    if (!next) return;
    next.settled = true;
    this.locked = true;
    const holdMs = next.holdMs + this.refreshHold();
    this.heldMs += holdMs;
    this.agenda.at(this.agenda.now + holdMs, () => {
      this.locked = false;
      this.running--;
      next.done('applied', this.agenda.now);
      this.grant();
    });
  }

  /** Inside the first execution after it falls due, as refreshIfDue does. */
  private refreshHold(): number {
    if (this.p.refreshHoldMs <= 0 || this.agenda.now < this.refreshDueAt) return 0;
    this.refreshDueAt = this.agenda.now + this.p.refreshEveryMs;
    this.refreshes++;
    return this.p.refreshHoldMs;
  }
}

class Relay {
  private pending: number[] = [];
  private nextHeartbeatAt: number;
  private state: 'idle' | 'lingering' | 'posting' | 'backoff' = 'idle';
  private wakeToken = 0;
  private readonly backoff;

  constructor(
    private readonly agenda: Agenda,
    private readonly web: WebApp,
    private readonly p: LockSimParams,
    private readonly out: LockSimResult,
    startAt: number,
  ) {
    this.nextHeartbeatAt = startAt;
    this.backoff = exponentialJitter(p.retryBaseMs, p.retryCapMs, p.random);
    this.sleepUntilHeartbeat();
    this.scheduleEvent(startAt);
  }

  private scheduleEvent(from: number): void {
    const at = from - Math.log(1 - this.p.random()) * this.p.eventEveryMs;
    if (at >= this.p.durationMs) return;
    this.agenda.at(at, () => {
      this.pending.push(at);
      if (this.state === 'idle') {
        this.state = 'lingering';
        const token = ++this.wakeToken;
        this.agenda.at(at + this.p.lingerMs, () => token === this.wakeToken && this.send());
      }
      this.scheduleEvent(at);
    });
  }

  private sleepUntilHeartbeat(): void {
    this.state = 'idle';
    const token = ++this.wakeToken;
    const at = Math.max(this.agenda.now, this.nextHeartbeatAt);
    if (at < this.p.durationMs) this.agenda.at(at, () => token === this.wakeToken && this.send());
  }

  private send(): void {
    const now = this.agenda.now;
    const heartbeat = now >= this.nextHeartbeatAt;
    const batch = this.pending.length;
    // Past the end only what is already waiting is delivered; no new heartbeat starts.
    if (batch === 0 && (!heartbeat || now >= this.p.durationMs)) return this.sleepUntilHeartbeat();
    this.state = 'posting';
    this.out.posts++;
    const arrive = now + this.p.postMs;
    const execution: Execution = {
      holdMs: batch > 0 ? this.p.eventBatchHoldMs : this.p.heartbeatHoldMs,
      deadline: arrive + this.p.lockWaitMs,
      settled: false,
      done: (outcome, at) => this.settle(outcome, at, batch, heartbeat),
    };
    this.agenda.at(arrive, () => this.web.execute(execution));
  }

  private settle(outcome: 'applied' | 'busy' | 'too_many', at: number, batch: number, heartbeat: boolean): void {
    if (outcome !== 'applied') {
      if (outcome === 'busy') this.out.busy++;
      else this.out.tooMany++;
      this.state = 'backoff';
      const token = ++this.wakeToken;
      this.agenda.at(at + this.backoff.next(), () => token === this.wakeToken && this.send());
      return;
    }
    this.backoff.reset();
    for (const e of this.pending.splice(0, batch)) this.out.eventToRow.push(at - e);
    if (heartbeat) this.nextHeartbeatAt = at + this.p.heartbeatMs;
    if (this.pending.length > 0) this.agenda.at(at, () => this.send());
    else this.sleepUntilHeartbeat();
  }

  get undelivered(): number {
    return this.pending.length;
  }
}

export function simulateLock(p: LockSimParams): LockSimResult {
  const agenda = new Agenda();
  const web = new WebApp(agenda, p);
  const out: LockSimResult = {
    posts: 0,
    busy: 0,
    tooMany: 0,
    eventToRow: [],
    undelivered: 0,
    lockHeld: 0,
    refreshes: 0,
  };
  // Relays start at random moments within one heartbeat interval, as independent deployments do.
  const relays = Array.from(
    { length: p.relays },
    () => new Relay(agenda, web, p, out, Math.floor(p.random() * p.heartbeatMs)),
  );
  agenda.runUntilEmpty();
  out.undelivered = relays.reduce((sum, r) => sum + r.undelivered, 0);
  out.lockHeld = web.heldMs / Math.max(p.durationMs, agenda.now);
  out.refreshes = web.refreshes;
  return out;
}
