// What one spreadsheet service call costs in Apps Script time, modelled from published
// measurements, so that a constant number of calls that moves millions of cells is seen as slow.
//
// Sources (published measurements; docs/capacity.md says how the model uses them):
// - "Cost per cell, and the 10,000,000-cell grid": Kanshi Tanaike's benchmarks 2018–2022, averages
//   of 100+ runs, read from his charts (±15 %):
//   getValues ≈ 0.2 s a call + ~10 µs a cell (20,000 cells ≈ 0.38 s, 100,000 ≈ 1.0 s,
//   200,000 ≈ 2.1 s, 1,000,000 ≈ 12 s); setValues 0.1–0.25 s up to ~15,000 cells, then a step to
//   ~1.3 s + ~60 µs a cell (200,000 ≈ 13 s, 300,000 ≈ 17 s); appendRow ≈ 0.11 s whatever the width;
//   getMaxRows/getMaxColumns and one-cell reads on a 10 M-cell file ≈ 0.3 s;
//   TextFinder.findAll over 10 M cells ≈ 15 s.
// - "Cost model": ≈ 80 ms a call when reads and writes interleave, ≈ 160 ms a getLastRow(),
//   flush() ≈ 600 ms.
// Assumptions where nothing was measured, named so they can be checked on a real spreadsheet:
// getDisplayValues/getRichTextValues/getFormulas/getNumberFormats/getBackgrounds read as getValues
// does ("assume at least the same"); block writes other than setValues (setRichTextValues,
// setNumberFormats, setBackgrounds, setFormulas) write as setValues does; metadata calls scale
// linearly with the file's grid, from their small-file cost to 0.3 s at 10 M cells; a flush with no
// write pending costs an ordinary call; creating a spreadsheet costs as a flush does (a Drive file
// is made); every other call (insertRowsAfter, sort, formats applied to a whole range, getters) costs
// the ordinary 80 ms.

export const GRID_LIMIT_CELLS = 10_000_000;
/** Apps Script's limit on one execution (6 minutes). */
export const EXECUTION_LIMIT_SECONDS = 360;

export const COST = {
  callSeconds: 0.08,
  read: { callSeconds: 0.2, cellSeconds: 10e-6 },
  write: {
    smallFirstSeconds: 0.1,
    smallLastSeconds: 0.25,
    stepCells: 15_000,
    largeSeconds: 1.3,
    cellSecondsBeyondStep: 60e-6,
  },
  appendRowSeconds: 0.11,
  /** Cost at an empty file and at a full (10 M-cell) one; linear in between. */
  metadata: { smallSeconds: 0.08, fullSeconds: 0.3 },
  lastRow: { smallSeconds: 0.16, fullSeconds: 0.3 },
  singleRead: { smallSeconds: 0.2, fullSeconds: 0.3 },
  find: { callSeconds: 0.08, cellSeconds: 15 / GRID_LIMIT_CELLS },
  flushSeconds: 0.6,
  createSeconds: 0.6,
} as const;

export function readSeconds(cells: number): number {
  return COST.read.callSeconds + COST.read.cellSeconds * cells;
}

export function writeSeconds(cells: number): number {
  const w = COST.write;
  if (cells <= w.stepCells)
    return w.smallFirstSeconds + ((w.smallLastSeconds - w.smallFirstSeconds) * cells) / w.stepCells;
  return w.largeSeconds + w.cellSecondsBeyondStep * (cells - w.stepCells);
}

/** A cost that grows with the file: `small` on an empty file, `full` at the grid limit. */
export function bySize(cost: { smallSeconds: number; fullSeconds: number }, fileCells: number): number {
  const share = Math.min(1, Math.max(0, fileCells / GRID_LIMIT_CELLS));
  return cost.smallSeconds + (cost.fullSeconds - cost.smallSeconds) * share;
}

export function findSeconds(cellsSearched: number): number {
  return COST.find.callSeconds + COST.find.cellSeconds * cellsSearched;
}
