// The main tab (layout 3) and the History tab's cells as the typed rows the Dashboard and the
// evidence extract compute from; sealed-ledger.ts reads the tabs and keeps the rows the seals vouch for.
import type { HistoryRow, MainRow } from './rows.js';
import { MINUTE_MS, DAY_MS, type Zone } from './zone.js';
import { COL, HISTORY_COL } from '../ledger/layout.js';
import { isDate } from '../rows/render.js';

export interface Ledger {
  rows: MainRow[];
  history: HistoryRow[];
}

/** Day 0 of Sheets' serial numbers, on the local calendar. */
const SERIAL_EPOCH_MS = Date.UTC(1899, 11, 30);

const text = (cell: unknown): string =>
  typeof cell === 'string' ? cell : cell === null || cell === undefined ? '' : String(cell);
/** A Date of this realm is kept as it is (the cells are read for this refresh alone); another realm's is copied. */
function instant(cell: unknown): Date | null {
  if (typeof cell !== 'object' || cell === null) return null;
  if (cell instanceof Date) return isNaN(cell.getTime()) ? null : cell;
  return isDate(cell) && !isNaN(cell.getTime()) ? new Date(cell.getTime()) : null;
}

/** Reads `, `-joined cells; cells that say the same share one frozen list (most rows repeat a few role sets). */
function listReader(): (cell: unknown) => readonly string[] {
  const seen = new Map<string, readonly string[]>();
  return (cell) => {
    const joined = text(cell);
    let items = seen.get(joined);
    if (!items) seen.set(joined, (items = Object.freeze(joined === '' ? [] : joined.split(', '))));
    return items;
  };
}

/** A duration cell: a number of days, or — as Apps Script is reported to return one — a Date. */
function days(cell: unknown, zone: Zone): number | null {
  if (typeof cell === 'number' && Number.isFinite(cell)) return cell;
  const date = instant(cell);
  if (!date) return null;
  return (date.getTime() + zone.offsetMinutes(date) * MINUTE_MS - SERIAL_EPOCH_MS) / DAY_MS;
}

const count = (cell: unknown): number | null => (typeof cell === 'number' && Number.isFinite(cell) ? cell : null);

/** Rows with an ID and a Created time; anything else (blank rows, notes people typed) is left out. */
export function mainRows(cells: readonly (readonly unknown[])[], zone: Zone): MainRow[] {
  const at = (row: readonly unknown[], col: number) => row[col - 1];
  const list = listReader();
  const rows: MainRow[] = [];
  for (const row of cells) {
    const created = instant(at(row, COL.created));
    const id = text(at(row, COL.id));
    if (id === '' || !created) continue;
    rows.push({
      id,
      created,
      user: text(at(row, COL.user)),
      roles: list(at(row, COL.roles)),
      status: text(at(row, COL.status)),
      reason: text(at(row, COL.reason)),
      resources: text(at(row, COL.resources)),
      reviews: text(at(row, COL.reviews)),
      resolution: text(at(row, COL.resolution)),
      decidedBy: text(at(row, COL.decidedBy)),
      decided: instant(at(row, COL.decided)),
      timeToDecision: days(at(row, COL.timeToDecision), zone),
      suggestedReviewers: text(at(row, COL.reviewers)),
      requestExpires: instant(at(row, COL.requestExpires)),
      accessStarts: instant(at(row, COL.accessStarts)),
      accessExpires: instant(at(row, COL.accessExpires)),
      accessDuration: days(at(row, COL.accessDuration), zone),
      assumed: instant(at(row, COL.assumed)),
      firstUsed: instant(at(row, COL.firstUsed)),
      lastUsed: instant(at(row, COL.lastUsed)),
      sessions: count(at(row, COL.sessions)),
      usedFor: text(at(row, COL.usedFor)),
      cluster: text(at(row, COL.cluster)),
      updated: instant(at(row, COL.updated)),
    });
  }
  return rows;
}

/** Which History events a reader looks at, by their Event and Time. */
export type EventFilter = (event: string, time: Date) => boolean;

const everyEvent: EventFilter = () => true;

/** Events with a Time, a Request ID and an Event; those `keep` refuses are left out before they are built. */
export function historyRows(cells: readonly (readonly unknown[])[], keep = everyEvent): HistoryRow[] {
  const at = (row: readonly unknown[], col: number) => row[col - 1];
  const list = listReader();
  const events: HistoryRow[] = [];
  for (const row of cells) {
    const event = text(at(row, HISTORY_COL.event));
    const time = instant(at(row, HISTORY_COL.time));
    if (!time || event === '' || !keep(event, time)) continue;
    const requestId = text(at(row, HISTORY_COL.requestId));
    if (requestId === '') continue;
    events.push({
      time,
      cluster: text(at(row, HISTORY_COL.cluster)),
      requestId,
      user: text(at(row, HISTORY_COL.user)),
      roles: list(at(row, HISTORY_COL.roles)),
      event,
      by: text(at(row, HISTORY_COL.by)),
      detail: text(at(row, HISTORY_COL.detail)),
      key: text(at(row, HISTORY_COL.key)),
    });
  }
  return events;
}
