// A child signal that aborts with its parent or on demand, detached from the parent once done.
// Used instead of AbortSignal.any() in loops that run for months, so no listener or dependent
// signal outlives the wait it was made for.

export interface LinkedAbort {
  readonly signal: AbortSignal;
  abort(): void;
  release(): void;
}

export function linkedAbort(parent: AbortSignal): LinkedAbort {
  const controller = new AbortController();
  const forward = () => controller.abort(parent.reason);
  if (parent.aborted) forward();
  else parent.addEventListener('abort', forward, { once: true });
  return {
    signal: controller.signal,
    abort: () => controller.abort(),
    release: () => parent.removeEventListener('abort', forward),
  };
}

/** Settles as `promise` does, or rejects with the signal's reason as soon as it aborts. */
export async function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  const stop = linkedAbort(signal);
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_resolve, reject) => {
        if (stop.signal.aborted) reject(stop.signal.reason);
        else stop.signal.addEventListener('abort', () => reject(stop.signal.reason), { once: true });
      }),
    ]);
  } finally {
    stop.abort();
    stop.release();
  }
}
