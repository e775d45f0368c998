import { describe, expect, it } from 'vitest';
import {
  MAX_BODY_BYTES,
  MAX_CELL_CHARS,
  MAX_OPS_PER_BATCH,
  encodeAsciiJson,
  versionOf,
  type Op,
} from '../../../proto/contract.js';
import { OP_BUDGET_BYTES, fitRequest } from '../../../relay/src/delivery/fit.js';
import { Outbox } from '../../../relay/src/delivery/outbox.js';
import { manualClock, request } from '../fixtures.js';

// Every op must fit one POST, or its batch would be refused forever and hold up the queue.

const encoded = (r: ReturnType<typeof request>) => encodeAsciiJson({ op: 'upsert', request: r }).length;

describe('fitRequest', () => {
  it('leaves an ordinary request untouched', () => {
    const r = request('a', 'APPROVED', 2, { reason: 'INC-42 🔑' });
    expect(fitRequest(r)).toBe(r);
  });

  it('cuts text no cell could show to one character past the cell limit, so the sheet still marks it', () => {
    const fitted = fitRequest(request('a', 'PENDING', 0, { reason: 'x'.repeat(200_000) }));
    expect(fitted.reason).toHaveLength(MAX_CELL_CHARS + 1);
  });

  it('shrinks a request too big for one POST until it fits, keeping its version', () => {
    const huge = request('a', 'DENIED', 40, {
      reason: '🔑'.repeat(60_000),
      resources: Array.from({ length: 20_000 }, (_, i) => ({
        cluster: 'leaf',
        kind: 'node',
        name: `host-${i}-${'n'.repeat(60)}`,
        subResource: '',
      })),
    });
    huge.reviews = huge.reviews.map((v) => ({ ...v, reason: 'é'.repeat(50_000) }));
    expect(encoded(huge)).toBeGreaterThan(MAX_BODY_BYTES);
    const fitted = fitRequest(huge);
    expect(encoded(fitted)).toBeLessThanOrEqual(OP_BUDGET_BYTES);
    expect(versionOf(fitted)).toEqual(versionOf(huge));
    expect(fitted.resources.length).toBeGreaterThan(0);
  });
});

describe('Outbox with a listing too large for one sync', () => {
  it('delivers every upsert without the sync, and says so', () => {
    const skipped: number[] = [];
    const outbox = new Outbox(manualClock(), (ids) => skipped.push(ids));
    const ids = Array.from({ length: 30_000 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
    outbox.snapshot(ids.map((id) => request(id)));
    const ops: Op[] = [];
    for (
      let batch = outbox.take(MAX_OPS_PER_BATCH, MAX_BODY_BYTES);
      batch;
      batch = outbox.take(MAX_OPS_PER_BATCH, MAX_BODY_BYTES)
    ) {
      ops.push(...batch.ops.map((json) => JSON.parse(json) as Op));
      outbox.ack();
    }
    expect(skipped).toEqual([30_000]);
    expect(ops.filter((op) => op.op === 'sync')).toEqual([]);
    expect(ops.filter((op) => op.op === 'upsert')).toHaveLength(30_000);
  });
});
