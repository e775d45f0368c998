// The Dashboard tab as a grid: fixed blocks, number formats, literal text, links and chart ranges.
import { describe, expect, it } from 'vitest';
import { buildDashboard, type DashboardModel } from '../../../appsscript/src/dashboard/model.js';
import { BLOCKS, layoutDashboard, type DashboardGrid } from '../../../appsscript/src/dashboard/layout.js';
import type { Grid } from '../../../appsscript/src/dashboard/grid.js';
import { a1, columnName } from '../../../appsscript/src/dashboard/grid.js';
import { intlZone } from './zones.js';
import { HOUR, ago, decided, historyRow, mainRow } from './rows.js';

const NOW = new Date('2026-03-11T12:00:00.000Z');
const ZONE = intlZone('Europe/Amsterdam');

function cellAt(grid: Grid, ref: string): unknown {
  const m = /^([A-Z]+)([0-9]+)$/.exec(ref)!;
  const col = [...m[1]!].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  return grid.values[Number(m[2]) - 1]![col - 1];
}

function formatOf(grid: Grid, ref: string): string | undefined {
  return grid.formats.find((f) => f.range === ref || f.range.startsWith(`${ref}:`))?.format;
}

function model(extraReviewers = 0): DashboardModel {
  const rows = [
    mainRow({ id: 'req-1', created: ago(NOW, 2), user: '=HYPERLINK("http://evil")', roles: ['dev', '+1'] }),
    decided(mainRow({ id: 'req-2', created: ago(NOW, 3), roles: ['db'] }), 'APPROVED', 'bob', 2 * HOUR),
    mainRow({ id: 'req-3', created: ago(NOW, 4), cluster: 'lab' }),
  ];
  const history = Array.from({ length: 1 + extraReviewers }, (_, i) =>
    historyRow({ time: ago(NOW, 1), requestId: 'req-2', event: 'reviewed', by: `rev-${i}`, detail: 'APPROVED' }),
  );
  const relays = [{ cluster: 'prod', webUrl: 'https://prod.example.com', lastContact: ago(NOW, 0.001) }];
  return buildDashboard({ rows, history, relays, now: NOW, zone: ZONE });
}

