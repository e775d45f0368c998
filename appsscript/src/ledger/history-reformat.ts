// Reformat's only changes to the append-only History tab (contract §9): drop rows whose key was
// already recorded (an execution killed between its writes can append an event twice) and sort
// newest first. Rows are the values read from the tab below its header, in tab order.
import { HISTORY_COL } from './layout.js';

export interface ReformattedHistory<R> {
  rows: R[];
  removed: number;
}

/**
 * A sealed row is never dropped in favour of an unsealed one (contract §15): of a key's sealed rows
 * the first is kept, and an unsealed row carrying a key a sealed row holds is a copy or a forgery.
 * Other unsealed rows are not events the sheet wrote; they are kept as they are.
 */
export function reformatHistory<R extends readonly unknown[]>(
  rows: readonly R[],
  sealed: (row: R) => boolean,
): ReformattedHistory<R> {
  const keyOf = (row: R) => {
    const key = row[HISTORY_COL.key - 1];
    return typeof key === 'string' && key !== '' ? key : null;
  };
  const isSealed = rows.map(sealed);
  const held = new Set(rows.filter((_, i) => isSealed[i]).map(keyOf));
  const seen = new Set<string>();
  const kept: { row: R; time: number; index: number }[] = [];
  rows.forEach((row, index) => {
    const key = keyOf(row);
    if (key !== null && isSealed[index]) {
      if (seen.has(key)) return;
      seen.add(key);
    } else if (key !== null && held.has(key)) return;
    kept.push({ row, time: timeOf(row[HISTORY_COL.time - 1]), index });
  });
  kept.sort((a, b) => b.time - a.time || a.index - b.index);
  return { rows: kept.map((k) => k.row), removed: rows.length - kept.length };
}

/** Milliseconds; a cell that is not a date sorts after every dated row. */
function timeOf(cell: unknown): number {
  // Dates read by the script may come from another realm, so instanceof is not enough.
  if (Object.prototype.toString.call(cell) !== '[object Date]') return -Infinity;
  const ms = (cell as Date).getTime();
  return isNaN(ms) ? -Infinity : ms;
}
