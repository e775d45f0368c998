// Retry delays. Reconnects use decorrelated jitter (as Teleport's own plugins do); deliveries
// use capped exponential backoff with full jitter. Neither ever gives up: callers loop forever.

export interface Backoff {
  next(): number;
  reset(): void;
}

export function decorrelatedJitter(baseMs: number, capMs: number, random: () => number = Math.random): Backoff {
  let last = baseMs;
  return {
    next() {
      last = Math.min(capMs, baseMs + random() * (last * 3 - baseMs));
      return last;
    },
    reset() {
      last = baseMs;
    },
  };
}

export function exponentialJitter(baseMs: number, capMs: number, random: () => number = Math.random): Backoff {
  let attempt = 0;
  return {
    next() {
      const ceiling = Math.min(capMs, baseMs * 2 ** attempt);
      attempt = Math.min(attempt + 1, 30);
      return ceiling / 2 + random() * (ceiling / 2);
    },
    reset() {
      attempt = 0;
    },
  };
}
