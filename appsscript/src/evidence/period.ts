// The period an evidence tab covers, as typed by a person: a quarter, a month, or an inclusive
// range of days, all in the spreadsheet's zone → the instants [start, end).
import { dayOfDate, formatDay, startOfLocalDay, type Zone } from '../records/zone.js';

export interface Period {
  /** The text as given, trimmed. */
  text: string;
  start: Date;
  end: Date;
  /** `yyyy-mm-dd` of the first and last local days included. */
  firstDay: string;
  lastDay: string;
}

export type PeriodResult = { ok: true; period: Period } | { ok: false; error: string };

const QUARTER = /^([0-9]{4})-Q([1-4])$/i;
const MONTH = /^([0-9]{4})-([0-9]{2})$/;
const RANGE = /^([0-9]{4})-([0-9]{2})-([0-9]{2})\s*\.\.\s*([0-9]{4})-([0-9]{2})-([0-9]{2})$/;

export const PERIOD_EXAMPLES = 'a quarter (2026-Q3), a month (2026-10) or a range of days (2026-07-01..2026-09-30)';

export function parsePeriod(text: string, zone: Zone): PeriodResult {
  const trimmed = text.trim();
  const days = localDays(trimmed);
  if (typeof days === 'string') return { ok: false, error: `${days} Enter ${PERIOD_EXAMPLES}.` };
  const [first, last] = days;
  const period = {
    text: trimmed,
    start: startOfLocalDay(first, zone),
    end: startOfLocalDay(last + 1, zone),
    firstDay: formatDay(first),
    lastDay: formatDay(last),
  };
  return { ok: true, period };
}

/** The first and last local day numbers, or what is wrong with the text. */
function localDays(text: string): [number, number] | string {
  const quarter = QUARTER.exec(text);
  if (quarter) {
    const [year, q] = [Number(quarter[1]), Number(quarter[2])];
    return checkYear(year) ?? [dayOfDate(year, q * 3 - 2, 1), dayOfDate(year, q * 3 + 1, 1) - 1];
  }
  const month = MONTH.exec(text);
  if (month) {
    const [year, m] = [Number(month[1]), Number(month[2])];
    if (m < 1 || m > 12) return `“${text}” has no month ${month[2]}.`;
    return checkYear(year) ?? [dayOfDate(year, m, 1), dayOfDate(year, m + 1, 1) - 1];
  }
  const range = RANGE.exec(text);
  if (!range) return `“${text}” is not a period.`;
  const first = calendarDay(range.slice(1, 4), text);
  const last = calendarDay(range.slice(4, 7), text);
  if (typeof first === 'string') return first;
  if (typeof last === 'string') return last;
  return first <= last ? [first, last] : `“${text}” ends before it starts.`;
}

function checkYear(year: number): string | null {
  return year >= 1970 && year <= 9998 ? null : `The year ${year} is out of range (1970–9998).`;
}

function calendarDay(parts: string[], text: string): number | string {
  const [year, month, date] = parts.map(Number) as [number, number, number];
  const yearProblem = checkYear(year);
  if (yearProblem) return yearProblem;
  const day = dayOfDate(year, month, date);
  const valid = month >= 1 && month <= 12 && formatDay(day) === parts.join('-');
  return valid ? day : `“${text}” contains ${parts.join('-')}, which is not a date.`;
}
