// The text an evidence tab's digest is taken over (contract §15): every line of its header block
// but the digest's own (label and value), then the rows of its two tables (header rows included),
// each row a JSON array of strings on a line of its own — JSON escapes tabs, newlines and quotes
// inside a cell, so no edit that moves text across cells or rows reads the same. Instants as ISO
// 8601 UTC with milliseconds, durations as their number of seconds, text as is. SHA-256 over its
// UTF-8 bytes, lowercase hex.
import type { EvidenceTables, EvidenceValue } from './select.js';

export function canonicalCell(value: EvidenceValue): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return value;
  return value.toISOString();
}

export function canonicalLines(rows: readonly (readonly string[])[]): string {
  return rows.map((row) => JSON.stringify(row)).join('\n');
}

export function canonicalText(header: readonly (readonly string[])[], tables: EvidenceTables): string {
  const table = [...tables.requests, ...tables.history].map((row) => row.map(canonicalCell));
  return canonicalLines([...header, ...table]);
}

/** The platform's SHA-256 of a string's UTF-8 bytes, as lowercase hex (Utilities.computeDigest there). */
export type Sha256Hex = (text: string) => string;
