// The demo's users' use of their access: some approved requests used over what they grant, some
// only assumed, some untouched; the same for the same seed; every event names its request and falls
// between the approval and now.
import { describe, expect, it } from 'vitest';
import type { AuditEventInit } from '../../teleport/audit-log.js';
import type { StandInRequest } from '../../teleport/server.js';
import { seededRandom } from '../../e2e/workload.js';
import { useSome, type AuditLogOf } from './usage.js';

const HOUR = 3_600_000;

function approved(i: number, kind: string): StandInRequest {
  const now = Date.now();
  const created = new Date(now - HOUR);
  return {
    ...{ id: `req-${i}`, user: `user-${i % 3}`, roles: ['r'], state: 'APPROVED', reason: '', resolveReason: '' },
    ...{ created, requestExpires: null, accessExpires: new Date(now + HOUR), suggestedReviewers: [] },
    resources: [{ cluster: '', kind, name: `${kind}-1`, subResource: '' }],
    reviews: [{ author: 'bob', state: 'APPROVED', reason: '', created: new Date(now - HOUR / 2) }],
    ...{ promotedTo: null, assumeStart: null, maxDuration: null },
  };
}

function world(requests: StandInRequest[]): { log: AuditLogOf; events: AuditEventInit[] } {
  const events: AuditEventInit[] = [];
  const log: AuditLogOf = { requests: () => requests, appendEvent: (e) => (events.push(e), String(events.length)) };
  return { log, events };
}

describe('the demo using some approved requests', () => {
  const kinds = ['node', 'db', 'kube_cluster', 'app'];
  const requests = Array.from({ length: 40 }, (_, i) => approved(i, kinds[i % 4]!));

  it('uses some over what they grant, leaves others unused, each request once', () => {
    const { log, events } = world(requests);
    const seen = new Set<string>();
    const used = useSome(log, seededRandom(3), seen);
    const touched = new Set(events.flatMap((e) => e.accessRequests ?? []));
    expect(used).toBe(touched.size);
    expect(used).toBeGreaterThan(10);
    expect(used).toBeLessThan(requests.length);
    const types = new Set(events.map((e) => e.type));
    for (const type of ['cert.create', 'session.start', 'db.session.start', 'kube.request', 'app.session.start'])
      expect(types).toContain(type);
    expect(events.some((e) => e.type === 'session.start' && e.kubernetesCluster === 'kube_cluster-1')).toBe(true);
    for (const e of events) {
      const r = requests.find((q) => q.id === e.accessRequests?.[0])!;
      expect(e.user).toBe(r.user);
      expect(e.time!.getTime()).toBeGreaterThanOrEqual(r.reviews[0]!.created.getTime());
      expect(e.time!.getTime()).toBeLessThanOrEqual(Date.now());
    }
    expect(useSome(log, seededRandom(3), seen)).toBe(0);
  });

  it('is the same for the same seed', () => {
    const pick = (seed: number) => {
      const { log, events } = world(requests);
      useSome(log, seededRandom(seed), new Set());
      return events.map((e) => `${e.type} ${e.accessRequests?.join()}`);
    };
    expect(pick(11)).toEqual(pick(11));
    expect(pick(11)).not.toEqual(pick(12));
  });
});
