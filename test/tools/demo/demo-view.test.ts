// The demo page's readers: cell text under elapsed-time formats, charts read from their ranges, and
// a menu click whose prompts are answered from the page (against a small script in the local runtime).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GasRuntime } from '../../gas/runtime.js';
import { cellText } from './cell-text.js';
import { chartData, type ChartCell } from './charts.js';
import { clickMenuItem, readMenus } from './menu.js';

describe('cell text', () => {
  const number = (value: number, numberFormat: string) => cellText({ kind: 'number', value, numberFormat }, 'UTC');

  it('shows durations as their elapsed-time format does', () => {
    expect(number(1.5, '[h]:mm')).toBe('36:00');
    expect(number(15 / 1440, '[h]:mm')).toBe('0:15');
    expect(number(-90 / 1440, '[h]:mm')).toBe('-1:30');
    expect(number(3725 / 86_400, '[h]:mm:ss')).toBe('1:02:05');
    expect(number(3725 / 86_400, '[mm]:ss')).toBe('62:05');
  });

  it('shows dates, percentages and plain numbers as the runtime displays them', () => {
    const date = new Date(Date.UTC(2026, 0, 2, 3, 4));
    expect(cellText({ kind: 'date', value: date, numberFormat: 'yyyy-mm-dd hh:mm' }, 'UTC')).toBe('2026-01-02 03:04');
    expect(number(0.125, '0%')).toBe('13%');
    expect(cellText({ kind: 'number', value: 7 }, 'UTC')).toBe('7');
  });
});

describe('chart data', () => {
  const grid: unknown[][] = [
    ['Week', 'APPROVED', 'DENIED', 'Total'],
    ['2026-W01', 3, 1, 4],
    ['2026-W02', 0, '', 0],
    ['', '', '', ''],
  ];
  const cellAt = (row: number, col: number): ChartCell => {
    const value = grid[row - 1]?.[col - 1] ?? '';
    return { value, text: String(value) };
  };
  const record = { id: 1, type: 'COLUMN', stacked: true, title: 'T', options: {}, anchor: { row: 1, column: 6 } };

  it('takes categories from the first column, series from the others, names from the header row', () => {
    const out = chartData({ ...record, ranges: ['A1:C4'] }, cellAt);
    expect(out.categories).toEqual(['2026-W01', '2026-W02']);
    expect(out.series).toEqual([
      { name: 'APPROVED', values: [3, 0] },
      { name: 'DENIED', values: [1, null] },
    ]);
  });

  it('adds the columns of further ranges as series', () => {
    const out = chartData({ ...record, ranges: ['A1:B4', 'D1:D4'] }, cellAt);
    expect(out.series.map((s) => s.name)).toEqual(['APPROVED', 'Total']);
    expect(out.series[1]!.values).toEqual([4, 0]);
  });
});

const SCRIPT = `
function onOpen() {
  SpreadsheetApp.getUi().createMenu('Teleport').addItem('Export…', 'exportIt').addItem('Hello', 'hello').addToUi();
}
function hello() { SpreadsheetApp.getUi().alert('Hello', 'hi'); }
function exportIt() {
  const ui = SpreadsheetApp.getUi();
  ui.alert('Export', 'first a note');
  const first = ui.prompt('Export', 'Which period?', ui.ButtonSet.OK_CANCEL);
  if (first.getSelectedButton() !== ui.Button.OK) return;
  const second = ui.prompt('Export', 'Which cluster?', ui.ButtonSet.OK_CANCEL);
  if (second.getSelectedButton() !== ui.Button.OK) return;
  ui.alert('Export', 'exported ' + first.getResponseText() + ' of ' + second.getResponseText());
}`;

describe('menu clicks from the page', () => {
  it('reads the menu from onOpen, and asks each prompt in turn until every one is answered', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'demo-menu-'));
    try {
      await writeFile(join(dir, 'Code.js'), SCRIPT);
      const runtime = await GasRuntime.load(dir);
      expect(readMenus(runtime)).toEqual([
        {
          name: 'Teleport',
          items: [
            { caption: 'Export…', functionName: 'exportIt' },
            { caption: 'Hello', functionName: 'hello' },
          ],
        },
      ]);
      const first = clickMenuItem(runtime, 'exportIt', {}, []);
      expect(first.ask).toEqual({ title: 'Export', prompt: 'Which period?' });
      const second = clickMenuItem(runtime, 'exportIt', {}, ['2026-Q1']);
      expect(second.ask).toEqual({ title: 'Export', prompt: 'Which cluster?' });
      const done = clickMenuItem(runtime, 'exportIt', {}, ['2026-Q1', 'prod']);
      expect(done.ask).toBeNull();
      expect(done.alerts.at(-1)).toEqual({ title: 'Export', prompt: 'exported 2026-Q1 of prod' });
      expect(clickMenuItem(runtime, 'hello', {}, []).alerts).toEqual([{ title: 'Hello', prompt: 'hi' }]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
