// Capacity in sight (contract §12): the lines the Dashboard and Relay status show, from the grid
// last measured and the archives finished. No spreadsheet call.
import { capacityAt, cellsLine, forecastLine, warningLine } from '../capacity/forecast.js';
import type { CapacityLines } from '../dashboard/layout.js';
import type { Platform } from '../gas/platform.js';
import { archivedTotals } from '../stores/archive-store.js';
import { gridRecord } from '../stores/grid-store.js';

const count = (n: number) => n.toLocaleString('en-US');

export function archivedLine(p: Pick<Platform, 'scriptProperties'>): string {
  const t = archivedTotals(p);
  if (t.archives === 0) return 'none yet';
  const archives = t.archives === 1 ? '1 archive' : `${count(t.archives)} archives`;
  return `${count(t.requests)} requests in ${archives} (listed on the Exports tab)`;
}

/** Null before the grid was ever measured. */
export function dashboardCapacity(
  p: Pick<Platform, 'scriptProperties' | 'scriptCache'>,
  now: number,
): CapacityLines | null {
  const record = gridRecord(p);
  if (!record) return null;
  const capacity = capacityAt({ at: Math.min(now, record.measured.at), cells: record.cells }, record.days);
  return {
    cells: cellsLine(capacity),
    forecast: forecastLine(capacity),
    archived: archivedLine(p),
    warning: warningLine(capacity),
  };
}
