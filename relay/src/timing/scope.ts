// The relay's one way to bound what a piece of work arms. Work runs in a scope whose signal aborts
// when a parent aborts, when the work ends the scope early, and always when the work settles, so
// whatever was armed on that signal (a sleep, a listener, a call, a stream, a socket) is released
// then: nobody has to remember to. Not AbortSignal.any(), whose dependent signals live as long as
// their parents: in loops that run for months, a scope is detached from its parents once over.

export interface Scope {
  readonly signal: AbortSignal;
  /** Ends the scope now; the work goes on until it notices its signal. */
  end(reason?: unknown): void;
  /** Runs `release` when the scope ends, however it ends (at once if it already has). */
  defer(release: () => void): void;
}

/** Why a scope's signal aborted when nothing else did: its work was over. */
export class ScopeEnded extends Error {
  constructor() {
    super('the scope ended');
    this.name = 'ScopeEnded';
  }
}

export async function inScope<T>(parents: readonly AbortSignal[], work: (scope: Scope) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const { signal } = controller;
  const end = (reason: unknown = new ScopeEnded()) => controller.abort(reason);
  const detach = parents.map((parent) => {
    const forward = () => end(parent.reason);
    if (parent.aborted) forward();
    else parent.addEventListener('abort', forward, { once: true });
    return () => parent.removeEventListener('abort', forward);
  });
  const defer = (release: () => void) => {
    if (signal.aborted) release();
    else signal.addEventListener('abort', release, { once: true });
  };
  try {
    return await work({ signal, end, defer });
  } finally {
    end();
    for (const remove of detach) remove();
  }
}

/** Settles as `promise` does, or rejects with the signal's reason as soon as it aborts. */
export function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return inScope([signal], (scope) =>
    Promise.race([
      promise,
      new Promise<never>((_resolve, reject) => scope.defer(() => reject(signal.reason as unknown))),
    ]),
  );
}

/**
 * Destroys `stream` with the signal's reason when the signal aborts before `release()` is called: a
 * connection step (a dial, a CONNECT, a handshake) then ends with its session instead of its timeout.
 */
export function destroyOnAbort(stream: { destroy(error?: Error): void }, signal?: AbortSignal): () => void {
  if (!signal) return () => {};
  const destroy = () => stream.destroy(abortError(signal));
  if (signal.aborted) {
    destroy();
    return () => {};
  }
  signal.addEventListener('abort', destroy, { once: true });
  return () => signal.removeEventListener('abort', destroy);
}

function abortError(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  return reason instanceof Error ? reason : new Error('the connection attempt was abandoned');
}
