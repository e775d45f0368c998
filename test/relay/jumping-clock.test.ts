import { afterEach, describe, expect, it, vi } from 'vitest';
import { until } from '../until.js';
import { jumpingClock } from './jumping-clock.js';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('jumpingClock', () => {
  it('ends a sleep whose timer fires before Date.now() says it is due', async () => {
    const clock = jumpingClock();
    let ended = false;
    void clock.sleep(20).then(() => (ended = true));
    // Node's timers run on a monotonic clock, Date.now() on the wall clock: here the wall clock lags
    // 5 ms behind, so the timer fires while the sleep is not yet due by now().
    const realNow = Date.now.bind(Date);
    vi.spyOn(Date, 'now').mockImplementation(() => realNow() - 5);
    await until('the sleep to end on its own timer', () => ended, Boolean, { timeoutMs: 5_000 });
    expect(clock.pending).toBe(0);
    expect(clock.realWaits).toBe(1);
  });

  it('ends a sleep as soon as a jump passes its end, and no other', async () => {
    const clock = jumpingClock();
    const ended: number[] = [];
    void clock.sleep(60_000).then(() => ended.push(60_000));
    void clock.sleep(3_600_000).then(() => ended.push(3_600_000));
    clock.jump(60_000);
    await until(
      'the minute-long sleep to end',
      () => ended.length,
      (n) => n === 1,
    );
    expect(ended).toEqual([60_000]);
    expect(clock.pending).toBe(1);
    clock.jump(3_600_000);
    await until(
      'the hour-long sleep to end',
      () => ended.length,
      (n) => n === 2,
    );
    expect(clock.realWaits).toBe(0);
  });

  it('with instantBelowMs, passes short sleeps at once and moves now() to their end', async () => {
    const clock = jumpingClock({ instantBelowMs: 10_000 });
    const start = clock.now();
    await clock.sleep(5_000);
    expect(clock.now()).toBeGreaterThanOrEqual(start + 5_000);
    // Two short sleeps side by side move the clock to the later end, not to the sum.
    const before = clock.now();
    await Promise.all([clock.sleep(2_000), clock.sleep(3_000)]);
    expect(clock.now() - before).toBeGreaterThanOrEqual(3_000);
    expect(clock.now() - before).toBeLessThan(5_000);
    expect(clock.realWaits).toBe(0);
  });

  it('with instantBelowMs, leaves a timeout (a longer sleep) to its timer or a jump', async () => {
    const clock = jumpingClock({ instantBelowMs: 10_000 });
    let timedOut = false;
    void clock.sleep(15_000).then(() => (timedOut = true));
    await clock.sleep(1_000);
    expect(timedOut).toBe(false);
    expect(clock.pending).toBe(1);
    clock.jump(15_000);
    await until('the timeout to end on the jump', () => timedOut);
  });

  it('rejects a sleep when its signal aborts, and forgets it', async () => {
    const clock = jumpingClock({ instantBelowMs: 10_000 });
    const controller = new AbortController();
    const slept = clock.sleep(60_000, controller.signal);
    controller.abort(new Error('stopped'));
    await expect(slept).rejects.toThrow('stopped');
    expect(clock.pending).toBe(0);
    await expect(clock.sleep(10, controller.signal)).rejects.toThrow('stopped');
  });
});
