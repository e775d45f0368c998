// How the benchmarks print: aligned text tables, percentile rows and headline figures.
import { cpus, totalmem } from 'node:os';

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

/** The machine a bench ran on, as the page states it. */
export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  node: string;
  platform: string;
}

export function thisMachine(): Machine {
  const list = cpus();
  return {
    cpu: list[0]?.model.trim() ?? 'unknown CPU',
    cores: list.length,
    memoryGiB: totalmem() / 1024 ** 3,
    node: process.version,
    platform: `${process.platform}/${process.arch}`,
  };
}

export function machine(m: Machine = thisMachine()): string {
  return `Machine: node ${m.node}, ${m.cpu}, ${m.cores} cores, ${fixed(m.memoryGiB)} GiB memory, ${m.platform}`;
}

/** One part of the bench as docs/performance.md shows it: a heading over the table the bench printed. */
export interface PageSection {
  heading: string;
  table: string;
}

const cell = (text: string) => text.replaceAll('|', '\\|');

function markdownTable(head: string[], rows: string[][]): string[] {
  return [head, head.map(() => '---'), ...rows].map((cells) => `| ${cells.map(cell).join(' | ')} |`);
}

/** The generated docs/performance.md: when and where it ran, the headline figures, then every part's table. */
export function performancePage(at: Date, m: Machine, figures: Figure[], sections: PageSection[]): string {
  return [
    '<!-- Written by `npm run bench`. Do not edit by hand: run the bench again. -->',
    '# Performance figures',
    '',
    `Measured by \`npm run bench\` on ${at.toISOString().slice(0, 16).replace('T', ' ')} UTC. These are one ` +
      "run's figures on the machine below, not guarantees; what they measure, and why they are what they " +
      'are, is in [performance-notes.md](performance-notes.md).',
    '',
    ...markdownTable(
      ['machine', ''],
      [
        ['CPU', m.cpu],
        ['cores', String(m.cores)],
        ['memory', `${fixed(m.memoryGiB)} GiB`],
        ['Node', m.node],
        ['platform', m.platform],
      ],
    ),
    '',
    '## Summary',
    '',
    ...markdownTable(
      ['figure', 'value', 'how measured'],
      figures.map((f) => [f.figure, f.value, f.how]),
    ),
    ...sections.flatMap((s) => ['', `## ${s.heading}`, '', '```text', s.table, '```']),
    '',
  ].join('\n');
}
