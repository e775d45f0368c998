// What an evidence tab holds: every request created in the period (the main tab's columns
// without Version, by Created), then every History event of those requests (by Time).
import { requestLink } from '../../../proto/contract.js';
import { HISTORY_HEADERS } from '../ledger/layout.js';
import type { HistoryRow, MainRow, RelayContact } from '../records/rows.js';
import { RequestMap, requestKey } from '../records/request-map.js';
import { compareText, latestRelays } from '../dashboard/tables.js';
import { DAY_MS } from '../records/zone.js';
import { truncate } from '../rows/render.js';
import type { Period } from './period.js';

/** Text, an instant, a duration as a number of seconds, or nothing. */
export type EvidenceValue = string | number | Date | null;

export const REQUEST_HEADERS: readonly string[] = [
  ...['ID', 'Created', 'User', 'Roles', 'Status', 'Link', 'Reason', 'Resources', 'Reviews', 'Resolution'],
  ...['Decided by', 'Decided', 'Time to decision (s)', 'Suggested reviewers', 'Request expires', 'Access starts'],
  ...['Access expires', 'Access duration (s)', 'Assumed', 'First used', 'Last used', 'Sessions', 'Used for'],
  ...['Cluster', 'Updated'],
];

/** Each table starts with its header row. */
export interface EvidenceTables {
  requests: EvidenceValue[][];
  history: EvidenceValue[][];
}

export interface EvidenceSelection {
  tables: EvidenceTables;
  /** Requests per Status: every status of STATUS_ORDER, then any others by name. */
  statusCounts: [status: string, count: number][];
  /** Every cluster the tables cover, by name. */
  clusters: readonly string[];
  /** `<cluster>/<id> (reason)` of each request of the period the script could not vouch for: not in the tables. */
  unvouched: readonly string[];
  /** History rows naming a request of the tables whose seal fails: not in the tables. */
  unsealedEvents: number;
}

/** What the export could not vouch for, found by whoever read the tabs with the sealing key. */
export interface Unvouched {
  /** Main-tab rows (created in the period or not) the script's seal does not vouch for. */
  rows: readonly { row: MainRow; reason: string }[];
  /** History rows whose seal fails. */
  events: readonly HistoryRow[];
}

export interface SelectInput {
  rows: readonly MainRow[];
  history: readonly HistoryRow[];
  relays: readonly RelayContact[];
  period: Period;
  /** Only these clusters; null for all. */
  clusters: readonly string[] | null;
  /** Rows and events left out of `rows` and `history` because no seal vouches for them. */
  unvouched?: Unvouched;
}

export const STATUS_ORDER: readonly string[] = ['PENDING', 'APPROVED', 'PROMOTED', 'DENIED', 'EXPIRED', 'NONE'];

export function selectEvidence(input: SelectInput): EvidenceSelection {
  const { start, end } = input.period;
  const inPeriod = (row: MainRow) => row.created.getTime() >= start.getTime() && row.created.getTime() < end.getTime();
  const wanted = (cluster: string) => input.clusters === null || input.clusters.includes(cluster);
  const requests = input.rows
    .filter((row) => inPeriod(row) && wanted(row.cluster))
    .sort((a, b) => a.created.getTime() - b.created.getTime() || compareRows(a, b));
  const selected = new RequestMap<true>();
  for (const row of requests) selected.set(row.cluster, row.id, true);
  const events = input.history
    .filter((event) => selected.get(event.cluster, event.requestId))
    .sort((a, b) => a.time.getTime() - b.time.getTime());
  const latest = latestRelays(input.relays);
  const linkOf = (row: MainRow) => requestLink(latest.get(row.cluster)?.webUrl ?? '', row.id) ?? '';
  return {
    tables: {
      requests: [[...REQUEST_HEADERS], ...requests.map((row) => requestCells(row, linkOf(row)))],
      history: [[...HISTORY_HEADERS], ...events.map(historyCells)],
    },
    statusCounts: statusCounts(requests),
    clusters: [...new Set(requests.map((row) => row.cluster))].sort(compareText),
    unvouched: (input.unvouched?.rows ?? [])
      .filter(({ row }) => inPeriod(row) && wanted(row.cluster))
      .map(({ row, reason }) => `${row.cluster}/${row.id} (${reason})`),
    unsealedEvents: (input.unvouched?.events ?? []).filter((e) => selected.get(e.cluster, e.requestId)).length,
  };
}

const compareRows = (a: MainRow, b: MainRow) => compareText(requestKey(a.cluster, a.id), requestKey(b.cluster, b.id));

/** Text is cut as the cell will cut it, so the digest covers exactly what the tab shows. */
const text = (value: string) => truncate(value);

/** Days (as the main tab holds durations) → seconds, to the millisecond. */
const seconds = (days: number | null) => (days === null ? null : Math.round(days * DAY_MS) / 1000);

function requestCells(row: MainRow, link: string): EvidenceValue[] {
  return [
    ...[text(row.id), row.created, text(row.user), text(row.roles.join(', ')), text(row.status), link],
    ...[text(row.reason), text(row.resources), text(row.reviews), text(row.resolution), text(row.decidedBy)],
    ...[row.decided, seconds(row.timeToDecision), text(row.suggestedReviewers), row.requestExpires],
    ...[row.accessStarts, row.accessExpires, seconds(row.accessDuration)],
    ...[row.assumed, row.firstUsed, row.lastUsed, row.sessions, text(row.usedFor), text(row.cluster), row.updated],
  ];
}

function historyCells(event: HistoryRow): EvidenceValue[] {
  return [
    ...[event.time, text(event.cluster), text(event.requestId), text(event.user), text(event.roles.join(', '))],
    ...[text(event.event), text(event.by), text(event.detail), text(event.key)],
  ];
}

function statusCounts(rows: readonly MainRow[]): [string, number][] {
  const counts = new Map<string, number>(STATUS_ORDER.map((status) => [status, 0]));
  for (const row of rows) counts.set(row.status, (counts.get(row.status) ?? 0) + 1);
  const known = STATUS_ORDER.map((status): [string, number] => [status, counts.get(status)!]);
  const others = [...counts].filter(([status]) => !STATUS_ORDER.includes(status));
  return [...known, ...others.sort((a, b) => compareText(a[0], b[0]))];
}
