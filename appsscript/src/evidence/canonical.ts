// The text an evidence tab's digest is taken over: the rows of its two tables (header rows
// included) joined by "\n", cells by "\t"; instants as ISO 8601 UTC with milliseconds,
// durations as their number of seconds, text as is. SHA-256 over its UTF-8 bytes, lowercase hex.
import type { EvidenceTables, EvidenceValue } from './select.js';

export function canonicalCell(value: EvidenceValue): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return value;
  return value.toISOString();
}

export function canonicalText(tables: EvidenceTables): string {
  return [...tables.requests, ...tables.history].map((row) => row.map(canonicalCell).join('\t')).join('\n');
}

/** The platform's SHA-256 of a string's UTF-8 bytes, as lowercase hex (Utilities.computeDigest there). */
export type Sha256Hex = (text: string) => string;
