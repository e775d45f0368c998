// Typed main-tab and History rows for the pure modules' tests: every field has a plain default.
import type { HistoryRow, MainRow } from '../../../appsscript/src/records/rows.js';

export const HOUR = 1 / 24;
export const MINUTE = 1 / 1440;
const DAY_MS = 86_400_000;

export function ago(now: Date, days: number): Date {
  return new Date(now.getTime() - days * DAY_MS);
}

export function mainRow(over: Partial<MainRow> & Pick<MainRow, 'id' | 'created'>): MainRow {
  return {
    user: 'alice',
    roles: ['dev'],
    status: 'PENDING',
    reason: '',
    resources: '',
    reviews: '',
    resolution: '',
    decidedBy: '',
    decided: null,
    timeToDecision: null,
    suggestedReviewers: '',
    requestExpires: null,
    accessStarts: null,
    accessExpires: null,
    accessDuration: null,
    assumed: null,
    firstUsed: null,
    lastUsed: null,
    sessions: null,
    usedFor: '',
    cluster: 'prod',
    updated: null,
    ...over,
  };
}

/** A row decided `days` after it was created, as the sheet fills Decided and Time to decision. */
export function decided(row: MainRow, status: string, decidedBy: string, days: number): MainRow {
  return {
    ...row,
    status,
    decidedBy,
    decided: new Date(row.created.getTime() + days * DAY_MS),
    timeToDecision: days,
  };
}

export function historyRow(over: Partial<HistoryRow> & Pick<HistoryRow, 'time' | 'requestId' | 'event'>): HistoryRow {
  return {
    cluster: 'prod',
    user: 'alice',
    roles: ['dev'],
    by: '',
    detail: '',
    key: `${over.cluster ?? 'prod'}/${over.requestId}/${over.event}`,
    ...over,
  };
}
