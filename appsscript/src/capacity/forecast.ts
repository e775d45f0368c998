// Capacity in sight: grid cells used of Google's limit, and when the spreadsheet fills at the pace
// of the last 30 days. Pure: the samples come from stores/grid-store.ts.
import { GRID_CELL_LIMIT } from '../../../proto/contract.js';
import { DAY_MS } from '../records/zone.js';

/** One measurement of the whole spreadsheet's grid. */
export interface GridSample {
  at: number;
  cells: number;
}

export const PACE_DAYS = 30;
/** The Dashboard warns from these shares of the limit on. */
export const WARN_SHARES = [0.8, 0.9] as const;

export interface Capacity {
  cells: number;
  limit: number;
  /** cells ÷ limit. */
  share: number;
  /** Days until full at the pace of the samples of the last 30 days; null when not filling or not known yet. */
  fullInDays: number | null;
  /** 0 below 80 %, else the highest warning share reached. */
  warning: 0 | (typeof WARN_SHARES)[number];
}

/** The pace from the oldest sample of the last 30 days (at least a day old) to `now`'s. */
export function capacityAt(now: GridSample, samples: readonly GridSample[], limit = GRID_CELL_LIMIT): Capacity {
  const since = samples
    .filter((s) => s.at >= now.at - PACE_DAYS * DAY_MS && s.at <= now.at - DAY_MS)
    .sort((a, b) => a.at - b.at)[0];
  const perDay = since ? (now.cells - since.cells) / ((now.at - since.at) / DAY_MS) : 0;
  const share = now.cells / limit;
  const warning = [...WARN_SHARES].reverse().find((w) => share >= w) ?? 0;
  return {
    cells: now.cells,
    limit,
    share,
    fullInDays: perDay > 0 ? Math.max(0, (limit - now.cells) / perDay) : null,
    warning,
  };
}

const count = (n: number) => Math.round(n).toLocaleString('en-US');

/** "4,210,000 of 10,000,000 grid cells (42 %)". */
export function cellsLine(c: Capacity): string {
  return `${count(c.cells)} of ${count(c.limit)} grid cells (${Math.floor(c.share * 100)} %)`;
}

/** "full in about 140 days at the last 30 days' pace", or why there is no forecast. */
export function forecastLine(c: Capacity): string {
  if (c.fullInDays === null) return 'not filling at the last 30 days’ pace (or measured for less than a day)';
  return `full in about ${count(Math.max(1, c.fullInDays))} days at the last 30 days’ pace`;
}

/** What to do, from 80 % on; empty below. */
export function warningLine(c: Capacity): string {
  if (c.warning === 0) return '';
  return (
    `Warning: the spreadsheet is over ${c.warning * 100} % full. Run Teleport → Archive… (owner) to move ` +
    'old requests out, or delete tabs you no longer need; at the limit the sheet stops taking updates.'
  );
}
