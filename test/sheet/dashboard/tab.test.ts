// The Dashboard tab through the real bundle in the local runtime: built by its timer every 5
// minutes (never inside a POST), its figures for a seeded sheet, charts created once and re-created when
// removed, refreshed by its menu item and by Reformat.
import { describe, expect, it } from 'vitest';
import { BLOCKS } from '../../../appsscript/src/dashboard/layout.js';
import { makeBatch } from '../fixtures.js';
import { Sheet } from '../harness.js';
import { bundleForThisFile } from '../file-bundle.js';
import { FIGURES, HISTORY, NOW, ROWS, ZONE_ID } from './ledger.js';
import { HOUR } from './rows.js';
import { seedLedger } from './seed-ledger.js';
import { seedRowKey } from '../seed.js';

const bundle = bundleForThisFile();

const MINUTE_MS = 60_000;
const heartbeat = (at: number) => makeBatch([{ op: 'heartbeat', at: new Date(at).toISOString() }]);

async function seeded(): Promise<Sheet> {
  const sheet = await Sheet.open(bundle.dir);
  sheet.nowMs = NOW.getTime();
  sheet.rt.spreadsheet.setSpreadsheetTimeZone(ZONE_ID);
  seedLedger(sheet.rt.spreadsheet, ROWS, HISTORY, seedRowKey(sheet));
  // As a batch from the cluster would have left it (ledger-store.ts).
  sheet.rt.properties.setProperty('teleport.webUrls', JSON.stringify({ prod: 'https://prod.example.com' }));
  return sheet;
}

function dashboard(sheet: Sheet) {
  const tab = sheet.rt.spreadsheet.getSheetByName('Dashboard');
  if (!tab) throw new Error('no Dashboard tab');
  return tab;
}

const refreshedAt = (sheet: Sheet) => (dashboard(sheet).getRange('B2').getValue() as Date).getTime();

describe('the Dashboard on its timer', () => {
  it('is never refreshed in a POST: the first POST makes its timer, which refreshes it every 5 minutes', async () => {
    const sheet = await Sheet.open(bundle.dir);
    expect(sheet.post(heartbeat(sheet.nowMs))).toMatchObject({ ok: true });
    expect(sheet.rt.spreadsheet.getSheetByName('Dashboard')).toBeNull();
    expect(sheet.rt.triggers.triggers.map((t) => [t.getHandlerFunction(), t.owner, t.everyMs])).toEqual([
      ['refreshDashboardOnTimer', 'owner@example.com', 5 * MINUTE_MS],
    ]);
    sheet.advance(5 * MINUTE_MS);
    expect(sheet.post(heartbeat(sheet.nowMs))).toMatchObject({ ok: true });
    expect(sheet.rt.triggers.triggers).toHaveLength(1);
    expect(sheet.rt.spreadsheet.getSheetByName('Dashboard')).toBeNull();

    expect(sheet.rt.runTimers()).toEqual(['refreshDashboardOnTimer']);
    const first = sheet.nowMs;
    expect(refreshedAt(sheet)).toBe(first);

    sheet.advance(4 * MINUTE_MS + 59_000);
    expect(sheet.rt.runTimers()).toEqual([]);
    sheet.rt.counters.reset();
    expect(sheet.post(heartbeat(sheet.nowMs))).toMatchObject({ ok: true });
    expect(sheet.rt.counters.calls).toBe(0);

    sheet.advance(1000);
    expect(sheet.rt.runTimers()).toEqual(['refreshDashboardOnTimer']);
    expect(refreshedAt(sheet)).toBe(sheet.nowMs);
  });

  it('is owned by the script: a warning-only protection, and other tabs untouched', async () => {
    const sheet = await Sheet.open(bundle.dir);
    const mine = sheet.rt.spreadsheet.insertSheet('My notes');
    mine.getRange('A1').setValue('keep me');
    sheet.post(heartbeat(sheet.nowMs));
    sheet.advance(5 * MINUTE_MS);
    sheet.rt.runTimers();
    const protection = dashboard(sheet).getProtections('SHEET')[0]!;
    expect(protection.isWarningOnly()).toBe(true);
    expect(protection.getDescription()).toMatch(/rewritten on every refresh/);
    expect(mine.getRange('A1').getValue()).toBe('keep me');
  });
});

