// The main tab's columns: layout 3 (contract §14, 26 columns), and the look Reformat gives them.
import { COL, HEADERS } from '../ledger/layout.js';

export const COLUMN_COUNT = HEADERS.length;

export const LINK_LABEL = 'View in Teleport';
export const DATE_COLUMNS: readonly number[] = [
  COL.created,
  COL.decided,
  COL.requestExpires,
  COL.accessStarts,
  COL.accessExpires,
  COL.assumed,
  COL.firstUsed,
  COL.lastUsed,
  COL.updated,
];
export const DURATION_COLUMNS: readonly number[] = [COL.timeToDecision, COL.accessDuration];

export const COLUMN_WIDTHS: readonly number[] = [
  ...[280, 130, 160, 180, 100, 120, 300, 260, 300, 240, 160, 130, 110, 180, 130, 130, 130, 110],
  ...[130, 130, 130, 80, 120],
  ...[160, 130, 80],
];

export const STATUS_COLOURS: Readonly<Record<string, string>> = {
  PENDING: '#fff2cc',
  APPROVED: '#d9ead3',
  PROMOTED: '#d0e0e3',
  DENIED: '#f4cccc',
  EXPIRED: '#efefef',
  NONE: '#ffffff',
};
