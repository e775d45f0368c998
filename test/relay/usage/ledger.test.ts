import { describe, expect, it } from 'vitest';
import { USAGE_KINDS, type UsageKind } from '../../../proto/contract.js';
import type { AuditEvent } from '../../../relay/src/teleport/audit-log.js';
import { eventTypesFor } from '../../../relay/src/usage/events.js';
import { UsageLedger } from '../../../relay/src/usage/ledger.js';
import { request } from '../fixtures.js';

// The ledger alone: which events count for which request, once each, and what an op then says.

const T = Date.parse('2026-01-01T12:00:00.000Z');
const HOUR = 3_600_000;
let n = 0;
const ev = (type: string, time: number, requests: string[], extra: Partial<AuditEvent> = {}): AuditEvent => ({
  id: `e${++n}`,
  type,
  time,
  requests,
  kubernetes: false,
  ...extra,
});

function ledger(kinds: readonly UsageKind[] = USAGE_KINDS): UsageLedger {
  const l = new UsageLedger(new Set(kinds), HOUR);
  const window = { created: '2026-01-01T00:00:00.000Z', accessExpires: '2026-01-02T00:00:00.000Z' };
  l.track(request('a', 'APPROVED', 1, window), T);
  l.track(request('b', 'PROMOTED', 1, window), T);
  l.track(request('p', 'PENDING', 0, window), T);
  l.track(request('d', 'DENIED', 1, window), T);
  l.track(request('old', 'APPROVED', 1, { ...window, accessExpires: '2026-01-01T10:00:00.000Z' }), T);
  return l;
}

describe('UsageLedger', () => {
  it('watches approved and promoted requests whose access has not ended (plus the margin)', () => {
    expect(ledger().size).toBe(2);
    const l = new UsageLedger(new Set(USAGE_KINDS), HOUR);
    l.track(request('x', 'APPROVED', 1, { accessExpires: '2026-01-01T11:30:00.000Z' }), T);
    expect(l.size).toBe(1);
    l.forgetEnded(T + HOUR);
    expect(l.size).toBe(0);
  });

  it('gives every request an event carries its share, and counts an event read twice once', () => {
    const l = ledger();
    const session = ev('session.start', T + 60_000, ['a', 'b', 'p']);
    l.apply(ev('cert.create', T, ['a', 'b']), -Infinity);
    l.apply(session, -Infinity);
    l.apply(session, -Infinity);
    l.apply(ev('kube.request', T + 120_000, ['b']), -Infinity);
    expect(l.takeChanged()).toEqual([
      {
        op: 'usage',
        id: 'a',
        assumed: '2026-01-01T12:00:00.000Z',
        firstUsed: '2026-01-01T12:01:00.000Z',
        lastUsed: '2026-01-01T12:01:00.000Z',
        sessions: 1,
        kinds: ['ssh'],
      },
      {
        op: 'usage',
        id: 'b',
        assumed: '2026-01-01T12:00:00.000Z',
        firstUsed: '2026-01-01T12:01:00.000Z',
        lastUsed: '2026-01-01T12:02:00.000Z',
        sessions: 1,
        kinds: ['ssh', 'kube'],
      },
    ]);
    expect(l.takeChanged()).toEqual([]);
  });

  it('skips, for a request already read, what is older than the last read reached back to', () => {
    const l = ledger();
    l.apply(ev('db.session.start', T, ['a']), -Infinity);
    l.settle();
    l.prune(T + 1);
    l.takeChanged();
    expect(l.apply(ev('db.session.start', T - 1, ['a']), T)).toBe(false);
    expect(l.takeChanged()).toEqual([]);
  });

  it('reads a request that joined later back to its creation, without counting the others twice', () => {
    const l = ledger();
    l.apply(ev('session.start', T, ['a']), -Infinity);
    l.settle();
    l.takeChanged();
    const window = { created: '2026-01-01T11:00:00.000Z', accessExpires: '2026-01-02T00:00:00.000Z' };
    l.track(request('late', 'APPROVED', 1, window), T);
    expect(l.freshFrom(T - 10 * HOUR)).toBe(Date.parse(window.created));
    // A read from the newcomer's creation: an old event carrying both counts for the newcomer only.
    l.apply(ev('session.start', T - 1000, ['a', 'late']), T + 5 * 60_000);
    expect(l.takeChanged().map((op) => [op.id, op.sessions])).toEqual([['late', 1]]);
  });

  it('ignores the kinds not watched; a Kubernetes session.start is kube; exec marks use without a session', () => {
    const l = ledger(['kube']);
    l.apply(ev('db.session.start', T, ['a']), -Infinity);
    l.apply(ev('session.start', T + 1, ['a'], { kubernetes: true }), -Infinity);
    l.apply(ev('session.start', T + 2, ['b']), -Infinity);
    expect(l.takeChanged()).toMatchObject([
      { id: 'a', sessions: 1, kinds: ['kube'], firstUsed: new Date(T + 1).toISOString() },
    ]);
    const ssh = ledger(['ssh']);
    ssh.apply(ev('exec', T, ['a']), -Infinity);
    expect(ssh.takeChanged()).toMatchObject([{ id: 'a', sessions: 0, kinds: ['ssh'] }]);
    expect(eventTypesFor(new Set(['db']))).toEqual(['cert.create', 'db.session.start']);
    expect(eventTypesFor(new Set(['kube']))).toEqual(['cert.create', 'session.start', 'kube.request']);
  });
});
