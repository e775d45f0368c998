// The headers of the main tab's three layouts (contract §4, §8, §14) and of the History tab (§9), how
// to tell which layout a tab has, and the column inserts that turn layout 1 or 2 into layout 3 in place.

export const LAYOUT1_HEADERS = [
  'ID',
  'Created',
  'User',
  'Roles',
  'Status',
  'Link',
  'Reason',
  'Resources',
  'Reviews',
  'Resolution',
  'Suggested reviewers',
  'Request expires',
  'Access expires',
  'Cluster',
  'Updated',
  'Version',
] as const;

export const LAYOUT2_HEADERS = [
  'ID',
  'Created',
  'User',
  'Roles',
  'Status',
  'Link',
  'Reason',
  'Resources',
  'Reviews',
  'Resolution',
  'Decided by',
  'Decided',
  'Time to decision',
  'Suggested reviewers',
  'Request expires',
  'Access starts',
  'Access expires',
  'Access duration',
  'Cluster',
  'Updated',
  'Version',
] as const;

/** §14: layout 2 with the five usage columns after Access duration. */
export const LAYOUT3_HEADERS = [
  ...LAYOUT2_HEADERS.slice(0, 18),
  'Assumed',
  'First used',
  'Last used',
  'Sessions',
  'Used for',
  ...LAYOUT2_HEADERS.slice(18),
] as const;

/** The layout the script writes. */
export const HEADERS: readonly string[] = LAYOUT3_HEADERS;

/** 1-based column numbers of layout 3. */
export const COL = {
  id: 1,
  created: 2,
  user: 3,
  roles: 4,
  status: 5,
  link: 6,
  reason: 7,
  resources: 8,
  reviews: 9,
  resolution: 10,
  decidedBy: 11,
  decided: 12,
  timeToDecision: 13,
  reviewers: 14,
  requestExpires: 15,
  accessStarts: 16,
  accessExpires: 17,
  accessDuration: 18,
  assumed: 19,
  firstUsed: 20,
  lastUsed: 21,
  sessions: 22,
  usedFor: 23,
  cluster: 24,
  updated: 25,
  version: 26,
} as const;

/** The usage columns (§14), left to right: what a `usage` op writes. */
export const USAGE_COLUMNS = [COL.assumed, COL.firstUsed, COL.lastUsed, COL.sessions, COL.usedFor] as const;

export const HISTORY_SHEET_NAME = 'History';

export const HISTORY_HEADERS = [
  'Time',
  'Cluster',
  'Request ID',
  'User',
  'Roles',
  'Event',
  'By',
  'Detail',
  'Key',
] as const;

/** 1-based column numbers of the History tab. */
export const HISTORY_COL = {
  time: 1,
  cluster: 2,
  requestId: 3,
  user: 4,
  roles: 5,
  event: 6,
  by: 7,
  detail: 8,
  key: 9,
} as const;

/** The main tab's and History's times, to the minute. */
export const DATE_TIME_FORMAT = 'yyyy-mm-dd hh:mm';
/** Time to decision and Access duration are numbers of days shown as hours and minutes. */
export const DURATION_FORMAT = '[h]:mm';
/** Sessions: a whole number. */
export const COUNT_FORMAT = '0';

// `unknown` is refused: the sheet never writes over a layout it does not know.
export type Layout = 'layout1' | 'layout2' | 'layout3' | 'new' | 'unknown';

/**
 * The header row as read from the sheet (any width). Columns people added to the right of Version
 * are allowed; anything else that differs from a known layout is `unknown`.
 */
export function detectLayout(headerRow: readonly unknown[]): Layout {
  if (headerRow.every(isBlank)) return 'new';
  if (startsWith(headerRow, LAYOUT3_HEADERS)) return 'layout3';
  if (startsWith(headerRow, LAYOUT2_HEADERS)) return 'layout2';
  if (startsWith(headerRow, LAYOUT1_HEADERS)) return 'layout1';
  return 'unknown';
}

function isBlank(cell: unknown): boolean {
  return cell === '' || cell === null || cell === undefined;
}

function startsWith(row: readonly unknown[], headers: readonly string[]): boolean {
  return row.length >= headers.length && headers.every((header, i) => row[i] === header);
}

/** One `insertColumnsAfter(after, count)` call; `headers` are the new columns' headers, left to right. */
export interface ColumnInsert {
  after: number;
  count: number;
  headers: readonly string[];
}

const USAGE_HEADERS = LAYOUT3_HEADERS.slice(COL.assumed - 1, COL.usedFor);

/**
 * Layout 1 or 2 → layout 3, in the order to apply them. Right to left, so each `after` is a column
 * number of the old layout that earlier inserts have not moved; everything right of the last insert
 * (Cluster, Updated, Version and any columns people added) shifts right together. From layout 1 the
 * usage columns go in with Access duration, so the tab still takes three inserts.
 */
export function upgradeInserts(from: 'layout1' | 'layout2'): readonly ColumnInsert[] {
  if (from === 'layout2') return [after(LAYOUT2_HEADERS, 'Access duration', USAGE_HEADERS)];
  return [
    after(LAYOUT1_HEADERS, 'Access expires', ['Access duration', ...USAGE_HEADERS]),
    after(LAYOUT1_HEADERS, 'Request expires', ['Access starts']),
    after(LAYOUT1_HEADERS, 'Resolution', ['Decided by', 'Decided', 'Time to decision']),
  ];
}

function after(old: readonly string[], header: string, headers: readonly string[]): ColumnInsert {
  return { after: old.indexOf(header) + 1, count: headers.length, headers };
}
