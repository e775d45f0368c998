// The Dashboard tab as a grid. Every table has a fixed place, so charts created once keep
// drawing the same ranges while a refresh rewrites only values: the adapter writes the grid
// from A1 and clears the rows below it, and never touches the charts again.
import type { DashboardModel, Figures } from './model.js';
import { COUNT_FORMAT, DAY_FORMAT, PERCENT_FORMAT, a1, emptyGrid, putRow, type Grid } from './grid.js';
import { DATE_TIME_FORMAT, DURATION_FORMAT } from '../ledger/layout.js';
import { TOP_ROLES, WAITING_ROWS, WEEKS } from './tables.js';

export const DASHBOARD_TAB = 'Dashboard';
export const DASHBOARD_WIDTH = 10;

export interface Block {
  /** The title's row; the header is the next row, data starts the row after. */
  row: number;
  col: number;
  width: number;
  /** Data rows reserved; null for the tables at the bottom, which grow downwards. */
  capacity: number | null;
}

export type BlockName = 'figures' | 'capacity' | 'weeks' | 'roles' | 'waiting' | 'clusters' | 'reviewers';

export const BLOCKS: Readonly<Record<BlockName, Block>> = {
  figures: { row: 4, col: 1, width: 3, capacity: 12 },
  capacity: { row: 4, col: 5, width: 2, capacity: 4 },
  weeks: { row: 18, col: 1, width: 7, capacity: WEEKS },
  roles: { row: 34, col: 1, width: 7, capacity: TOP_ROLES },
  waiting: { row: 53, col: 1, width: 5, capacity: WAITING_ROWS },
  clusters: { row: 67, col: 1, width: 4, capacity: null },
  reviewers: { row: 67, col: 6, width: 5, capacity: null },
};

export interface ChartSpec {
  name: 'weeks' | 'roles';
  /** Charts.ChartType member. */
  type: 'COLUMN' | 'BAR';
  stacked: boolean;
  title: string;
  /** Header row included (numHeaders 1). */
  ranges: string[];
  anchorRow: number;
  anchorCol: number;
  /** setOption name → value (not validated by the platform). */
  options: Record<string, unknown>;
}

export interface DashboardGrid extends Grid {
  blocks: Readonly<Record<BlockName, Block>>;
  charts: ChartSpec[];
}

const dataRange = (b: Block, cols: number, offset = 0) => a1(b.row + 1, b.col + offset, (b.capacity ?? 0) + 1, cols);

export const CHARTS: readonly ChartSpec[] = [
  {
    name: 'weeks',
    type: 'COLUMN',
    stacked: true,
    title: 'Requests per week, by current status',
    ranges: [dataRange(BLOCKS.weeks, BLOCKS.weeks.width)],
    anchorRow: BLOCKS.weeks.row,
    anchorCol: 9,
    options: { width: 640, height: 320, legend: { position: 'right' }, treatLabelsAsText: true },
  },
  {
    name: 'roles',
    type: 'BAR',
    stacked: false,
    title: 'Requests per role, last 30 days',
    ranges: [dataRange(BLOCKS.roles, 2)],
    anchorRow: BLOCKS.roles.row,
    anchorCol: 9,
    options: { width: 640, height: 360, legend: { position: 'none' } },
  },
];

type Value = string | number | Date | null;
type FigureLine = [label: string, value: (f: Figures) => Value, format: string, meaning: string];

const FIGURES: readonly FigureLine[] = [
  ['Pending now', (f) => f.pendingNow, COUNT_FORMAT, 'requests with Status PENDING'],
  ['Pending for over 24 hours', (f) => f.pendingOver24h, COUNT_FORMAT, 'PENDING and created over 24 hours ago'],
  ['Oldest pending', (f) => f.oldestPending, DURATION_FORMAT, 'how long the oldest PENDING request has waited'],
  ['Requests, last 7 days', (f) => f.created7d, COUNT_FORMAT, 'created in the 7 × 24 hours before the refresh'],
  ['Requests, last 30 days', (f) => f.created30d, COUNT_FORMAT, 'created in the 30 × 24 hours before the refresh'],
  ['Approval rate, last 30 days', (f) => f.approvalRate30d, PERCENT_FORMAT, '(approved + promoted) ÷ decided'],
  ['Time to decision, median', (f) => f.decisionMedian30d, DURATION_FORMAT, 'requests created in the last 30 days'],
  ['Time to decision, 90th percentile', (f) => f.decisionP90_30d, DURATION_FORMAT, 'nearest rank, last 30 days'],
  ['Expired without a decision', (f) => f.expired30d, COUNT_FORMAT, 'Status EXPIRED, created in the last 30 days'],
  ['Decided automatically', (f) => f.automatic30d, PERCENT_FORMAT, 'share of decided with an @ author in Decided by'],
  ['Decided with no review', (f) => f.noReview30d, PERCENT_FORMAT, 'share of decided with Decided by (no review)'],
  [
    'Approved, never used',
    (f) => f.neverUsed30d,
    COUNT_FORMAT,
    'approved or promoted, access ended in the last 30 days, no First used (clusters whose relay reads usage)',
  ],
];

/** The spreadsheet's room (contract §12), as tabs/capacity-view.ts words it. */
export interface CapacityLines {
  cells: string;
  forecast: string;
  archived: string;
  /** Empty below 80 % of the limit. */
  warning: string;
}

export const LEFT_OUT = 'Left out';
const LEFT_OUT_WHY = 'not as the script wrote them (typed over, pasted or unsealed): see docs/integrity.md';

