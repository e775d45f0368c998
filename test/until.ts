// The tests' one way to wait: poll an observation until it holds, and on timeout fail with what was
// last seen, so a failure says how far things got rather than only that time ran out.
import { inspect } from 'node:util';

export interface UntilOptions<T> {
  timeoutMs?: number;
  intervalMs?: number;
  /** How to show the last observation in the failure (default: util.inspect). */
  show?: (seen: T) => string;
}

/** Resolves with the first observation that `holds` accepts; rejects after `timeoutMs` with the last one. */
export async function until<T>(
  what: string,
  observe: () => T | Promise<T>,
  holds: (seen: T) => boolean = Boolean,
  { timeoutMs = 30_000, intervalMs = 10, show = describe }: UntilOptions<T> = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const seen = await observe();
    if (holds(seen)) return seen;
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last saw: ${show(seen)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

function describe(seen: unknown): string {
  return typeof seen === 'string' ? seen : inspect(seen, { depth: 3, breakLength: Infinity });
}
