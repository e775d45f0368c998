// The record of an archive in the live History (contract §9's tab, one event `archived` per
// archive spreadsheet, keyed by its id so it is written once however often Archive… resumes).
// Where seals (contract §15) seal History rows, this event is sealed like every other.
import type { Workbook } from '../gas/platform.js';
import type { HistoryEvent } from '../ledger/history.js';
import { HISTORY_COL, HISTORY_SHEET_NAME } from '../ledger/layout.js';

export interface ArchiveFacts {
  id: string;
  label: string;
  digest: string;
  requests: number;
  made: Date;
  by: string;
}

const keyOf = (spreadsheetId: string) => `archive/${spreadsheetId}`;

export function archiveEvent(f: ArchiveFacts): HistoryEvent {
  return {
    ...{ time: f.made, cluster: '', requestId: '', user: '', roles: '', event: 'archived', by: f.by },
    ...{ detail: `${f.requests} requests ${f.label}: SHA-256 ${f.digest}`, key: keyOf(f.id) },
  };
}

/** Whether the live History already records this archive (one read of the Key column). */
export function hasArchiveEvent(live: Workbook, spreadsheetId: string): boolean {
  const tab = live.tab(HISTORY_SHEET_NAME);
  if (!tab.exists()) return false;
  const last = tab.lastRow();
  if (last < 2) return false;
  const key = keyOf(spreadsheetId);
  return tab
    .range(2, HISTORY_COL.key, last - 1, 1)
    .values()
    .some((row) => row[0] === key);
}
