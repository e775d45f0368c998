import { describe, expect, it } from 'vitest';
import { isContractTime, opProblem } from '../../proto/op-rules.js';
import { parseBatch } from '../../appsscript/src/door/parse.js';
import { request } from '../relay/fixtures.js';

// The op rules both halves share: what the relay checks when it queues an op is exactly what the
// sheet's parser refuses a batch for.

const batchOf = (op: unknown) =>
  JSON.stringify({ v: 1, cluster: 'c', webUrl: 'https://c.example', relay: 'r/1', ops: [op] });

describe('shared op rules (contract §3, §7)', () => {
  it.each([
    ['1970-01-01T00:00:00.000Z', true],
    ['9999-12-31T23:59:59.999Z', true],
    ['2025-11-23T12:13:20+01:00', true],
    ['+010000-01-01T00:00:00.000Z', false],
    ['1969-12-31T23:59:59.000Z', false],
    ['yesterday', false],
  ])('%s is a contract time: %s', (value, ok) => {
    expect(isContractTime(value)).toBe(ok);
  });

  it('refuses an upsert with a year-10000 time, on both sides, naming the field', () => {
    const op = {
      op: 'upsert',
      request: request('r1', 'APPROVED', 0, { accessExpires: '+010000-01-01T00:00:00.000Z' }),
    };
    expect(opProblem(op)).toBe('op.request.accessExpires must be an ISO time from 1970 to 9999');
    const parsed = parseBatch(batchOf(op));
    expect(parsed).toEqual({
      ok: false,
      message: 'ops[0].request.accessExpires must be an ISO time from 1970 to 9999',
    });
  });

  it('accepts assumeStart and maxDuration as times or null, and a request without them', () => {
    const timed = request('r1', 'APPROVED', 0, { assumeStart: '2030-01-01T00:00:00.000Z', maxDuration: null });
    expect(opProblem({ op: 'upsert', request: timed })).toBeNull();
    expect(opProblem({ op: 'upsert', request: request('r2') })).toBeNull();
    const parsed = parseBatch(batchOf({ op: 'upsert', request: timed }));
    expect(parsed.ok && parsed.batch.ops[0]).toMatchObject({ request: { assumeStart: '2030-01-01T00:00:00.000Z' } });
    expect(opProblem({ op: 'upsert', request: { ...timed, maxDuration: 'soon' } })).toMatch(/maxDuration/);
  });

  it('refuses an id longer than 256 characters in delete and sync', () => {
    expect(opProblem({ op: 'delete', id: 'x'.repeat(257) })).toMatch(/op\.id/);
    expect(opProblem({ op: 'sync', ids: ['ok', 'x'.repeat(257)] })).toMatch(/op\.ids\[1\]/);
  });
});
