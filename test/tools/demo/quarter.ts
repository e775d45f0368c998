// The twelve weeks before the demo starts, as one cluster lived them: a few requests a working day
// (fewer at weekends), asked at working hours and now and then at night, decided minutes to a day
// or two later by a person, within a minute by Teleport's approval bot, or never (the request lapses
// at its expiry). Seeded, so every run has the same requests at the same offsets from the start.
import type { FakeTeleport, StandInRequest } from '../../teleport/server.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
export const QUARTER_DAYS = 84;

/** Teleport's access-approval automation reviews under a name starting with `@`. */
export const APPROVAL_BOT = '@teleport-access-approval-bot';

type Resource = StandInRequest['resources'][number];
const node = (name: string): Resource => ({ cluster: '', kind: 'node', name, subResource: '' });
const db = (name: string): Resource => ({ cluster: '', kind: 'db', name, subResource: '' });
const kube = (name: string, namespace?: string): Resource[] => [
  { cluster: '', kind: 'kube_cluster', name, subResource: '' },
  ...(namespace ? [{ cluster: '', kind: 'namespace', name, subResource: namespace }] : []),
];

/** What people ask for. `automatic`: an access monitoring rule lets the bot approve it. */
interface Ask {
  roles: string[];
  resources: Resource[][];
  automatic: boolean;
}

const ASKS: readonly Ask[] = [
  { roles: ['k8s-viewer'], resources: [kube('prod-eu'), kube('prod-us')], automatic: true },
  { roles: ['billing-read'], resources: [[]], automatic: true },
  {
    roles: ['support-ro'],
    resources: [[{ cluster: '', kind: 'app', name: 'grafana', subResource: '' }]],
    automatic: true,
  },
  {
    roles: ['prod-ssh'],
    resources: [[node('api-03')], [node('db-01')], [node('worker-12'), node('worker-13')]],
    automatic: false,
  },
  { roles: ['prod-ssh'], resources: [[node('bastion-1')], []], automatic: false },
  { roles: ['dba'], resources: [[db('orders-pg')], [db('ledger-pg')]], automatic: false },
  { roles: ['dba'], resources: [[db('analytics-ch')]], automatic: false },
  { roles: ['db-writer'], resources: [[db('orders-pg')]], automatic: false },
  {
    roles: ['k8s-admin', 'k8s-viewer'],
    resources: [kube('prod-eu', 'payments'), kube('prod-us', 'checkout')],
    automatic: false,
  },
  { roles: ['breakglass-admin'], resources: [[]], automatic: false },
];

/** Role sets the bot approves. */
const AUTOMATIC = new Set(ASKS.filter((a) => a.automatic).map((a) => a.roles.join()));
const WAITING = 3;

const USERS = [
  'alice',
  'bob',
  'carol',
  'dmitri',
  'eun-ji',
  'fatima',
  'gustavo',
  'hiro',
  'ines',
  'jamal',
  'kofi',
  'lena',
];
const REVIEWERS = ['sre-lead', 'security-oncall', 'platform-admin', 'dba-lead'];
const REASONS = [
  (n: number) => `Investigating INC-${n}`,
  (n: number) => `Deploying hotfix 4.${n % 9}.${n % 7}`,
  (n: number) => `Rotating DB credentials (CHG-${n})`,
  () => 'On-call handover',
  (n: number) => `Customer escalation SUP-${n}`,
  (n: number) => `Backfilling the orders table (OPS-${n})`,
  () => 'Checking dashboards for the weekly report',
  () => 'Debugging a failed deploy of payments-api',
];
const APPROVALS = ['', 'ok, time-boxed', 'approved for the incident', 'LGTM, close it when done'];
const DENIALS = [
  'use the runbook instead',
  'not during the change freeze',
  'ask for db-reader instead',
  'no ticket linked',
];
const ACCESS_LISTS = ['Payments on-call', 'Database admins'];
const BOT_REASON = 'approved by access monitoring rule "read-only-on-call"';
/** How long granted access lasts; a pending request lapses at the same time (never beyond it). */
const ACCESS_TTLS = [8 * HOUR, 12 * HOUR, 12 * HOUR, 30 * HOUR, 30 * HOUR, 3 * DAY];

type Random = () => number;
const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
/** Spread evenly on a log scale between `low` and `high`: as many 2–4 minute waits as 2–4 hour ones. */
const logUniform = (random: Random, low: number, high: number): number => low * Math.pow(high / low, random());

