// Re-derives an evidence tab's canonical text (canonical.ts) from its own cells (as getValues
// returns them) and says whether the digest in its header block still matches: the check an
// auditor can also run on a CSV download (docs/dashboard-and-evidence.md), written once here for the menu.
// Whoever can edit the tab can also rewrite that digest: the menu compares it with the sealed
// record of the export too (records/export-record.ts).
import { canonicalCell, canonicalLines, type Sha256Hex } from './canonical.js';
import { EVIDENCE_WIDTH, HISTORY_TITLE, LABEL, REQUESTS_TITLE } from './layout.js';
import { HISTORY_HEADERS } from '../ledger/layout.js';

export type VerifyResult =
  { ok: true; digest: string } | { ok: false; problem: string; expected: string | null; actual: string | null };

type Cells = readonly (readonly unknown[])[];

export function verifyEvidence(grid: Cells, sha256Hex: Sha256Hex): VerifyResult {
  const start = grid.findIndex((row) => text(row[0]) === REQUESTS_TITLE);
  if (start < 0) return failed(`No row says "${REQUESTS_TITLE}": this is not an evidence tab.`, null);
  const lines = grid.slice(1, start).map((row) => [text(row[0]), text(row[1])]);
  const head = new Map(lines.map(([label, value]) => [label!, value!]));
  const covered = lines.filter(([label]) => label !== '' && label !== LABEL.digest);
  const expected = head.get(LABEL.digest) ?? null;
  const requests = count(head.get(LABEL.requests));
  const events = count(head.get(LABEL.events));
  if (expected === null || requests === null || events === null) {
    return failed(`The header block lacks "${LABEL.digest}", "${LABEL.requests}" or "${LABEL.events}".`, expected);
  }
  const historyTitle = start + 1 + (requests + 1) + 1;
  if (text(grid[historyTitle]?.[0]) !== HISTORY_TITLE) {
    return failed(`Row ${historyTitle + 1} should say "${HISTORY_TITLE}": rows were added or removed.`, expected);
  }
  const rows = [
    ...rowsAt(grid, start + 1, requests + 1, requestsWidth(grid[start + 1] ?? [])),
    ...rowsAt(grid, historyTitle + 1, events + 1, HISTORY_HEADERS.length),
  ];
  const actual = sha256Hex(canonicalLines([...covered, ...rows]));
  if (actual === expected) return { ok: true, digest: actual };
  return { ok: false, problem: 'The content no longer matches its digest.', expected, actual };
}

function failed(problem: string, expected: string | null): VerifyResult {
  return { ok: false, problem, expected, actual: null };
}

/** A tab exported before the usage columns (§14) has fewer: its header row says how many. */
function requestsWidth(header: readonly unknown[]): number {
  const width = header.slice(0, EVIDENCE_WIDTH).findIndex((cell) => text(cell) === '');
  return width < 0 ? EVIDENCE_WIDTH : width;
}

/** Canonical text of `count` rows from `first` (0-based), `width` cells each; missing cells are empty. */
function rowsAt(grid: Cells, first: number, count: number, width: number): string[][] {
  return Array.from({ length: count }, (_, i) => Array.from({ length: width }, (_, c) => text(grid[first + i]?.[c])));
}

/** A cell read back, as canonical text: what was written comes back as the same string. */
function text(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return canonicalCell(value);
  if (Object.prototype.toString.call(value) === '[object Date]') {
    const date = value as Date;
    return isNaN(date.getTime()) ? '' : canonicalCell(date);
  }
  return value === null || value === undefined ? '' : String(value);
}

function count(value: string | undefined): number | null {
  return value !== undefined && /^[0-9]{1,9}$/.test(value) ? Number(value) : null;
}
