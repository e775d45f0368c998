import type { Request, RequestState } from '../../proto/contract.js';
import type { Clock } from '../../relay/src/timing/clock.js';

/** A Request as Teleport would hand it over, with `reviews` reviews. */
export function request(
  id: string,
  state: RequestState = 'PENDING',
  reviews = 0,
  extra: Partial<Request> = {},
): Request {
  return {
    id,
    user: 'alice',
    roles: ['admin'],
    resources: [],
    state,
    reason: 'need access',
    resolveReason: '',
    created: '2026-01-01T00:00:00.000Z',
    requestExpires: null,
    accessExpires: '2026-01-02T00:00:00.000Z',
    suggestedReviewers: [],
    reviews: Array.from({ length: reviews }, (_, i) => ({
      author: `bob${i}`,
      state: 'APPROVED' as const,
      reason: '',
      created: '2026-01-01T00:00:01.000Z',
    })),
    promotedTo: null,
    ...extra,
  };
}

/** now() is set by the test; sleep() resolves at once (after a macrotask) so loops run without waiting. */
export function manualClock(start = Date.UTC(2026, 0, 1)): Clock & { t: number; sleeps: number[] } {
  const clock = {
    t: start,
    sleeps: [] as number[],
    now: () => clock.t,
    sleep: (ms: number, signal?: AbortSignal) =>
      new Promise<void>((resolve, reject) => {
        if (signal?.aborted) return reject(signal.reason);
        clock.sleeps.push(ms);
        setImmediate(() => (signal?.aborted ? reject(signal.reason) : resolve()));
      }),
  };
  return clock;
}
