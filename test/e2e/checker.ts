// The end-to-end oracle: does the sheet equal Teleport's state, and does its History hold what
// happened? Written independently of the sheet's own renderer, from contract §4 and §8–§9, so a
// rendering bug cannot hide itself. Rows are keyed by (cluster, id): another cluster's rows are not
// this cluster's business.
import { MAX_CELL_CHARS, SHEET_NAME, TRUNCATION_MARKER } from '../../proto/contract.js';
import type { GasRuntime } from '../gas/runtime.js';
import type { FakeSheet as Sheet } from '../gas/sheet.js';
import type { StandInRequest } from '../teleport/server.js';
import type { JournalEntry } from '../teleport/store.js';
import { checkHistory } from './history-checker.js';

export interface Verdict {
  ok: boolean;
  /** Requests in Teleport, each compared field by field with its row. */
  compared: number;
  rows: number;
  duplicates: string[];
  missing: string[];
  mismatches: string[];
  /** Rows of requests Teleport no longer has: they must not claim to be PENDING. */
  gone: number;
  /** What the History tab gets wrong against the stand-in's journal. */
  history: string[];
}

/** Layout 3 (contract §14): layout 2 (§8) with the usage columns inserted before Cluster. */
const COL = {
  id: 1,
  created: 2,
  user: 3,
  roles: 4,
  status: 5,
  link: 6,
  reason: 7,
  reviews: 9,
  resolution: 10,
  decidedBy: 11,
  suggested: 14,
  accessExpires: 17,
  cluster: 24,
} as const;
const TEXT_COLUMNS = [
  COL.id,
  COL.user,
  COL.roles,
  COL.status,
  COL.reason,
  COL.resolution,
  COL.decidedBy,
  COL.suggested,
  COL.cluster,
];

/** The text as sent, or — when it cannot fit a cell — a visibly marked prefix of it. */
export function isSameText(got: unknown, want: string): boolean {
  if (got === want) return true;
  if (typeof got !== 'string' || want.length < MAX_CELL_CHARS - 1 || got.length > MAX_CELL_CHARS) return false;
  return got.endsWith(TRUNCATION_MARKER) && want.startsWith(got.slice(0, -TRUNCATION_MARKER.length));
}

export function checkSheet(
  runtime: GasRuntime,
  requests: StandInRequest[],
  opts: { cluster: string; webUrl: string; journal: readonly JournalEntry[] },
): Verdict {
  const sheet = runtime.spreadsheet.getSheetByName(SHEET_NAME);
  const verdict: Verdict = {
    ok: false,
    compared: 0,
    rows: 0,
    duplicates: [],
    missing: [],
    mismatches: [],
    gone: 0,
    history: [],
  };
  const rowOf = new Map<string, number>();
  if (sheet) {
    for (let row = 2; row <= sheet.getLastRow(); row++) {
      if (sheet.cell(row, COL.cluster).value !== opts.cluster) continue;
      const id = String(sheet.cell(row, COL.id).value);
      if (rowOf.has(id)) verdict.duplicates.push(id);
      rowOf.set(id, row);
      verdict.rows++;
    }
  }
  const live = new Set(requests.map((r) => r.id));
  for (const request of requests) {
    const row = rowOf.get(request.id);
    if (row === undefined) {
      verdict.missing.push(request.id);
      continue;
    }
    verdict.compared++;
    verdict.mismatches.push(...compareRow(sheet!, row, request, opts));
  }
  for (const [id, row] of rowOf) {
    if (live.has(id)) continue;
    verdict.gone++;
    const status = sheet!.cell(row, COL.status).value;
    if (status === 'PENDING') verdict.mismatches.push(`${id}: gone from Teleport but still PENDING`);
  }
  verdict.history = checkHistory(runtime, opts.journal, opts.cluster, new Set(rowOf.keys()));
  verdict.ok =
    verdict.duplicates.length === 0 &&
    verdict.missing.length === 0 &&
    verdict.mismatches.length === 0 &&
    verdict.history.length === 0;
  return verdict;
}

function compareRow(sheet: Sheet, row: number, r: StandInRequest, opts: { cluster: string; webUrl: string }): string[] {
  const problems: string[] = [];
  const expect = (col: number, want: unknown, what: string) => {
    const got = valueAt(sheet, row, col);
    const same =
      want instanceof Date
        ? got instanceof Object && (got as Date).getTime?.() === want.getTime()
        : isSameText(got, want == null ? '' : String(want));
    if (!same) problems.push(`${r.id}: ${what} is ${preview(got)}, Teleport says ${preview(want)}`);
  };
  expect(COL.status, r.state, 'Status');
  expect(COL.user, r.user, 'User');
  expect(COL.roles, r.roles.join(', '), 'Roles');
  expect(COL.reason, r.reason, 'Reason');
  expect(COL.resolution, r.resolveReason, 'Resolution');
  expect(COL.suggested, r.suggestedReviewers.join(', '), 'Suggested reviewers');
  expect(COL.cluster, opts.cluster, 'Cluster');
  expect(COL.created, r.created, 'Created');
  expect(COL.accessExpires, r.accessExpires, 'Access expires');
  const approvers = r.reviews.filter((v) => v.state === r.state).map((v) => v.author);
  const decidedBy = ['APPROVED', 'DENIED', 'PROMOTED'].includes(r.state) ? approvers.join(', ') || '(no review)' : '';
  expect(COL.decidedBy, decidedBy, 'Decided by');
  const reviews = String(valueAt(sheet, row, COL.reviews));
  const lines = reviews === '' ? [] : reviews.split('\n');
  if (lines.length !== r.reviews.length)
    problems.push(`${r.id}: ${lines.length} review lines, Teleport has ${r.reviews.length} reviews`);
  r.reviews.forEach((review, i) => {
    if (!lines[i]?.startsWith(`${review.author}: ${review.state}`))
      problems.push(`${r.id}: review ${i + 1} reads ${preview(lines[i])}`);
  });
  for (const col of TEXT_COLUMNS) {
    const kind = sheet.cell(row, col).kind;
    if (kind !== 'text' && kind !== 'empty') problems.push(`${r.id}: column ${col} holds a ${kind}, not text`);
  }
  const link = sheet.cell(row, COL.link);
  const wantLink = `${opts.webUrl}/web/requests/${r.id}`;
  if (link.value !== 'View in Teleport' || link.link !== wantLink)
    problems.push(`${r.id}: link is ${preview(link.link)}, want ${wantLink}`);
  return problems;
}

/** What getValues() would give: "" for an empty cell. */
function valueAt(sheet: Sheet, row: number, col: number): unknown {
  const cell = sheet.cell(row, col);
  return cell.kind === 'empty' ? '' : cell.value;
}

function preview(value: unknown): string {
  const text =
    value instanceof Object && typeof (value as Date).toISOString === 'function'
      ? (value as Date).toISOString()
      : JSON.stringify(value);
  return text === undefined ? 'undefined' : text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

export function describeVerdict(v: Verdict): string {
  const head =
    `${v.ok ? 'MATCH' : 'MISMATCH'}: ${v.compared} requests compared with ${v.rows} rows ` +
    `(${v.gone} rows of requests gone from Teleport), ${v.duplicates.length} duplicate ids`;
  const details = [
    ...v.missing.slice(0, 5).map((id) => `missing row for ${id}`),
    ...v.duplicates.slice(0, 5).map((id) => `two rows for ${id}`),
    ...v.mismatches.slice(0, 10),
    ...v.history.slice(0, 10),
  ];
  return [head, ...details].join('\n  ');
}
