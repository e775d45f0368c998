// The Dashboard's tables, each from the same rows and window as the figures.
import { requestLink } from '../../../proto/contract.js';
import { type HistoryRow, type MainRow, type RelayContact } from '../records/rows.js';
import { requestKey, RequestMap } from '../records/request-map.js';
import type { Window } from './recent.js';
import { median, share } from './stats.js';
import { DAY_MS, localDay, mondayOf, startOfLocalDay, type Zone } from '../records/zone.js';
import { granted } from './usage.js';

export const WEEKS = 12;
export const TOP_ROLES = 15;
export const WAITING_ROWS = 10;

export interface WeekRow {
  /** The Monday's first instant in the spreadsheet's zone. */
  start: Date;
  approved: number;
  promoted: number;
  denied: number;
  expired: number;
  pending: number;
  other: number;
}

export interface RoleRow {
  role: string;
  requests: number;
  /** APPROVED or PROMOTED: promotion to an access list grants the access too. */
  approved: number;
  denied: number;
  approvalRate: number | null;
  medianDecision: number | null;
  /** §14: share of the granted requests with a First used, in clusters that read usage; null when none. */
  used: number | null;
}

export interface ReviewerRow {
  reviewer: string;
  reviews: number;
  approvals: number;
  denials: number;
  medianReview: number | null;
}

export interface WaitingRow {
  id: string;
  user: string;
  roles: readonly string[];
  waiting: number;
  cluster: string;
  link: string | null;
}

export interface ClusterRow {
  cluster: string;
  pending: number;
  requests30d: number;
  lastContact: Date | null;
}

const WEEK_COLUMN: Readonly<Record<string, keyof Omit<WeekRow, 'start'>>> = {
  APPROVED: 'approved',
  PROMOTED: 'promoted',
  DENIED: 'denied',
  EXPIRED: 'expired',
  PENDING: 'pending',
};

/** The last 12 weeks, oldest first, the current one last; by the week of Created and the current Status. */
export function weekTable(rows: readonly MainRow[], now: Date, zone: Zone): WeekRow[] {
  const first = mondayOf(localDay(now, zone)) - (WEEKS - 1) * 7;
  const weeks: WeekRow[] = Array.from({ length: WEEKS }, (_, i) => ({
    start: startOfLocalDay(first + i * 7, zone),
    ...{ approved: 0, promoted: 0, denied: 0, expired: 0, pending: 0, other: 0 },
  }));
  for (const row of rows) {
    const week = weeks[(mondayOf(localDay(row.created, zone)) - first) / 7];
    if (week) week[WEEK_COLUMN[row.status] ?? 'other'] += 1;
  }
  return weeks;
}

interface RoleCounts {
  requests: number;
  approved: number;
  denied: number;
  times: number[];
  /** Granted in a cluster that reads usage, and of those, used. */
  watched: number;
  used: number;
}

/** A request counts once for each role it asks for; top 15 by requests, then by name. */
export function roleTable(recent: readonly MainRow[], usageClusters: ReadonlySet<string> = new Set()): RoleRow[] {
  const byRole = new Map<string, RoleCounts>();
  for (const row of recent) {
    const watched = granted(row) && usageClusters.has(row.cluster);
    row.roles.forEach((role, i) => {
      if (row.roles.indexOf(role) !== i) return;
      let entry = byRole.get(role);
      if (!entry) byRole.set(role, (entry = { requests: 0, approved: 0, denied: 0, times: [], watched: 0, used: 0 }));
      entry.requests += 1;
      if (granted(row)) entry.approved += 1;
      else if (row.status === 'DENIED') entry.denied += 1;
      if (row.timeToDecision !== null) entry.times.push(row.timeToDecision);
      if (watched) entry.watched += 1;
      if (watched && row.firstUsed !== null) entry.used += 1;
    });
  }
  return [...byRole]
    .map(([role, { requests, approved, denied, times, watched, used }]) => {
      const approvalRate = share(approved, approved + denied);
      return {
        role,
        requests,
        approved,
        denied,
        approvalRate,
        medianDecision: median(times),
        used: share(used, watched),
      };
    })
    .sort((a, b) => b.requests - a.requests || compareText(a.role, b.role))
    .slice(0, TOP_ROLES);
}

const REVIEW_STATE = /^(APPROVED|DENIED|PROMOTED)\b/;
const REVIEW_DAYS = 30;

const isRecentReview = (win: Window, event: string, time: Date) =>
  event === 'reviewed' && win.within(time, REVIEW_DAYS);

/** The History events reviewerTable reads: `reviewed` in its window, and every `requested` (for Created). */
export function reviewerEvents(win: Window): (event: string, time: Date) => boolean {
  return (event, time) => event === 'requested' || isRecentReview(win, event, time);
}

