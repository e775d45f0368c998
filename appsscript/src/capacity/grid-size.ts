// How big the script makes the tabs it owns (contract §12: every grid cell counts against the
// spreadsheet's 10,000,000, empty ones included). A tab is created as small as it can be and grows
// in steps proportional to what it holds, capped, so the empty rows waiting below stay few.

/** Rows a new tab keeps once trimmed (Google makes 1,000): enough for the header and a first batch or two. */
export const NEW_TAB_ROWS = 100;

const SLACK_SHARE = 0.05;
const MIN_SLACK_ROWS = 100;
const MAX_SLACK_ROWS = 2000;

/**
 * Rows to insert so that row `lastNeeded` fits a grid of `gridRows`: 0 when it fits, else what is
 * missing plus a twentieth of the tab (100 to 2,000 rows), so most batches never pay for a growth.
 */
export function rowsToGrow(gridRows: number, lastNeeded: number): number {
  if (lastNeeded <= gridRows) return 0;
  const slack = Math.min(MAX_SLACK_ROWS, Math.max(MIN_SLACK_ROWS, Math.ceil(lastNeeded * SLACK_SHARE)));
  return lastNeeded - gridRows + slack;
}
