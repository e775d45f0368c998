// The date and time shapes Google Sheets (en_US locale) recognises when a string is typed into a cell.
// ISO strings with a 'T' or a zone ('2024-01-01T10:00:00Z') are NOT among them: they stay text.
import { fromWallTime } from './timezone.js';

const MONTHS = 'january february march april may june july august september october november december'.split(' ');
const TIME = String.raw`(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([ap]m))?`;
const SHAPES: { re: RegExp; order: 'ymd' | 'mdy' | 'mname' | 'dname' }[] = [
  { re: new RegExp(String.raw`^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:\s+${TIME})?$`, 'i'), order: 'ymd' },
  { re: new RegExp(String.raw`^(\d{1,2})/(\d{1,2})/(\d{4})(?:\s+${TIME})?$`, 'i'), order: 'mdy' },
  { re: new RegExp(String.raw`^([a-z]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})(?:\s+${TIME})?$`, 'i'), order: 'mname' },
  { re: new RegExp(String.raw`^(\d{1,2})\s+([a-z]{3,9})\.?,?\s+(\d{4})(?:\s+${TIME})?$`, 'i'), order: 'dname' },
];
const TIME_ONLY = new RegExp(`^${TIME}$`, 'i');

export interface TypedDate {
  ms: number;
  format: string;
}

function monthNumber(name: string): number | null {
  const lower = name.toLowerCase();
  const i = MONTHS.findIndex((m) => m.startsWith(lower));
  return i === -1 ? null : i + 1;
}

function hour24(h: number, ampm: string | undefined): number | null {
  if (ampm === undefined) return h <= 23 ? h : null;
  if (h < 1 || h > 12) return null;
  return (h % 12) + (ampm.toLowerCase() === 'pm' ? 12 : 0);
}

function build(y: number, m: number | null, d: number, time: string[], timeZone: string): TypedDate | null {
  if (m === null || m < 1 || m > 12 || d < 1 || d > new Date(Date.UTC(y, m, 0)).getUTCDate()) return null;
  const [hh, mm, ss, ampm] = time;
  const hasTime = hh !== undefined;
  const hour = hasTime ? hour24(Number(hh), ampm) : 0;
  const minute = hasTime ? Number(mm) : 0;
  const second = ss !== undefined ? Number(ss) : 0;
  if (hour === null || minute > 59 || second > 59) return null;
  const ms = fromWallTime({ year: y, month: m, day: d, hour, minute, second, millisecond: 0 }, timeZone);
  return { ms, format: hasTime ? 'yyyy-mm-dd hh:mm:ss' : 'yyyy-mm-dd' };
}

export function parseTypedDate(s: string, timeZone: string): TypedDate | null {
  const t = TIME_ONLY.exec(s);
  if (t) {
    const built = build(1899, 12, 30, t.slice(1), timeZone);
    return built && { ms: built.ms, format: 'hh:mm:ss' };
  }
  for (const { re, order } of SHAPES) {
    const g = re.exec(s);
    if (!g) continue;
    const [a, b, c] = [g[1]!, g[2]!, g[3]!];
    const time = g.slice(4);
    if (order === 'ymd') return build(Number(a), Number(b), Number(c), time, timeZone);
    if (order === 'mdy') return build(Number(c), Number(a), Number(b), time, timeZone);
    if (order === 'mname') return build(Number(c), monthNumber(a), Number(b), time, timeZone);
    return build(Number(c), monthNumber(b), Number(a), time, timeZone);
  }
  return null;
}
