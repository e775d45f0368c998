import { MAX_TIMER_MS, type Clock } from '../../relay/src/timing/clock.js';

// The tests' one clock for a whole relay: real time plus an offset the test moves forward, so a rule
// that runs on minutes or days (renewals, resyncs, heartbeats, certificate expiry) can be reached
// without waiting for it. A sleep ends on its own timer, or as soon as now() passes its end.

export interface JumpingClock extends Clock {
  /** Moves now() forward by `ms`; every sleep whose end that passes ends. */
  jump(ms: number): void;
  /** Sleeps armed and not yet ended. */
  readonly pending: number;
  /** Sleeps that ended on a real timer: the real time a test waited (instant ones never count). */
  readonly realWaits: number;
}

export interface JumpingClockOptions {
  /**
   * Sleeps shorter than this (a reconnect backoff, a linger, a settle) end on the next turn of the
   * event loop and carry now() to their end instead of waiting in real time. Keep it below the
   * relay's timeouts (seconds), which must still only fire on their timers or on a jump.
   */
  instantBelowMs?: number;
}

export function jumpingClock({ instantBelowMs = 0 }: JumpingClockOptions = {}): JumpingClock {
  let offset = 0;
  let realWaits = 0;
  const waiters = new Set<() => void>();
  const now = () => Date.now() + offset;
  const wakeDue = () => {
    for (const check of [...waiters]) check();
  };
  const sleep = (ms: number, signal?: AbortSignal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const end = now() + ms;
      let cancel = () => {};
      const settle = (fn: () => void) => {
        cancel();
        waiters.delete(check);
        signal?.removeEventListener('abort', onAbort);
        fn();
      };
      const check = () => {
        if (now() >= end) settle(resolve);
      };
      const onAbort = () => settle(() => reject(signal!.reason));
      // A timer may fire a millisecond before Date.now() says it is due, and Node's timers hold at
      // most 2^31-1 ms: either way it is armed again for the rest; a due one is counted, then ends it.
      const arm = (wait: number) => {
        const timer = setTimeout(onTimer, Math.min(Math.max(1, wait), MAX_TIMER_MS));
        cancel = () => clearTimeout(timer);
      };
      const onTimer = () => {
        if (now() < end) return arm(end - now());
        realWaits += 1;
        check();
      };
      const skip = () => {
        offset = Math.max(offset, end - Date.now());
        wakeDue();
      };
      waiters.add(check);
      signal?.addEventListener('abort', onAbort, { once: true });
      if (ms < instantBelowMs) {
        const immediate = setImmediate(skip);
        cancel = () => clearImmediate(immediate);
      } else arm(ms);
    });
  return {
    now,
    sleep,
    jump(ms: number) {
      offset += ms;
      wakeDue();
    },
    get pending() {
      return waiters.size;
    },
    get realWaits() {
      return realWaits;
    },
  };
}