describe('dashboard layout', () => {
  const grid: DashboardGrid = layoutDashboard(model());

  it('writes a rectangle from A1 whose blocks keep their places', () => {
    const width = grid.values[0]!.length;
    expect(grid.values.every((row) => row.length === width)).toBe(true);
    expect(cellAt(grid, 'A1')).toBe("'Access requests dashboard");
    expect(cellAt(grid, 'B2')).toEqual(NOW);
    expect(cellAt(grid, `A${BLOCKS.weeks.row}`)).toMatch(/^'Requests per week/);
    expect(cellAt(grid, `A${BLOCKS.roles.row + 1}`)).toBe("'Role");
    expect(cellAt(grid, `A${BLOCKS.waiting.row + 1}`)).toBe("'ID");
    expect(cellAt(grid, `A${BLOCKS.clusters.row + 1}`)).toBe("'Cluster");
    expect(cellAt(grid, `F${BLOCKS.reviewers.row + 1}`)).toBe("'Reviewer");
  });

  it('reserves room for every fixed table, so no two blocks or charts overlap', () => {
    const fixed = [BLOCKS.figures, BLOCKS.weeks, BLOCKS.roles, BLOCKS.waiting];
    const ends = [...fixed, BLOCKS.clusters].map((b) => [b.row, b.row + 1 + (b.capacity ?? 0)] as const);
    for (let i = 1; i < ends.length; i++) expect(ends[i]![0]).toBeGreaterThan(ends[i - 1]![1]);
    expect(BLOCKS.reviewers.col).toBeGreaterThan(BLOCKS.clusters.col + BLOCKS.clusters.width - 1);
    for (const chart of grid.charts) expect(chart.anchorCol).toBeGreaterThan(BLOCKS.weeks.width);
    const chartRows = grid.charts.map((c) => [c.anchorRow, c.anchorRow + Number(c.options.height) / 21] as const);
    expect(chartRows[1]![0]).toBeGreaterThanOrEqual(chartRows[0]![1]);
    expect(chartRows[1]![1]).toBeLessThan(BLOCKS.clusters.row);
  });

  it('writes figures with their number formats, empty where undefined', () => {
    const first = BLOCKS.figures.row + 2;
    expect(cellAt(grid, `A${first}`)).toBe("'Pending now");
    expect(cellAt(grid, `B${first}`)).toBe(2);
    expect(formatOf(grid, `B${first + 2}`)).toBe('[h]:mm');
    expect(cellAt(grid, `B${first + 2}`)).toBe(4);
    expect(cellAt(grid, `A${first + 5}`)).toBe("'Approval rate, last 30 days");
    expect(cellAt(grid, `B${first + 5}`)).toBe(1);
    expect(formatOf(grid, `B${first + 5}`)).toBe('0.0%');
    expect(cellAt(grid, `B${first + 10}`)).toBe(0);
    // No relay says it reads usage and no row holds usage: the figure stays empty, not 0.
    expect(cellAt(grid, `A${first + 11}`)).toBe("'Approved, never used");
    expect(cellAt(grid, `B${first + 11}`)).toBe('');
    expect(formatOf(grid, `B${first + 11}`)).toBe('0');
  });

  it('gives the roles table a Used share, formatted as a percentage', () => {
    expect(cellAt(grid, `G${BLOCKS.roles.row + 1}`)).toBe("'Used");
    expect(formatOf(grid, `G${BLOCKS.roles.row + 2}`)).toBe('0.0%');
    expect(BLOCKS.roles.col + BLOCKS.roles.width - 1).toBeLessThan(grid.charts[1]!.anchorCol);
  });

  it('keeps text from users literal and links waiting IDs to Teleport', () => {
    const first = BLOCKS.waiting.row + 2;
    expect(cellAt(grid, `A${first}`)).toBe("'req-3");
    expect(cellAt(grid, `B${first + 1}`)).toBe('\'=HYPERLINK("http://evil")');
    expect(cellAt(grid, `C${first + 1}`)).toBe("'dev, +1");
    expect(cellAt(grid, `D${first + 1}`)).toBe(2);
    expect(formatOf(grid, `D${first}`)).toBe('[h]:mm');
    expect(grid.links).toEqual([
      { row: first + 1, col: 1, text: 'req-1', url: 'https://prod.example.com/web/requests/req-1' },
    ]);
  });

  it('dates the weeks and the relay contacts, and formats the durations in roles and reviewers', () => {
    const first = BLOCKS.weeks.row + 2;
    expect(cellAt(grid, `A${first + 11}`)).toEqual(new Date('2026-03-08T23:00:00.000Z'));
    expect(formatOf(grid, `A${first}`)).toBe('yyyy-mm-dd');
    expect([cellAt(grid, `B${first + 11}`), cellAt(grid, `F${first + 11}`)]).toEqual([0, 1]);
    expect([cellAt(grid, `B${first + 10}`), cellAt(grid, `F${first + 10}`)]).toEqual([1, 1]);
    expect(formatOf(grid, `F${BLOCKS.roles.row + 2}`)).toBe('[h]:mm');
    expect(formatOf(grid, `E${BLOCKS.roles.row + 2}`)).toBe('0.0%');
    expect(formatOf(grid, `D${BLOCKS.clusters.row + 2}`)).toBe('yyyy-mm-dd hh:mm');
    expect(cellAt(grid, `J${BLOCKS.reviewers.row + 2}`)).toBeCloseTo(3 - 1, 9);
  });

  it('describes a stacked column chart of the weeks and a bar chart of requests per role over fixed ranges', () => {
    const weeks = `A${BLOCKS.weeks.row + 1}:G${BLOCKS.weeks.row + 13}`;
    const roles = `A${BLOCKS.roles.row + 1}:B${BLOCKS.roles.row + 16}`;
    expect(grid.charts.map((c) => [c.name, c.type, c.stacked, c.ranges])).toEqual([
      ['weeks', 'COLUMN', true, [weeks]],
      ['roles', 'BAR', false, [roles]],
    ]);
  });

  it('keeps every place when the tables change size; only the bottom tables grow the grid', () => {
    const big = layoutDashboard(model(30));
    expect(big.blocks).toEqual(grid.blocks);
    expect(big.charts).toEqual(grid.charts);
    expect(big.values.length).toBe(BLOCKS.reviewers.row + 1 + 31);
    expect(cellAt(big, `F${BLOCKS.reviewers.row + 32}`)).toMatch(/^'rev-/);
  });
});

describe('A1 notation', () => {
  it('names columns past Z and ranges', () => {
    expect([1, 26, 27, 52, 703].map(columnName)).toEqual(['A', 'Z', 'AA', 'AZ', 'AAA']);
    expect(a1(2, 3)).toBe('C2');
    expect(a1(19, 1, 13, 7)).toBe('A19:G31');
  });
});
