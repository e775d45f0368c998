// getDisplayValues(): a cell's value as Sheets shows it under its number format (the common
// formats only: General, 0, 0.00, #,##0, 0%, '@', and date/time patterns such as yyyy-mm-dd hh:mm).
import type { Content } from './values.js';
import { MONTHS } from './date-format.js';
import { wallTime } from './timezone.js';

const pad = (n: number, w: number) => String(n).padStart(w, '0');

function formatNumber(n: number, format: string): string {
  const percent = format.endsWith('%');
  const body = percent ? format.slice(0, -1) : format;
  const m = /^(#,##)?0(?:\.(0+))?$/.exec(body);
  if (!m) return String(n);
  const value = percent ? n * 100 : n;
  const fixed = value.toFixed(m[2]?.length ?? 0);
  const grouped = m[1] ? fixed.replace(/^(-?\d+)/, (i) => i.replace(/\B(?=(\d{3})+$)/g, ',')) : fixed;
  return percent ? `${grouped}%` : grouped;
}

/** Sheets date patterns: 'm'/'mm' mean minutes right after an hour or before seconds. */
function formatSheetDate(ms: number, format: string, timeZone: string): string {
  const w = wallTime(ms, timeZone);
  const ampm = /am\/pm/i.test(format);
  const tokens = format.match(/am\/pm|"[^"]*"|y+|m+|d+|h+|s+|[^a-z"]+|./gi) ?? [];
  return tokens
    .map((t, i) => {
      const lower = t.toLowerCase();
      if (lower === 'am/pm') return w.hour < 12 ? 'AM' : 'PM';
      if (t.startsWith('"')) return t.slice(1, -1);
      const prev = tokens
        .slice(0, i)
        .reverse()
        .find((x) => /^[a-z]/i.test(x))?.[0]
        ?.toLowerCase();
      const next = tokens
        .slice(i + 1)
        .find((x) => /^[a-z]/i.test(x))?.[0]
        ?.toLowerCase();
      switch (lower[0]) {
        case 'y':
          return lower.length === 2 ? pad(w.year % 100, 2) : String(w.year);
        case 'd':
          return pad(w.day, lower.length);
        case 'h':
          return pad(ampm ? w.hour % 12 || 12 : w.hour, lower.length);
        case 's':
          return pad(w.second, lower.length);
        case 'm':
          if (prev === 'h' || next === 's') return pad(w.minute, Math.min(lower.length, 2));
          if (lower.length >= 4) return MONTHS[w.month - 1]!;
          return lower.length === 3 ? MONTHS[w.month - 1]!.slice(0, 3) : pad(w.month, lower.length);
        default:
          return t;
      }
    })
    .join('');
}

export function displayValue(c: Content, numberFormat: string | undefined, timeZone: string): string {
  const format = numberFormat ?? 'General';
  switch (c.kind) {
    case 'empty':
    case 'formula':
      return '';
    case 'text':
      return c.value as string;
    case 'boolean':
      return c.value ? 'TRUE' : 'FALSE';
    case 'number':
      return format === 'General' || format === '@' ? String(c.value) : formatNumber(c.value as number, format);
    case 'date':
      return formatSheetDate(c.value as number, /[ymdhs]/i.test(format) ? format : 'yyyy-mm-dd hh:mm:ss', timeZone);
  }
}