describe('the Dashboard of a seeded sheet', () => {
  it('shows the known figures, in the spreadsheet time zone', async () => {
    const sheet = await seeded();
    sheet.menu('refreshDashboard');
    const tab = dashboard(sheet);
    const figures = tab.getRange(`B${BLOCKS.figures.row + 2}:B${BLOCKS.figures.row + 12}`).getValues();
    figures.forEach(([value], i) => expect(value).toBeCloseTo(FIGURES[i] as number, 9));
    expect(tab.getRange('C2').getValue()).toBe(`time zone ${ZONE_ID}`);
    expect(tab.getRange('B2').getDisplayValue()).toBe('2026-03-11 13:00');
    const reviewers = tab.getRange(`F${BLOCKS.reviewers.row + 2}:J${BLOCKS.reviewers.row + 3}`).getValues();
    expect(reviewers[0]!.slice(0, 4)).toEqual(['bob', 1, 1, 0]);
    expect(reviewers[0]![4]).toBeCloseTo(2 * HOUR, 9);
    expect(reviewers[1]!.slice(0, 4)).toEqual(['carol', 1, 0, 1]);
    const clusters = tab.getRange(`A${BLOCKS.clusters.row + 2}:C${BLOCKS.clusters.row + 2}`).getValues();
    expect(clusters[0]).toEqual(['prod', 2, 6]);
    const weeks = tab.getRange(`B${BLOCKS.weeks.row + 2}:G${BLOCKS.weeks.row + 13}`).getValues();
    expect(weeks.flat().reduce((a, b) => Number(a) + Number(b), 0)).toBe(ROWS.length);
    expect(tab.getRange(`A${BLOCKS.weeks.row + 13}`).getDisplayValue()).toBe('2026-03-09');
    const waiting = tab.getRange(`A${BLOCKS.waiting.row + 2}:A${BLOCKS.waiting.row + 4}`).getRichTextValues();
    expect(waiting.map(([v]) => [v!.getText(), v!.getLinkUrl()])).toEqual([
      ['p-1', 'https://prod.example.com/web/requests/p-1'],
      ['p-2', 'https://prod.example.com/web/requests/p-2'],
      ['', null],
    ]);
  });

  it('creates its two charts once, and re-creates one that was removed', async () => {
    const sheet = await seeded();
    sheet.menu('refreshDashboard');
    const charts = dashboard(sheet).charts();
    expect(charts.map((c) => [c.type, c.stacked, c.ranges])).toEqual([
      ['COLUMN', true, [`A${BLOCKS.weeks.row + 1}:G${BLOCKS.weeks.row + 13}`]],
      ['BAR', false, [`A${BLOCKS.roles.row + 1}:B${BLOCKS.roles.row + 16}`]],
    ]);
    expect(charts[0]!.title).toMatch(/Requests per week/);
    expect(charts[0]!.anchor).toEqual({ row: BLOCKS.weeks.row, column: 9 });

    sheet.advance(HOUR * 86_400_000);
    sheet.menu('refreshDashboard');
    expect(
      dashboard(sheet)
        .charts()
        .map((c) => c.id),
    ).toEqual(charts.map((c) => c.id));

    dashboard(sheet).removeChart(dashboard(sheet).getCharts()[0]!);
    sheet.menu('refreshDashboard');
    const after = dashboard(sheet).charts();
    expect(after).toHaveLength(2);
    expect(after.map((c) => c.title).sort()).toEqual(charts.map((c) => c.title).sort());
    expect(after.some((c) => c.id === charts[0]!.id)).toBe(false);
  });

  it('is refreshed by Reformat, with bold titles and number formats', async () => {
    const sheet = await seeded();
    sheet.menu('reformatSheet');
    const tab = dashboard(sheet);
    expect(refreshedAt(sheet)).toBe(NOW.getTime());
    expect(tab.getRange(`B${BLOCKS.figures.row + 7}`).getNumberFormat()).toBe('0.0%');
    const bobsMedian = tab.getRange(`J${BLOCKS.reviewers.row + 2}`);
    expect(bobsMedian.getNumberFormat()).toBe('[h]:mm');
    expect(bobsMedian.getValue()).toBeCloseTo(2 * HOUR, 9);
    expect(tab.getRange('A1').getFontWeight()).toBe('bold');
  });
});
