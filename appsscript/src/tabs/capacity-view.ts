// Capacity in sight (contract §12): the lines the Dashboard and Relay status show, from the grid
// last measured and the archives the Exports tab lists. No spreadsheet call.
import { capacityAt, cellsLine, forecastLine, warningLine } from '../capacity/forecast.js';
import type { CapacityLines } from '../dashboard/layout.js';
import type { Platform } from '../gas/platform.js';
import { gridRecord } from '../stores/grid-store.js';
import { EXPORTS_TAB, type ListedExport } from './exports-tab.js';

const count = (n: number) => n.toLocaleString('en-US');

/** The archives the Exports tab lists, on one line. */
export function archivedLine(listed: readonly ListedExport[]): string {
  const archives = listed.filter((e) => e.kind === 'archive');
  if (archives.length === 0) return 'none yet';
  const requests = archives.reduce((sum, e) => sum + e.requests, 0);
  const n = archives.length === 1 ? '1 archive' : `${count(archives.length)} archives`;
  return `${count(requests)} requests in ${n} (listed on the ${EXPORTS_TAB} tab)`;
}

/** Null before the grid was ever measured. */
export function dashboardCapacity(
  p: Pick<Platform, 'scriptProperties' | 'scriptCache'>,
  now: number,
  listed: readonly ListedExport[],
): CapacityLines | null {
  const record = gridRecord(p);
  if (!record) return null;
  const capacity = capacityAt({ at: Math.min(now, record.measured.at), cells: record.cells }, record.days);
  return {
    cells: cellsLine(capacity),
    forecast: forecastLine(capacity),
    archived: archivedLine(listed),
    warning: warningLine(capacity),
  };
}
