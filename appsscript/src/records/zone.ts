// Calendar arithmetic in the spreadsheet's time zone without Intl (Apps Script's V8 cannot be
// relied on for time-zone data): the platform injects the zone's UTC offset at an instant
// (Utilities.formatDate(d, tz, 'Z')), and every local date here is a day number, days since
// 1970-01-01 on the local calendar.

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;

export interface Zone {
  /** The IANA id (or whatever the spreadsheet reports), shown to people, never parsed. */
  id: string;
  /** Minutes to add to UTC to get the wall-clock time in this zone at that instant. */
  offsetMinutes(instant: Date): number;
}

/** The local calendar day an instant falls on. */
export function localDay(instant: Date, zone: Zone): number {
  return Math.floor((instant.getTime() + zone.offsetMinutes(instant) * MINUTE_MS) / DAY_MS);
}

/** 0 = Monday … 6 = Sunday; day 0 (1970-01-01) was a Thursday. */
export function weekday(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

export function mondayOf(day: number): number {
  return day - weekday(day);
}

/**
 * The first instant of a local day. Each offset in force near that midnight gives a candidate;
 * the earliest one the zone really maps to local midnight wins (midnight can happen twice when
 * clocks go back). Where midnight is skipped, the day starts at the transition.
 */
export function startOfLocalDay(day: number, zone: Zone): Date {
  const wall = day * DAY_MS;
  let best: number | null = null;
  for (let k = -4; k <= 4; k++) {
    const t = wall - zone.offsetMinutes(new Date(wall + k * 6 * HOUR_MS)) * MINUTE_MS;
    const isMidnight = t + zone.offsetMinutes(new Date(t)) * MINUTE_MS === wall;
    if (isMidnight && (best === null || t < best)) best = t;
  }
  return best !== null ? new Date(best) : firstInstantOfDay(wall, day, zone);
}

/** Binary search, to the minute, for the first instant whose local day is `day` (midnight skipped). */
function firstInstantOfDay(wall: number, day: number, zone: Zone): Date {
  let lo = wall - 2 * DAY_MS;
  let hi = wall + 2 * DAY_MS;
  while (hi - lo > MINUTE_MS) {
    const mid = lo + Math.floor((hi - lo) / 2 / MINUTE_MS) * MINUTE_MS;
    if (localDay(new Date(mid), zone) >= day) hi = mid;
    else lo = mid;
  }
  return new Date(hi);
}

/** Day number of a proleptic Gregorian date (month 1–12), independent of any zone. */
export function dayOfDate(year: number, month: number, date: number): number {
  return Math.floor(Date.UTC(year, month - 1, date) / DAY_MS);
}

/** `yyyy-mm-dd` of a day number. */
export function formatDay(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}
