// The Dashboard's every figure, from one pure function: main rows + History + relays' last
// contact + now + the spreadsheet's zone → the model the layout draws. "Last N days" counts
// requests by Created and reviews by their time (recent.ts).
import { windowAt, type Window } from './recent.js';
import { DAY_MS, type Zone } from '../records/zone.js';
import { type HistoryRow, type MainRow, type RelayContact } from '../records/rows.js';
import { ascending, nearestRankOfSorted, share } from './stats.js';
import {
  clusterTable,
  reviewerEvents,
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
import { NO_REVIEW } from '../ledger/decision.js';
import { approvedNeverUsed, usageClusters } from './usage.js';

export interface DashboardInput {
  rows: readonly MainRow[];
  history: readonly HistoryRow[];
  relays: readonly RelayContact[];
  now: Date;
  zone: Zone;
  /** Rows of each tab left out because no seal vouches that the script wrote them as they are. */
  left?: LeftOut;
}

export interface LeftOut {
  rows: number;
  events: number;
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
  /** §14: null when no cluster's relay reads usage. */
  neverUsed30d: number | null;
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
  left: LeftOut;
}

const DECIDED_STATUSES: readonly string[] = ['APPROVED', 'PROMOTED', 'DENIED'];

/** The History events buildDashboard reads at `now`: the rest may be left unread, the model is the same. */
export function dashboardEvents(now: Date): (event: string, time: Date) => boolean {
  return reviewerEvents(windowAt(now));
}

export function buildDashboard(input: DashboardInput): DashboardModel {
  const win = windowAt(input.now);
  const recent = input.rows.filter((row) => win.within(row.created, 30));
  const usage = usageClusters(input.rows, input.relays);
  return {
    refreshed: input.now,
    zone: input.zone.id,
    figures: { ...figures(input.rows, recent, win), neverUsed30d: approvedNeverUsed(input.rows, usage, win) },
    weeks: weekTable(input.rows, input.now, input.zone),
    roles: roleTable(recent, usage),
    reviewers: reviewerTable(input.history, input.rows, win),
    waiting: waitingTable(input.rows, input.relays, win),
    clusters: clusterTable(input.rows, input.relays, win),
    left: input.left ?? { rows: 0, events: 0 },
  };
}

function figures(rows: readonly MainRow[], recent: readonly MainRow[], win: Window): Omit<Figures, 'neverUsed30d'> {
  const f = { pendingNow: 0, pendingOver24h: 0, oldestPending: null as number | null, created7d: 0, expired30d: 0 };
  for (const row of rows) {
    if (win.within(row.created, 7)) f.created7d += 1;
    if (row.status !== 'PENDING') continue;
    const age = (win.now - row.created.getTime()) / DAY_MS;
    f.pendingNow += 1;
    if (age > 1) f.pendingOver24h += 1;
    f.oldestPending = Math.max(f.oldestPending ?? age, age);
  }
  const decided = { all: 0, approved: 0, bot: 0, noReview: 0 };
  const times: number[] = [];
  for (const row of recent) {
    if (row.timeToDecision !== null) times.push(row.timeToDecision);
    if (row.status === 'EXPIRED') f.expired30d += 1;
    if (!DECIDED_STATUSES.includes(row.status)) continue;
    decided.all += 1;
    if (row.status !== 'DENIED') decided.approved += 1;
    if (decidedByBot(row.decidedBy)) decided.bot += 1;
    if (row.decidedBy === NO_REVIEW) decided.noReview += 1;
  }
  times.sort(ascending);
  return {
    ...f,
    created30d: recent.length,
    approvalRate30d: share(decided.approved, decided.all),
    decisionMedian30d: nearestRankOfSorted(times, 50),
    decisionP90_30d: nearestRankOfSorted(times, 90),
    automatic30d: share(decided.bot, decided.all),
    noReview30d: share(decided.noReview, decided.all),
  };
}

/** Teleport's access-approval bot reviews under a name starting with `@` (authors are joined with `, `). */
export function decidedByBot(decidedBy: string): boolean {
  return decidedBy.startsWith('@') || decidedBy.includes(', @');
}