export function layoutDashboard(model: DashboardModel, capacity: CapacityLines | null = null): DashboardGrid {
  const grid = emptyGrid(BLOCKS.clusters.row + 1, DASHBOARD_WIDTH);
  putRow(grid, 1, 1, ['Access requests dashboard']);
  putRow(grid, 2, 1, ['Refreshed', model.refreshed, `time zone ${model.zone}`]);
  grid.formats.push({ range: 'B2', format: DATE_TIME_FORMAT });
  const { rows, events } = model.left;
  if (rows + events > 0) putRow(grid, 3, 1, [LEFT_OUT, `${rows} request rows, ${events} History rows`, LEFT_OUT_WHY]);
  grid.bold.push('A1');
  const figures = table(grid, BLOCKS.figures, 'Figures', ['Figure', 'Value', 'What it counts']);
  FIGURES.forEach(([label, value, format, meaning], i) => {
    putRow(grid, figures + i, 1, [label, value(model.figures), meaning]);
    grid.formats.push({ range: a1(figures + i, 2), format });
  });
  if (capacity) capacityBlock(grid, capacity);
  weeks(grid, model);
  roles(grid, model);
  waiting(grid, model);
  clusters(grid, model);
  reviewers(grid, model);
  return { ...grid, blocks: BLOCKS, charts: CHARTS.map((chart) => ({ ...chart })) };
}

/** Title and header of a block; returns the first data row. Formats cover a column's reserved rows. */
function table(grid: Grid, block: Block, title: string, headers: readonly string[]): number {
  putRow(grid, block.row, block.col, [title]);
  putRow(grid, block.row + 1, block.col, headers);
  grid.bold.push(a1(block.row, block.col), a1(block.row + 1, block.col, 1, headers.length));
  return block.row + 2;
}

function formatColumn(grid: Grid, block: Block, offset: number, rows: number, format: string): void {
  if (rows > 0) grid.formats.push({ range: a1(block.row + 2, block.col + offset, rows, 1), format });
}

function capacityBlock(grid: Grid, c: CapacityLines): void {
  const b = BLOCKS.capacity;
  const first = table(grid, b, 'Capacity of this spreadsheet', ['Measure', 'Now']);
  putRow(grid, first, b.col, ['Grid cells used', c.cells]);
  putRow(grid, first + 1, b.col, ['Forecast', c.forecast]);
  putRow(grid, first + 2, b.col, ['Archived', c.archived]);
  if (c.warning !== '') {
    putRow(grid, first + 3, b.col, ['Warning', c.warning]);
    grid.bold.push(a1(first + 3, b.col, 1, 2));
  }
}

function weeks(grid: Grid, model: DashboardModel): void {
  const b = BLOCKS.weeks;
  const first = table(grid, b, 'Requests per week (week of Created, current Status)', [
    ...['Week', 'Approved', 'Promoted', 'Denied', 'Expired', 'Pending', 'Other'],
  ]);
  model.weeks.forEach((w, i) => {
    putRow(grid, first + i, b.col, [w.start, w.approved, w.promoted, w.denied, w.expired, w.pending, w.other]);
  });
  formatColumn(grid, b, 0, WEEKS, DAY_FORMAT);
}

function roles(grid: Grid, model: DashboardModel): void {
  const b = BLOCKS.roles;
  const first = table(grid, b, 'Roles, last 30 days (top 15)', [
    ...['Role', 'Requests', 'Approved', 'Denied', 'Approval rate', 'Median time to decision', 'Used'],
  ]);
  model.roles.forEach((r, i) => {
    const cells = [r.role, r.requests, r.approved, r.denied, r.approvalRate, r.medianDecision, r.used];
    putRow(grid, first + i, b.col, cells);
  });
  formatColumn(grid, b, 4, TOP_ROLES, PERCENT_FORMAT);
  formatColumn(grid, b, 5, TOP_ROLES, DURATION_FORMAT);
  formatColumn(grid, b, 6, TOP_ROLES, PERCENT_FORMAT);
}

function waiting(grid: Grid, model: DashboardModel): void {
  const b = BLOCKS.waiting;
  const first = table(grid, b, 'Waiting longest', ['ID', 'User', 'Roles', 'Waiting', 'Cluster']);
  model.waiting.forEach((w, i) => {
    putRow(grid, first + i, b.col, [w.id, w.user, w.roles.join(', '), w.waiting, w.cluster]);
    if (w.link !== null) grid.links.push({ row: first + i, col: b.col, text: w.id, url: w.link });
  });
  formatColumn(grid, b, 3, WAITING_ROWS, DURATION_FORMAT);
}

function clusters(grid: Grid, model: DashboardModel): void {
  const b = BLOCKS.clusters;
  const first = table(grid, b, 'Clusters', ['Cluster', 'Pending', 'Requests, last 30 days', 'Relay last heard from']);
  model.clusters.forEach((c, i) => {
    putRow(grid, first + i, b.col, [c.cluster, c.pending, c.requests30d, c.lastContact]);
  });
  formatColumn(grid, b, 3, model.clusters.length, DATE_TIME_FORMAT);
}

function reviewers(grid: Grid, model: DashboardModel): void {
  const b = BLOCKS.reviewers;
  const first = table(grid, b, 'Reviewers, last 30 days', [
    ...['Reviewer', 'Reviews', 'Approvals', 'Denials', 'Median time to review'],
  ]);
  model.reviewers.forEach((r, i) => {
    putRow(grid, first + i, b.col, [r.reviewer, r.reviews, r.approvals, r.denials, r.medianReview]);
  });
  formatColumn(grid, b, 4, model.reviewers.length, DURATION_FORMAT);
}
