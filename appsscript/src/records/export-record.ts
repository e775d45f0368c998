// The record of an evidence export (contract §15): a sealed History event `exported` naming the tab
// and its digest, written where no editor can make a row that passes for the script's. Verify
// evidence compares the tab with it as well as with the digest the tab itself carries.
import { HISTORY_COL } from '../ledger/layout.js';
import { isSealed } from '../ledger/history-seal.js';
import type { HistoryEvent } from '../ledger/history.js';
import { isDate } from '../rows/render.js';
import type { Mac } from '../rows/rowmeta.js';

const detailOf = (tab: string, digest: string) => `${tab}: SHA-256 ${digest}`;

export function exportEvent(tab: string, digest: string, at: Date, by: string | null): HistoryEvent {
  return {
    ...{ time: at, cluster: '', requestId: '', user: '', roles: '', event: 'exported' },
    ...{ by: by ?? '', detail: detailOf(tab, digest), key: `evidence/${tab}/${at.toISOString()}` },
  };
}

/** The digest of the tab's latest sealed export record, or null when none is sealed. */
export function recordedDigest(history: readonly (readonly unknown[])[], tab: string, mac: Mac): string | null {
  const prefix = detailOf(tab, '');
  let found: { at: number; digest: string } | null = null;
  for (const row of history) {
    const detail = row[HISTORY_COL.detail - 1];
    if (row[HISTORY_COL.event - 1] !== 'exported' || typeof detail !== 'string' || !detail.startsWith(prefix)) continue;
    const at = isDate(row[HISTORY_COL.time - 1]) ? (row[HISTORY_COL.time - 1] as Date).getTime() : -Infinity;
    if (isSealed(row, mac) && (!found || at >= found.at)) found = { at, digest: detail.slice(prefix.length) };
  }
  return found?.digest ?? null;
}
