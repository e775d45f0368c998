// The few statistics the Dashboard shows, defined once so every table agrees.

/** Nearest-rank percentile: the value at rank ⌈p/100 × n⌉ of the sorted values; null when there are none. */
export function nearestRank(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
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