export interface QuarterPlan {
  /** Requests created on a working day, on average (at weekends about a quarter of that). */
  perWorkday: number;
}

/** The quarter up to `now` as Teleport holds it just before each request lapses; days are UTC days. */
export function planQuarter(random: Random, now: number, plan: QuarterPlan): Partial<StandInRequest>[] {
  const today = Math.floor(now / DAY) * DAY;
  const requests: Partial<StandInRequest>[] = [];
  for (let daysAgo = QUARTER_DAYS; daysAgo >= 0; daysAgo--) {
    const day = today - daysAgo * DAY;
    const weekend = [0, 6].includes(new Date(day).getUTCDay());
    const count = 1 + Math.floor(random() * (2 * plan.perWorkday - 1));
    for (let i = 0; i < count; i++) {
      // Drawn whatever the weekday and the hour, so a date never shifts the draws after it.
      const skipped = random() < 0.75 && weekend;
      const atNight = random() < 0.15;
      const created = day + (atNight ? random() * DAY : 8 * HOUR + random() * 10 * HOUR);
      const request = planRequest(random, created, now);
      if (!skipped && created < now) requests.push(request);
    }
  }
  // However late in the day the demo starts, a few still wait for someone to look.
  for (let i = 0; i < WAITING; i++)
    requests.push(ask(random, now - logUniform(random, 40 * MINUTE, 30 * HOUR), 3 * DAY));
  return requests.sort((a, b) => a.created!.getTime() - b.created!.getTime());
}

type Pending = Partial<StandInRequest> & Pick<StandInRequest, 'roles' | 'accessExpires'> & { state: 'PENDING' };

/** A pending request: who asks for what, and until when. */
function ask(random: Random, created: number, ttl: number): Pending {
  const wanted = pick(random, ASKS);
  return {
    user: pick(random, USERS),
    roles: [...wanted.roles],
    resources: pick(random, wanted.resources),
    reason: pick(random, REASONS)(1000 + Math.floor(random() * 9000)),
    suggestedReviewers: [pick(random, REVIEWERS), ...(random() < 0.3 ? [pick(random, REVIEWERS)] : [])],
    state: 'PENDING',
    created: new Date(created),
    requestExpires: new Date(created + ttl),
    accessExpires: new Date(created + ttl),
  };
}

function planRequest(random: Random, created: number, now: number): Partial<StandInRequest> {
  const pending = ask(random, created, pick(random, ACCESS_TTLS));
  const decision = planDecision(random, pending.roles);
  const accessList = pick(random, ACCESS_LISTS);
  if (decision === null) return pending;
  const decidedAt = created + decision.afterMs;
  // Not decided before it lapsed, or not yet now: pending, as Teleport holds it.
  if (decidedAt >= pending.accessExpires.getTime() || decidedAt > now) return pending;
  const { author, state, reason } = decision;
  return {
    ...pending,
    state,
    resolveReason: reason,
    reviews: [{ author, state, reason, created: new Date(decidedAt) }],
    promotedTo: state === 'PROMOTED' ? accessList : null,
  };
}

interface Decision {
  author: string;
  state: 'APPROVED' | 'DENIED' | 'PROMOTED';
  reason: string;
  afterMs: number;
}

/** Who decides and how long after the request; null when nobody ever looks at it. */
function planDecision(random: Random, roles: readonly string[]): Decision | null {
  if (AUTOMATIC.has(roles.join()) && random() < 0.8) {
    return { author: APPROVAL_BOT, state: 'APPROVED', reason: BOT_REASON, afterMs: 2_000 + random() * 80_000 };
  }
  const roll = random();
  if (roll < 0.05) return null;
  const afterMs = roll < 0.8 ? logUniform(random, 5 * MINUTE, 6 * HOUR) : logUniform(random, 6 * HOUR, 40 * HOUR);
  const author = pick(random, REVIEWERS);
  const kind = random();
  if (kind < 0.76) return { author, state: 'APPROVED', reason: pick(random, APPROVALS), afterMs };
  if (kind < 0.94) return { author, state: 'DENIED', reason: pick(random, DENIALS), afterMs };
  return { author, state: 'PROMOTED', reason: 'covered by the access list', afterMs };
}

/** Puts the quarter into the stand-in; returns how many requests that was. */
export function seedQuarter(teleport: FakeTeleport, random: Random, now: number, plan: QuarterPlan): number {
  const requests = planQuarter(random, now, plan);
  for (const request of requests) teleport.createRequest(request);
  return requests.length;
}
