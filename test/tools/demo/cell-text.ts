// A cell's text as Sheets shows it: the local runtime's display rules, plus elapsed-time formats
// such as [h]:mm (a number of days shown as hours and minutes), which durations use.
import { displayValue } from '../../gas/display.js';
import type { CellView } from '../../gas/sheet.js';
import type { Content } from '../../gas/values.js';

const ELAPSED = /^\[(h+|m+|s+)\]((?::(?:mm|ss))*)$/i;
const UNIT_SECONDS: Record<string, number> = { h: 3600, m: 60, s: 1 };

function elapsed(days: number, format: string): string | null {
  const m = ELAPSED.exec(format);
  if (!m) return null;
  const lead = m[1]!.toLowerCase();
  const rest = m[2]!.toLowerCase().split(':').slice(1);
  const smallest = rest.at(-1) === 'ss' || lead[0] === 's' ? 1 : rest.length > 0 || lead[0] === 'm' ? 60 : 3600;
  const total = Math.round(Math.abs(days) * 86_400);
  const units = Math.floor(total / smallest) * smallest;
  const parts = [String(Math.floor(units / UNIT_SECONDS[lead[0]!]!)).padStart(lead.length, '0')];
  for (const part of rest) {
    const value = part === 'mm' ? Math.floor(units / 60) % 60 : units % 60;
    parts.push(String(value).padStart(2, '0'));
  }
  return (days < 0 ? '-' : '') + parts.join(':');
}

export function cellText(cell: CellView, timeZone: string): string {
  const format = typeof cell.numberFormat === 'string' ? cell.numberFormat : undefined;
  if (cell.kind === 'number' && format) {
    const shown = elapsed(cell.value as number, format);
    if (shown !== null) return shown;
  }
  const value = cell.value instanceof Date ? cell.value.getTime() : cell.value;
  return displayValue({ kind: cell.kind, value } as Content, format, timeZone);
}
