import { describe, expect, it } from 'vitest';
import type { Op, SyncOp } from '../../../proto/contract.js';
import { Admission } from '../../../relay/src/delivery/admission.js';
import { Outbox } from '../../../relay/src/delivery/outbox.js';
import { PoisonSearch } from '../../../relay/src/delivery/poison-search.js';
import { RelayMetrics } from '../../../relay/src/metrics.js';
import { capturingLogger } from '../teleport/harness.js';
import { manualClock, request } from '../fixtures.js';

describe('Admission: the contract checked when an op is queued', () => {
  it('sets aside a request the sheet would refuse, logs its id, and keeps a valid id in the sync', async () => {
    const outbox = new Outbox(manualClock());
    const metrics = new RelayMetrics();
    const log = capturingLogger();
    const admission = new Admission(outbox, metrics, log.logger);
    const longId = 'x'.repeat(300);
    admission.snapshot([request('a'), request('b', 'PENDING', 0, { created: 'not a time' }), request(longId)]);
    admission.remove(longId);
    const taken = outbox.take(500, 1 << 20)!.ops.map((json) => JSON.parse(json) as Op);
    expect(taken.map((op) => (op.op === 'upsert' ? op.request.id : op.op))).toEqual(['a', 'sync']);
    expect((taken[1] as SyncOp).ids).toEqual(['a', 'b']);
    const setAside = (await metrics.opsSetAside.get()).values;
    expect(setAside).toEqual([expect.objectContaining({ labels: { reason: 'invalid' }, value: 3 })]);
    expect(log.lines.filter((l) => l.request_id === 'b')).toHaveLength(1);
  });
});

describe('PoisonSearch: halve, prove the sheet takes a heartbeat, then set aside', () => {
  it('halves down to one op, asks for the control, and sets aside only once the control passed', () => {
    const s = new PoisonSearch();
    expect(s.refused(40, true)).toBe('retry_now');
    expect(s.limit).toBe(20);
    expect(s.refused(20, false)).toBe('retry_now');
    expect(s.refused(10, false)).toBe('retry_now');
    s.delivered(false, false);
    expect([s.refused(5, false), s.refused(2, false), s.refused(1, false)]).toEqual([
      'retry_now',
      'retry_now',
      'retry_now',
    ]);
    expect(s.controlDue).toBe(true);
    s.delivered(true, false);
    expect(s.refused(1, false)).toBe('set_aside');
    expect(s.active).toBe(false);
  });

  it('backs off, keeping every op, when the control itself is refused', () => {
    const s = new PoisonSearch();
    s.refused(1, false);
    expect(s.refused(0, true)).toBe('back_off');
    expect(s.active).toBe(false);
  });
});
