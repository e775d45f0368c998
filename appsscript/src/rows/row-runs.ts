// Which rows of a plan are written together. Rows close together are written as one block, the
// unwritten rows between them read and written back unchanged; rows far apart (a decision on an old
// row beside a new request at the end) are written as blocks of their own, so a batch never reads
// and rewrites the tens of thousands of rows between them.

/**
 * The widest gap bridged: another block costs about five calls (≈ 0.6 s modelled: a range, maybe a
 * read, the write, the links' range and rich text), while 300 rows of 26 cells read and written back
 * cost less than that (test/gas/cost-model.ts).
 */
export const MAX_BRIDGED_ROWS = 300;

export interface RowRun {
  first: number;
  last: number;
  /** The run holds rows whose other cells must be read so they can be written back unchanged. */
  needsRead: boolean;
}

/** The runs of `rows` (any order); `rendered(row)` says whether the row's whole cells are drawn. */
export function rowRuns(rows: Iterable<number>, rendered: (row: number) => boolean): RowRun[] {
  const runs: RowRun[] = [];
  for (const row of [...new Set(rows)].sort((a, b) => a - b)) {
    const last = runs[runs.length - 1];
    if (last && row - last.last - 1 <= MAX_BRIDGED_ROWS) {
      last.needsRead ||= row > last.last + 1 || !rendered(row);
      last.last = row;
    } else runs.push({ first: row, last: row, needsRead: !rendered(row) });
  }
  return runs;
}
