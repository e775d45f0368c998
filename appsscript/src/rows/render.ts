// Request → the 26 cells of its row (contract §4, §8, §14). Text is written with a leading apostrophe so
// Sheets stores it literally (never a formula, number, boolean or date); the apostrophe is not
// part of the stored value, but Sheets counts it against the cell limit of what is typed, so text
// is cut to leave room for it: a write that throws would block the relay's batch forever.
import {
  MAX_CELL_CHARS,
  TRUNCATION_MARKER,
  type Request,
  type ResourceRef,
  type Review,
  type RowStatus,
} from '../../../proto/contract.js';
import { COLUMN_COUNT, LINK_LABEL } from './columns.js';
import type { Decision } from '../ledger/decision.js';
import { COL } from '../ledger/layout.js';
import { kindsText, type UsageMark } from '../ledger/usage.js';

/** What setValues receives: a literal-text string ("'..."), '' for empty, a date, or a number of days. */
export type Cell = string | Date | number;

export const MAX_TEXT_CHARS = MAX_CELL_CHARS - 1;

export function truncate(text: string): string {
  if (text.length <= MAX_TEXT_CHARS) return text;
  let cut = MAX_TEXT_CHARS - TRUNCATION_MARKER.length;
  const last = text.charCodeAt(cut - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut -= 1; // never split a surrogate pair
  return text.slice(0, cut) + TRUNCATION_MARKER;
}

export function literal(text: string): Cell {
  return text === '' ? '' : "'" + truncate(text);
}

export function dateCell(iso: string | null): Cell {
  if (iso === null) return '';
  const date = new Date(iso);
  return isNaN(date.getTime()) ? '' : date;
}

export function resourceLine(resource: ResourceRef, rowCluster: string): string {
  const prefix = resource.cluster !== '' && resource.cluster !== rowCluster ? `${resource.cluster}:` : '';
  const sub = resource.subResource !== '' ? `/${resource.subResource}` : '';
  return `${prefix}${resource.kind}/${resource.name}${sub}`;
}

export function reviewLine(review: Review): string {
  return `${review.author}: ${review.state}` + (review.reason !== '' ? ` — ${review.reason}` : '');
}

export interface RowContext {
  cluster: string;
  status: RowStatus;
  updated: Date;
  version: string;
  hasLink: boolean;
  decision: Decision;
}

const orEmpty = <T extends Cell>(value: T | null): Cell => value ?? '';

/** The usage columns (§14), left to right; all empty before the row's first usage op. */
export function usageCells(usage: UsageMark | null): Cell[] {
  if (!usage) return ['', '', '', '', ''];
  const { assumed, firstUsed, lastUsed, sessions, kinds } = usage;
  return [dateCell(assumed), dateCell(firstUsed), dateCell(lastUsed), sessions, literal(kindsText(kinds))];
}

/** The usage cells are left empty here: they come from the row's bookkeeping (compose.ts writes them). */
export function renderRow(request: Request, ctx: RowContext): Cell[] {
  const cells: Cell[] = new Array<Cell>(COLUMN_COUNT).fill('');
  const set = (col: number, cell: Cell) => {
    cells[col - 1] = cell;
  };
  set(COL.id, literal(request.id));
  set(COL.created, dateCell(request.created));
  set(COL.user, literal(request.user));
  set(COL.roles, literal(request.roles.join(', ')));
  set(COL.status, literal(ctx.status));
  set(COL.link, ctx.hasLink ? literal(LINK_LABEL) : '');
  set(COL.reason, literal(request.reason));
  set(COL.resources, literal(request.resources.map((r) => resourceLine(r, ctx.cluster)).join('\n')));
  set(COL.reviews, literal(request.reviews.map(reviewLine).join('\n')));
  set(COL.resolution, literal(request.resolveReason));
  set(COL.decidedBy, literal(ctx.decision.decidedBy));
  set(COL.decided, orEmpty(ctx.decision.decided));
  set(COL.timeToDecision, orEmpty(ctx.decision.timeToDecision));
  set(COL.reviewers, literal(request.suggestedReviewers.join(', ')));
  set(COL.requestExpires, dateCell(request.requestExpires));
  set(COL.accessStarts, orEmpty(ctx.decision.accessStarts));
  set(COL.accessExpires, dateCell(request.accessExpires));
  set(COL.accessDuration, orEmpty(ctx.decision.accessDuration));
  set(COL.cluster, literal(ctx.cluster));
  set(COL.updated, ctx.updated);
  set(COL.version, literal(ctx.version));
  return cells;
}

/** A value read back by getValues, made safe to write again unchanged (strings lose their apostrophe on read). */
export function rewritable(value: unknown): Cell | number | boolean {
  if (typeof value === 'string') return literal(value);
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  if (isDate(value)) return value;
  return value === null || value === undefined ? '' : literal(String(value));
}

/** Dates may come from another realm (the script's), so instanceof is not enough. */
export function isDate(value: unknown): value is Date {
  return Object.prototype.toString.call(value) === '[object Date]';
}
