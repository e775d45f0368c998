// Archive…'s cutoff, as typed by the owner, in the spreadsheet's zone: a quarter or a year means
// "that and everything before it" (rows created before its end), a date means "before that day".
import { dayOfDate, formatDay, startOfLocalDay, type Zone } from '../records/zone.js';

export type CutoffResult = { ok: true; cutoff: Date; label: string } | { ok: false; error: string };

export const CUTOFF_EXAMPLES =
  'a quarter (2026-Q1: everything created up to its end), a year (2025) ' +
  'or a date (2026-02-15: created before that day)';

const QUARTER = /^([0-9]{4})-Q([1-4])$/i;
const YEAR = /^([0-9]{4})$/;
const DATE = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/;

function dayOf(text: string): number | string {
  const quarter = QUARTER.exec(text);
  if (quarter) return dayOfDate(Number(quarter[1]), Number(quarter[2]) * 3 + 1, 1);
  const year = YEAR.exec(text);
  if (year) return dayOfDate(Number(year[1]) + 1, 1, 1);
  const date = DATE.exec(text);
  if (!date) return `“${text}” is not a cutoff.`;
  const day = dayOfDate(Number(date[1]), Number(date[2]), Number(date[3]));
  return formatDay(day) === text ? day : `“${text}” is not a date.`;
}

export function parseCutoff(text: string, zone: Zone): CutoffResult {
  const trimmed = text.trim();
  const day = dayOf(trimmed);
  if (typeof day === 'string') return { ok: false, error: `${day} Enter ${CUTOFF_EXAMPLES}.` };
  const cutoff = startOfLocalDay(day, zone);
  const year = Number(formatDay(day).slice(0, 4));
  if (year < 1971 || year > 9999) return { ok: false, error: `“${trimmed}” is out of range.` };
  return { ok: true, cutoff, label: `created before ${formatDay(day)} (${trimmed})` };
}
