// The system clock's sleeps: longer than a Node timer can hold (a 30-day certificate's reconnect),
// they still wait their whole length; aborted, they release their timer at once.
import { describe, expect, it } from 'vitest';
import { MAX_TIMER_MS, systemClock } from '../../../relay/src/timing/clock.js';
import { inScope } from '../../../relay/src/timing/scope.js';

describe('systemClock.sleep', () => {
  it('does not end early when asked for longer than a Node timer holds', async () => {
    const ended: string[] = [];
    const stop = new AbortController();
    const long = systemClock.sleep(MAX_TIMER_MS + 1_000, stop.signal).then(
      () => ended.push('long'),
      () => ended.push('aborted'),
    );
    await systemClock.sleep(20);
    ended.push('short');
    stop.abort();
    await long;
    expect(ended).toEqual(['short', 'aborted']);
  });

  it('leaves no timer behind once its scope ends', async () => {
    const before = process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    await inScope([], async (scope) => {
      void systemClock.sleep(60_000, scope.signal).catch(() => undefined);
      expect(process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length).toBe(before + 1);
    });
    expect(process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length).toBe(before);
  });
});
