// Utilities.formatDate: Java SimpleDateFormat patterns (the usual letters, 'quoted' text).
import { wallTime, zoneOffset } from './timezone.js';

export const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

const pad = (n: number, width: number) => String(n).padStart(width, '0');

function offsetText(ms: number, timeZone: string, letter: string, count: number): string {
  const minutes = Math.round(zoneOffset(ms, timeZone) / 60_000);
  if (letter === 'X' && minutes === 0) return 'Z';
  const sign = minutes < 0 ? '-' : '+';
  const h = pad(Math.floor(Math.abs(minutes) / 60), 2);
  const m = pad(Math.abs(minutes) % 60, 2);
  if (letter === 'z') return minutes === 0 ? 'UTC' : `GMT${sign}${h}:${m}`;
  if (letter === 'X') return count === 1 ? `${sign}${h}` : count === 2 ? `${sign}${h}${m}` : `${sign}${h}:${m}`;
  return `${sign}${h}${m}`;
}

function field(letter: string, count: number, ms: number, timeZone: string): string {
  const w = wallTime(ms, timeZone);
  switch (letter) {
    case 'y':
      return count === 2 ? pad(w.year % 100, 2) : pad(w.year, count);
    case 'M':
      return count >= 4 ? MONTHS[w.month - 1]! : count === 3 ? MONTHS[w.month - 1]!.slice(0, 3) : pad(w.month, count);
    case 'd':
      return pad(w.day, count);
    case 'H':
      return pad(w.hour, count);
    case 'k':
      return pad(w.hour === 0 ? 24 : w.hour, count);
    case 'h':
      return pad(w.hour % 12 === 0 ? 12 : w.hour % 12, count);
    case 'K':
      return pad(w.hour % 12, count);
    case 'm':
      return pad(w.minute, count);
    case 's':
      return pad(w.second, count);
    case 'S':
      return pad(w.millisecond, count);
    case 'E':
      return count >= 4 ? DAYS[w.weekday]! : DAYS[w.weekday]!.slice(0, 3);
    case 'u':
      return String(w.weekday === 0 ? 7 : w.weekday);
    case 'a':
      return w.hour < 12 ? 'AM' : 'PM';
    case 'z':
    case 'Z':
    case 'X':
      return offsetText(ms, timeZone, letter, count);
    default:
      throw new RangeError(`Illegal pattern character '${letter}'`);
  }
}

export function formatJavaDate(ms: number, timeZone: string, pattern: string): string {
  let out = '';
  for (let i = 0; i < pattern.length;) {
    const c = pattern[i]!;
    if (c === "'") {
      const end = pattern.indexOf("'", i + 1);
      const stop = end === -1 ? pattern.length : end;
      out += stop === i + 1 ? "'" : pattern.slice(i + 1, stop);
      i = stop + 1;
    } else if (/[A-Za-z]/.test(c)) {
      let j = i;
      while (pattern[j] === c) j++;
      out += field(c, j - i, ms, timeZone);
      i = j;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}
