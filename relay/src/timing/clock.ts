// One injectable clock for every sleep and timestamp in the relay, so tests advance time
// instead of sleeping.

export interface Clock {
  now(): number;
  /** Resolves after ms, or rejects with the signal's reason when it aborts first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/**
 * Node's timers hold at most 2^31-1 ms (24.8 days) and fire after 1 ms when asked for more, so a
 * longer sleep (the reconnect before a 30-day certificate expires) runs as a chain of shorter ones.
 */
export const MAX_TIMER_MS = 2 ** 31 - 1;

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      let left = ms;
      const step = () => {
        const chunk = Math.min(left, MAX_TIMER_MS);
        left -= chunk;
        timer = setTimeout(() => (left > 0 ? step() : done()), chunk);
      };
      const done = () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal!.reason);
      };
      let timer: NodeJS.Timeout | undefined;
      step();
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};
