// The Dashboard's every figure, from one pure function: main rows + History + relays' last
// contact + now + the spreadsheet's zone → the model the layout draws. "Last N days" counts
// requests by Created and reviews by their time (recent.ts).
import { windowAt, type Window } from './recent.js';
import { DAY_MS, type Zone } from './zone.js';
import { NO_REVIEW, type HistoryRow, type MainRow, type RelayContact } from './rows.js';
import { nearestRank, share } from './stats.js';
import {
  clusterTable,
  reviewerTable,
  roleTable,
  waitingTable,
  weekTable,
  type ClusterRow,
  type ReviewerRow,
  type RoleRow,
  type WaitingRow,
  type WeekRow,
} from './tables.js';

export interface DashboardInput {
  rows: readonly MainRow[];
  history: readonly HistoryRow[];
  relays: readonly RelayContact[];
  now: Date;
  zone: Zone;
}

/** Counts are whole numbers; shares are fractions of 1; durations are days; null shows as an empty cell. */
export interface Figures {
  pendingNow: number;
  pendingOver24h: number;
  oldestPending: number | null;
  created7d: number;
  created30d: number;
  approvalRate30d: number | null;
  decisionMedian30d: number | null;
  decisionP90_30d: number | null;
  expired30d: number;
  automatic30d: number | null;
  noReview30d: number | null;
}

export interface DashboardModel {
  refreshed: Date;
  zone: string;
  figures: Figures;
  weeks: WeekRow[];
  roles: RoleRow[];
  reviewers: ReviewerRow[];
  waiting: WaitingRow[];
  clusters: ClusterRow[];
}

const DECIDED_STATUSES: readonly string[] = ['APPROVED', 'PROMOTED', 'DENIED'];

export function buildDashboard(input: DashboardInput): DashboardModel {
  const win = windowAt(input.now);
  const recent = input.rows.filter((row) => win.within(row.created, 30));
  return {
    refreshed: input.now,
    zone: input.zone.id,
    figures: figures(input.rows, recent, win),
    weeks: weekTable(input.rows, input.now, input.zone),
    roles: roleTable(recent),
    reviewers: reviewerTable(input.history, input.rows, win),
    waiting: waitingTable(input.rows, input.relays, win),
    clusters: clusterTable(input.rows, input.relays, win),
  };
}

function figures(rows: readonly MainRow[], recent: readonly MainRow[], win: Window): Figures {
  const pendingAges = rows.filter((r) => r.status === 'PENDING').map((r) => (win.now - r.created.getTime()) / DAY_MS);
  const decided = recent.filter((r) => DECIDED_STATUSES.includes(r.status));
  const approved = decided.filter((r) => r.status !== 'DENIED').length;
  const times = recent.flatMap((r) => (r.timeToDecision === null ? [] : [r.timeToDecision]));
  return {
    pendingNow: pendingAges.length,
    pendingOver24h: pendingAges.filter((age) => age > 1).length,
    oldestPending: pendingAges.reduce<number | null>((oldest, age) => Math.max(oldest ?? age, age), null),
    created7d: rows.filter((r) => win.within(r.created, 7)).length,
    created30d: recent.length,
    approvalRate30d: share(approved, decided.length),
    decisionMedian30d: nearestRank(times, 50),
    decisionP90_30d: nearestRank(times, 90),
    expired30d: recent.filter((r) => r.status === 'EXPIRED').length,
    automatic30d: share(decided.filter((r) => decidedByBot(r.decidedBy)).length, decided.length),
    noReview30d: share(decided.filter((r) => r.decidedBy === NO_REVIEW).length, decided.length),
  };
}

/** Teleport's access-approval bot reviews under a name starting with `@`. */
export function decidedByBot(decidedBy: string): boolean {
  return decidedBy.split(', ').some((author) => author.startsWith('@'));
}
