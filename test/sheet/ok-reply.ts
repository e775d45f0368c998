// What a test expects the bundle to answer a batch it applied. Apart from fixtures.ts, which the
// bench imports outside vitest.
import { expect } from 'vitest';

/** The reply to a batch the bundle applied (contract §3, with §13's `accepts` and §12's `cells`). */
export function okReply(applied: number, o: { stale?: number; resync?: boolean } = {}) {
  return { ok: true, applied, stale: 0, resync: false, accepts: 2, cells: expect.any(Number), ...o };
}
