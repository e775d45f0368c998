// The auditors' check in docs/dashboard-and-evidence.md, run as written: Python 3 on a CSV download of an
// evidence tab, made from the tab's cells the way Sheets exports them (quoted where needed, rows padded, CRLF).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { julyGrid, readBack } from './extract.js';

const PAGE = join(import.meta.dirname, '..', '..', '..', 'docs', 'dashboard-and-evidence.md');
const MARKER = '<!-- evidence-check:';

function recipe(): string {
  const page = readFileSync(PAGE, 'utf8');
  const after = page.slice(page.indexOf(MARKER));
  const block = /```python\n([\s\S]*?)```/.exec(after);
  if (page.indexOf(MARKER) < 0 || !block) throw new Error(`${PAGE} has no evidence-check block`);
  return block[1]!;
}

function csv(cells: unknown[][]): string {
  const quote = (value: unknown) => {
    const text = value instanceof Date ? value.toISOString() : String(value);
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return cells.map((row) => row.map(quote).join(',')).join('\r\n') + '\r\n';
}

function check(cells: unknown[][]): string {
  const dir = mkdtempSync(join(tmpdir(), 'evidence-'));
  writeFileSync(join(dir, 'check_evidence.py'), recipe());
  writeFileSync(join(dir, 'Evidence.csv'), csv(cells));
  return execFileSync('python3', [join(dir, 'check_evidence.py'), join(dir, 'Evidence.csv')], { encoding: 'utf8' });
}

describe('the check for auditors in docs/dashboard-and-evidence.md', () => {
  it('recomputes the digest of an unchanged tab, tabs, quotes and newlines in cells included', () => {
    const grid = julyGrid(null);
    expect(check(readBack(grid))).toBe(`${grid.digest} matches\n`);
  });

  it('recomputes the digest of an empty period', () => {
    const grid = julyGrid(null, '2026-09');
    expect(check(readBack(grid))).toBe(`${grid.digest} matches\n`);
  });

  it('reports a changed cell', () => {
    const grid = julyGrid(null);
    const cells = readBack(grid);
    cells[grid.historyHeaderRow]![6] = 'mallory';
    expect(check(cells)).toMatch(new RegExp(`^[0-9a-f]{64} DOES NOT MATCH ${grid.digest}\\n$`));
  });
});
