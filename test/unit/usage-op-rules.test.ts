import { describe, expect, it } from 'vitest';
import { opProblem, opV2 } from '../../proto/op-rules.js';

// Contract §13: the `usage` op is part of body version 2 only; the rules both halves share.

const usage = {
  op: 'usage',
  id: 'r1',
  assumed: '2026-03-01T10:00:00.000Z',
  firstUsed: '2026-03-01T10:01:00.000Z',
  lastUsed: '2026-03-01T11:00:00.000Z',
  sessions: 3,
  kinds: ['ssh', 'kube'],
};

describe('the usage op (contract §13)', () => {
  it('is taken in a version 2 body and refused in a version 1 body', () => {
    expect(opV2(usage, 'op')).toEqual(usage);
    expect(opProblem(usage, 2)).toBeNull();
    expect(opProblem(usage)).toBe('op.op must be upsert, delete, sync or heartbeat');
  });

  it('keeps version 1 ops as they were in a version 2 body', () => {
    expect(opProblem({ op: 'delete', id: 'r1' }, 2)).toBeNull();
    expect(opProblem({ op: 'frobnicate' }, 2)).toBe('op.op must be upsert, delete, sync, heartbeat or usage');
  });

  it('allows nulls for the times of a request never assumed or used', () => {
    expect(
      opProblem({ ...usage, assumed: null, firstUsed: null, lastUsed: null, sessions: 0, kinds: [] }, 2),
    ).toBeNull();
  });

  it.each([
    [{ sessions: -1 }, 'op.sessions must be an integer of at least 0'],
    [{ sessions: 1.5 }, 'op.sessions must be an integer of at least 0'],
    [{ kinds: ['rdp'] }, 'op.kinds[0] must be one of ssh, kube, db, app, desktop'],
    [{ lastUsed: 'yesterday' }, 'op.lastUsed must be an ISO time from 1970 to 9999'],
    [{ assumed: undefined }, 'op.assumed must be an ISO time from 1970 to 9999'],
    [{ id: '' }, 'op.id must be a non-empty string of at most 256 characters'],
  ])('refuses %o, naming the field', (change, problem) => {
    expect(opProblem({ ...usage, ...change }, 2)).toBe(problem);
  });
});