/** From the History's `reviewed` events timed within the last 30 days; busiest reviewer first. */
export function reviewerTable(history: readonly HistoryRow[], rows: readonly MainRow[], win: Window): ReviewerRow[] {
  const reviews = history.filter((event) => isRecentReview(win, event.event, event.time));
  const created = createdTimes(reviews, history, rows);
  const byReviewer = new Map<string, { reviews: number; approvals: number; denials: number; waits: number[] }>();
  for (const event of reviews) {
    let entry = byReviewer.get(event.by);
    if (!entry) byReviewer.set(event.by, (entry = { reviews: 0, approvals: 0, denials: 0, waits: [] }));
    entry.reviews += 1;
    const state = REVIEW_STATE.exec(event.detail)?.[1];
    if (state === 'APPROVED' || state === 'PROMOTED') entry.approvals += 1;
    else if (state === 'DENIED') entry.denials += 1;
    const since = created.get(event.cluster, event.requestId)?.at ?? null;
    if (since !== null) entry.waits.push((event.time.getTime() - since) / DAY_MS);
  }
  return [...byReviewer]
    .map(([reviewer, { reviews, approvals, denials, waits }]) => {
      return { reviewer, reviews, approvals, denials, medianReview: median(waits) };
    })
    .sort((a, b) => b.reviews - a.reviews || compareText(a.reviewer, b.reviewer));
}

/**
 * When each reviewed request was created: the main tab's Created, else its History `requested`
 * event. Only the reviewed requests get a slot, so most rows cost a lookup rather than an entry.
 */
function createdTimes(
  reviews: readonly HistoryRow[],
  history: readonly HistoryRow[],
  rows: readonly MainRow[],
): RequestMap<{ at: number | null }> {
  const created = new RequestMap<{ at: number | null }>();
  for (const event of reviews) {
    if (!created.get(event.cluster, event.requestId)) created.set(event.cluster, event.requestId, { at: null });
  }
  for (const event of history) {
    const slot = event.event === 'requested' ? created.get(event.cluster, event.requestId) : undefined;
    if (slot) slot.at = event.time.getTime();
  }
  for (const row of rows) {
    const slot = created.get(row.cluster, row.id);
    if (slot) slot.at = row.created.getTime();
  }
  return created;
}

/** The 10 oldest PENDING requests, each linked through the contract's validated link rule. */
export function waitingTable(rows: readonly MainRow[], relays: readonly RelayContact[], win: Window): WaitingRow[] {
  const latest = latestRelays(relays);
  return rows
    .filter((row) => row.status === 'PENDING')
    .sort(
      (a, b) =>
        a.created.getTime() - b.created.getTime() ||
        compareText(requestKey(a.cluster, a.id), requestKey(b.cluster, b.id)),
    )
    .slice(0, WAITING_ROWS)
    .map((row) => {
      const webUrl = latest.get(row.cluster)?.webUrl;
      return {
        id: row.id,
        user: row.user,
        roles: row.roles,
        waiting: (win.now - row.created.getTime()) / DAY_MS,
        cluster: row.cluster,
        link: webUrl === undefined ? null : requestLink(webUrl, row.id),
      };
    });
}

/** Every cluster with a row or a relay, by name. */
export function clusterTable(rows: readonly MainRow[], relays: readonly RelayContact[], win: Window): ClusterRow[] {
  const latest = latestRelays(relays);
  const counts = new Map<string, { pending: number; requests30d: number }>();
  for (const row of rows) {
    let own = counts.get(row.cluster);
    if (!own) counts.set(row.cluster, (own = { pending: 0, requests30d: 0 }));
    if (row.status === 'PENDING') own.pending += 1;
    if (win.within(row.created, 30)) own.requests30d += 1;
  }
  const names = new Set([...counts.keys(), ...latest.keys()]);
  return [...names].sort(compareText).map((cluster) => ({
    cluster,
    pending: counts.get(cluster)?.pending ?? 0,
    requests30d: counts.get(cluster)?.requests30d ?? 0,
    lastContact: latest.get(cluster)?.lastContact ?? null,
  }));
}

/** Per cluster, the relay heard from last (its webUrl is the one in force). */
export function latestRelays(relays: readonly RelayContact[]): Map<string, RelayContact> {
  const latest = new Map<string, RelayContact>();
  for (const relay of relays) {
    const known = latest.get(relay.cluster);
    if (!known || contactTime(relay) > contactTime(known)) latest.set(relay.cluster, relay);
  }
  return latest;
}

const contactTime = (relay: RelayContact) => relay.lastContact?.getTime() ?? -Infinity;

/** Code-unit order: the same everywhere, unlike localeCompare. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
