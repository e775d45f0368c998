// The Dashboard's usage figures (contract §13–§14). A cluster whose relay does not read the audit
// log leaves every First used empty, which would read as "never used": only clusters known to read
// usage count — a relay says so in its heartbeat, has sent usage ops, or a row of the cluster holds usage.
import type { MainRow, RelayContact } from '../records/rows.js';
import type { Window } from './recent.js';

/** The look-back of "Approved, never used": access that ended in the last 30 days. */
export const NEVER_USED_DAYS = 30;

export function usageClusters(rows: readonly MainRow[], relays: readonly RelayContact[]): ReadonlySet<string> {
  const clusters = new Set<string>();
  for (const relay of relays) if (relay.readsUsage) clusters.add(relay.cluster);
  for (const row of rows) if (row.sessions !== null) clusters.add(row.cluster);
  return clusters;
}

/** Granted access: APPROVED, or PROMOTED to an access list. */
export function granted(row: Pick<MainRow, 'status'>): boolean {
  return row.status === 'APPROVED' || row.status === 'PROMOTED';
}

/** Granted requests whose access ended in the last 30 days with no use seen; null when no cluster reads usage. */
export function approvedNeverUsed(rows: readonly MainRow[], clusters: ReadonlySet<string>, win: Window): number | null {
  if (clusters.size === 0) return null;
  let count = 0;
  for (const row of rows) {
    const ended = win.within(row.accessExpires, NEVER_USED_DAYS);
    if (ended && granted(row) && row.firstUsed === null && clusters.has(row.cluster)) count += 1;
  }
  return count;
}
