// The relay's one way to combine cancellations: a child signal that aborts with any of its
// parents or on demand, detached from them once done. Used instead of AbortSignal.any(), whose
// dependent signals live as long as their parents, in loops that run for months: no listener
// outlives the wait it was made for.

export interface LinkedAbort {
  readonly signal: AbortSignal;
  abort(): void;
  release(): void;
}

export function linkedAbort(...parents: AbortSignal[]): LinkedAbort {
  const controller = new AbortController();
  const forwards = parents.map((parent) => {
    const forward = () => controller.abort(parent.reason);
    if (parent.aborted) forward();
    else parent.addEventListener('abort', forward, { once: true });
    return () => parent.removeEventListener('abort', forward);
  });
  return {
    signal: controller.signal,
    abort: () => controller.abort(),
    release: () => forwards.forEach((remove) => remove()),
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
