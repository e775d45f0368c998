// Realistic Access Request activity for the stand-in: who asks for what, and how it ends.
// Shared by the end-to-end suite, the demo and the benchmarks; seeded, so runs repeat.
import type { FakeTeleport, StandInRequest } from '../teleport/server.js';

const USERS = ['alice', 'bob', 'carol', 'dmitri', 'eun-ji', 'fatima', 'gustavo', 'hiro'];
const REVIEWERS = ['sre-lead', 'security-oncall', 'platform-admin'];
const ROLES = [['dba'], ['prod-ssh'], ['k8s-admin', 'k8s-viewer'], ['billing-read'], ['db-writer']];
const REASONS = [
  'Investigating INC-2231',
  'Deploying hotfix 4.2.1',
  'Quarterly access review',
  'Rotating DB credentials',
  'On-call handover',
];
const RESOURCES = [
  [{ cluster: '', kind: 'node', name: 'db-01', subResource: '' }],
  [
    { cluster: '', kind: 'kube_cluster', name: 'prod-eu', subResource: '' },
    { cluster: '', kind: 'namespace', name: 'prod-eu', subResource: 'payments' },
  ],
  [],
];

/** A small deterministic PRNG (mulberry32), so a failing run can be replayed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

export function newRequest(
  teleport: FakeTeleport,
  random: () => number,
  init: Partial<StandInRequest> = {},
): StandInRequest {
  return teleport.createRequest({
    user: pick(random, USERS),
    roles: pick(random, ROLES),
    reason: pick(random, REASONS),
    resources: pick(random, RESOURCES),
    suggestedReviewers: [pick(random, REVIEWERS)],
    ...init,
  });
}

export type Move = 'create' | 'approve' | 'deny' | 'promote' | 'admin-deny' | 'delete';

/** One step of life in the cluster: a new request, a review, an admin override or a removal. */
export function step(teleport: FakeTeleport, random: () => number): Move {
  const all = teleport.requests();
  const pending = all.filter((r) => r.state === 'PENDING');
  const approved = all.filter((r) => r.state === 'APPROVED');
  const roll = random();
  if (pending.length > 0 && roll < 0.45) {
    const r = pick(random, pending);
    const kind = random();
    const author = pick(random, REVIEWERS);
    if (kind < 0.6) {
      teleport.review(r.id, { author, state: 'APPROVED', reason: 'ok, time-boxed' });
      return 'approve';
    }
    if (kind < 0.85) {
      teleport.review(r.id, { author, state: 'DENIED', reason: 'use the runbook instead' });
      return 'deny';
    }
    teleport.review(r.id, { author, state: 'PROMOTED', promotedTo: 'Payments on-call' });
    return 'promote';
  }
  if (approved.length > 0 && roll < 0.52) {
    teleport.setState(pick(random, approved).id, 'DENIED', 'revoked by admin');
    return 'admin-deny';
  }
  if (all.length > 0 && roll < 0.6) {
    teleport.deleteRequest(pick(random, all).id);
    return 'delete';
  }
  newRequest(teleport, random);
  return 'create';
}

/** A dozen requests covering every state the sheet can show. */
export function seedEveryState(teleport: FakeTeleport, random: () => number): void {
  for (let i = 0; i < 4; i++) newRequest(teleport, random);
  const approve = newRequest(teleport, random, { user: 'alice' });
  teleport.review(approve.id, { author: 'sre-lead', state: 'APPROVED', reason: 'approved for the incident' });
  const deny = newRequest(teleport, random, { user: 'bob' });
  teleport.review(deny.id, { author: 'security-oncall', state: 'DENIED', reason: 'not during the freeze' });
  const promote = newRequest(teleport, random, { user: 'carol' });
  teleport.review(promote.id, { author: 'platform-admin', state: 'PROMOTED', promotedTo: 'Payments on-call' });
  const overridden = newRequest(teleport, random, { user: 'dmitri' });
  teleport.review(overridden.id, { author: 'sre-lead', state: 'APPROVED' });
  teleport.setState(overridden.id, 'DENIED', 'revoked by admin');
  const lapsed = newRequest(teleport, random, { user: 'eun-ji' });
  teleport.deleteRequest(lapsed.id);
  const admin = newRequest(teleport, random, { user: 'fatima' });
  teleport.setState(admin.id, 'APPROVED', 'approved with tctl');
  newRequest(teleport, random, { user: 'gustavo', reason: 'Need prod access for the migration\n(ticket OPS-88)' });
  newRequest(teleport, random, { user: 'hiro', state: 'NONE' });
}
