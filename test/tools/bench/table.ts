// How the benchmarks print: aligned text tables, percentile rows and headline figures.
import { cpus } from 'node:os';

/** One headline figure for the closing summary. */
export interface Figure {
  figure: string;
  value: string;
  how: string;
}

/** A part's printed table and the figures it contributes to the summary. */
export interface BenchPart {
  table: string;
  headline: Figure[];
}

export function formatTable(title: string, head: string[], rows: string[][], notes: string[] = []): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [title, line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line), ...notes].join('\n');
}

export function figuresTable(title: string, figures: Figure[], notes: string[] = []): string {
  return formatTable(
    title,
    ['figure', 'value', 'how measured'],
    figures.map((f) => [f.figure, f.value, f.how]),
    notes,
  );
}

export function count(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

export function fixed(n: number, digits = 1): string {
  return n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export interface Spread {
  n: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentiles of the samples. */
export function spread(samples: readonly number[]): Spread {
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (p: number) =>
    sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? Number.NaN;
  return { n: sorted.length, p50: rank(50), p90: rank(90), p99: rank(99), max: sorted.at(-1) ?? Number.NaN };
}

export function spreadCells(s: Spread): string[] {
  return [count(s.n), fixed(s.p50), fixed(s.p90), fixed(s.p99), fixed(s.max)];
}

export function machine(): string {
  const list = cpus();
  const cpu = list[0]?.model.trim() ?? 'unknown CPU';
  return `Machine: node ${process.version}, ${cpu}, ${list.length} cores, ${process.platform}/${process.arch}`;
}
