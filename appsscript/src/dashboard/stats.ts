// The few statistics the Dashboard shows, defined once so every table agrees.

export const ascending = (a: number, b: number): number => a - b;

/** Nearest-rank percentile: the value at rank ⌈p/100 × n⌉ of the sorted values; null when there are none. */
export function nearestRank(values: readonly number[], p: number): number | null {
  return nearestRankOfSorted([...values].sort(ascending), p);
}

/** nearestRank of values already in ascending order, so one sort serves several percentiles. */
export function nearestRankOfSorted(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

export function median(values: readonly number[]): number | null {
  return nearestRank(values, 50);
}

/** part ÷ whole as a fraction of 1, or null when the whole is empty (the cell stays empty). */
export function share(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}
