// The lock simulation behaves as the model says: an idle relay's event reaches its row after the
// linger, the POST and the lock hold; overload answers busy yet loses nothing; runs repeat by seed;
// a long Dashboard refresh inside a POST makes the others wait and answer busy.
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../e2e/workload.js';
import { buildBundle } from '../../sheet/harness.js';
import { SMALL_SHEET, measureHolds } from './lock-bench.js';
import { simulateLock, type LockSimParams } from './lock-sim.js';

const base = (o: Partial<LockSimParams> = {}): LockSimParams => ({
  relays: 1,
  durationMs: 3600_000,
  heartbeatMs: 30_000,
  eventEveryMs: 60_000,
  lingerMs: 250,
  postMs: 1000,
  heartbeatHoldMs: 320,
  eventBatchHoldMs: 720,
  refreshEveryMs: 300_000,
  refreshHoldMs: 0,
  lockWaitMs: 10_000,
  maxExecutions: 30,
  retryBaseMs: 1000,
  retryCapMs: 300_000,
  random: seededRandom(42),
  ...o,
});

describe('lock simulation', () => {
  it('one relay: nothing busy, every event delivered, from idle after linger + POST + lock hold', () => {
    const r = simulateLock(base());
    expect(r.busy + r.tooMany).toBe(0);
    expect(r.undelivered).toBe(0);
    expect(r.eventToRow.length).toBeGreaterThan(30);
    // An event that comes while a POST is in flight goes out right after it, without the linger.
    expect(Math.min(...r.eventToRow)).toBeGreaterThanOrEqual(1000 + 720);
    const idle = r.eventToRow.filter((ms) => ms === 250 + 1000 + 720).length;
    expect(idle).toBeGreaterThan(r.eventToRow.length / 2);
    // One heartbeat-only POST per interval at most, plus one per event batch.
    expect(r.posts).toBeLessThanOrEqual(3600_000 / 30_000 + 1 + r.eventToRow.length);
  });

  it('repeats exactly for a seed, and differs for another', () => {
    const a = simulateLock(base({ relays: 10, random: seededRandom(7) }));
    const b = simulateLock(base({ relays: 10, random: seededRandom(7) }));
    const c = simulateLock(base({ relays: 10, random: seededRandom(8) }));
    expect(a).toEqual(b);
    expect(c.eventToRow).not.toEqual(a.eventToRow);
  });

  it('overload: the lock is held nearly all the time, POSTs answer busy, and still every event arrives', () => {
    const r = simulateLock(base({ relays: 20, heartbeatMs: 5000, heartbeatHoldMs: 1000 }));
    expect(r.lockHeld).toBeGreaterThan(0.95);
    expect(r.busy).toBeGreaterThan(0);
    expect(r.undelivered).toBe(0);
  });

  it('past the cap on simultaneous executions, POSTs are refused at once', () => {
    const r = simulateLock(base({ relays: 10, maxExecutions: 2, heartbeatMs: 2000, postMs: 3000 }));
    expect(r.tooMany).toBeGreaterThan(0);
    expect(r.undelivered).toBe(0);
  });

  it('a heartbeat that holds the lock for no calls leaves room for more clusters', () => {
    const costly = simulateLock(base({ relays: 50, random: seededRandom(3) }));
    const cheap = simulateLock(base({ relays: 50, heartbeatHoldMs: 0, random: seededRandom(3) }));
    expect(cheap.lockHeld).toBeLessThan(costly.lockHeld);
    expect(cheap.busy).toBeLessThan(costly.busy);
  });

  it('a Dashboard refresh inside a POST holds the lock once per interval, and a long one makes POSTs busy', () => {
    const without = simulateLock(base({ relays: 20, random: seededRandom(5) }));
    const long = simulateLock(base({ relays: 20, refreshHoldMs: 30_000, random: seededRandom(5) }));
    expect(without.refreshes).toBe(0);
    expect(long.refreshes).toBeGreaterThanOrEqual(3600_000 / 300_000 - 1);
    expect(long.refreshes).toBeLessThanOrEqual(3600_000 / 300_000 + 1);
    expect(without.busy).toBe(0);
    expect(long.busy).toBeGreaterThan(0);
    expect(long.undelivered).toBe(0);
  });

  it('measures the lock holds of a heartbeat, a small event batch and a refresh on the real bundle', async () => {
    const bundle = buildBundle();
    try {
      const holds = await measureHolds(bundle.dir, SMALL_SHEET);
      expect(holds.calls.events).toBeGreaterThan(0);
      expect(holds.eventsMs).toBeGreaterThan(holds.heartbeatMs);
      expect(holds.calls.refresh).toBeGreaterThan(0);
      expect(holds.refreshMs).toBeGreaterThan(0);
    } finally {
      bundle.remove();
    }
  });
});
