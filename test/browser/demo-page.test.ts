// Headless Chromium (Debian's, driven by playwright-core) on the demo page: two clusters' rows in one
// sheet, the spreadsheet's tabs, charts drawn from the runtime's chart records, the menu read from
// onOpen, and the View in Teleport dialog; hostile text stays text.
import { mkdir } from 'node:fs/promises';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chartData } from '../tools/demo/charts.js';
import { startDemo, type Demo } from '../tools/demo/demo.js';
import { QUARTER_DAYS } from '../tools/demo/quarter.js';
import {
  CHARTS_IN_PAGE,
  LAUNCH,
  barTotals,
  chartReadBack,
  type ChartSeen,
  linkBase,
  textBeside,
  untilRows,
} from './demo-page-helpers.js';

const ARTIFACTS = 'test-artifacts/browser';

/** Requests the demo's clusters have created since `start` (ms), gone from Teleport or not. */
function createdSince(demo: Demo, start: number): number {
  const ids = demo.clusters.flatMap((c) =>
    c.teleport
      .journal()
      .filter((e) => e.request.created.getTime() >= start)
      .map((e) => `${c.name}/${e.request.id}`),
  );
  return new Set(ids).size;
}
const HOSTILE =
  '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2"> =IMPORTXML("http://x","//a") 🔑 שלום';

describe('browser: the demo page with two clusters in one sheet', () => {
  let demo: Demo;
  let browser: Browser;
  let page: Page;
  let hostileId: string;

  beforeAll(async () => {
    await mkdir(ARTIFACTS, { recursive: true });
    demo = await startDemo({ activityEveryMs: 60_000 });
    hostileId = demo.clusters[0]!.teleport.createRequest({ user: '<b>mallory</b>', reason: HOSTILE }).id;
    browser = await chromium.launch(LAUNCH);
    page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
    await page.goto(demo.url);
  });
  afterAll(async () => {
    await browser?.close();
    await demo?.stop();
  });

  it("shows both clusters' requests on the Access Requests tab, each linking to its own Teleport", async () => {
    await untilRows(page, demo);
    expect(await page.locator('#tabs button.active').textContent()).toBe('Access Requests');
    for (const cluster of demo.clusters) {
      const hrefs = await page
        .locator(`#sheet tbody a[href^="${linkBase(cluster)}/web/requests/"]`)
        .evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      const ids = cluster.teleport.requests().map((r) => `${linkBase(cluster)}/web/requests/${r.id}`);
      expect(hrefs).toEqual(expect.arrayContaining(ids));
      const cells = await page.locator('#sheet tbody td').allTextContents();
      expect(cells.filter((t) => t === cluster.name).length).toBe(hrefs.length);
    }
    expect(await page.locator('#sheet tbody a').count()).toBe(await page.locator('#sheet tbody tr').count());
    const relays = await page.locator('#relays span').allTextContents();
    expect(relays).toEqual([expect.stringMatching(/^prod-relay \(prod\): ready/), expect.stringMatching(/staging/)]);
    await page.click('button[data-item="reformatSheet"]');
    await page.waitForFunction(`[...document.querySelectorAll('#sheet td')].some((td) => td.style.background !== '')`);
    await page.screenshot({ path: `${ARTIFACTS}/demo-access-requests.png` });
  });

  it('builds its buttons from the menu the script makes in onOpen', async () => {
    demo.runtime.ui.clear();
    demo.runtime.invoke('onOpen', 'simpleTrigger');
    const made = demo.runtime.ui.menus.flatMap((m) => m.items.map((i) => i.caption));
    const captions = await page.locator('#menu button').allTextContents();
    expect(captions).toEqual(made);
    expect(captions).toContain('Relay status');
  });

  it('shows the History tab when the script keeps one', async (ctx) => {
    const tabs = await page.locator('#tabs button').allTextContents();
    if (!tabs.includes('History')) return ctx.skip();
    await page.click('#tabs button[data-tab="History"]');
    await page.waitForFunction(`document.querySelectorAll('#sheet tbody tr').length > 0`);
    const text = await page.locator('#sheet tbody').textContent();
    for (const cluster of demo.clusters) expect(text).toContain(cluster.teleport.requests()[0]!.id);
    await page.screenshot({ path: `${ARTIFACTS}/demo-history.png` });
  });

  it('draws the Dashboard tab with its charts when the script keeps one', async (ctx) => {
    const tabs = await page.locator('#tabs button').allTextContents();
    if (!tabs.includes('Dashboard')) return ctx.skip();
    await page.click('#tabs button[data-tab="Dashboard"]');
    await page.waitForFunction(`window.demoCharts.size > 0`);
    const charts = await chartReadBack(page);
    expect(charts.length).toBeGreaterThan(0);
    for (const chart of charts) expect(chart.series.length).toBeGreaterThan(0);
    // A quarter of requests before the demo began: a bar for every week, decisions that took time.
    const weeks = await barTotals(page, 'Requests per week, by current status');
    expect(weeks.length).toBeGreaterThan(1);
    expect(weeks.filter((w) => w.total > 0)).toEqual(weeks);
    expect(await textBeside(page, 'Time to decision, median')).toMatch(/^(?!0:00$)\d+:\d\d$/);
    expect(await textBeside(page, 'Decided automatically')).toMatch(/^(?!0\.0%)\d+\.\d%$/);
    expect(Number(await textBeside(page, 'Expired without a decision'))).toBeGreaterThan(0);
    await page.screenshot({ path: `${ARTIFACTS}/demo-dashboard.png` });
  });

  it('exports the quarter as evidence: every request created in it, decided, denied and expired ones', async () => {
    const day = (daysAgo: number) => new Date(Date.now() - daysAgo * 86_400_000).toISOString().slice(0, 10);
    const period = `${day(QUARTER_DAYS)}..${day(0)}`;
    await page.click('button[data-item="exportEvidence"]');
    await page.locator('#ask').waitFor({ state: 'visible' });
    await page.fill('#ask-input', period);
    await page.press('#ask-input', 'Enter');
    await page.click(`#tabs button[data-tab="Evidence ${period}"]`);
    await page.waitForFunction(`document.querySelectorAll('#sheet tbody tr').length > 100`);
    const requests = Number(await textBeside(page, 'Requests'));
    expect(requests).toBeGreaterThan(demo.clusters.reduce((n, c) => n + c.quarter, 0));
    expect(requests).toBeLessThanOrEqual(createdSince(demo, Date.parse(day(QUARTER_DAYS))));
    expect(Number(await textBeside(page, 'History events'))).toBeGreaterThan(2 * requests);
    for (const status of ['APPROVED', 'DENIED', 'PROMOTED', 'EXPIRED']) {
      expect(Number(await textBeside(page, `Status ${status}`))).toBeGreaterThan(0);
    }
    // The Dashboard's charts went with it: this tab has none.
    await page.waitForFunction(`document.querySelectorAll('#charts figure').length === 0`);
    await page.screenshot({ path: `${ARTIFACTS}/demo-evidence.png` });
  });

  it('draws a stacked column chart and a bar chart from chart records: series, categories, points', async () => {
    // A hand-built record in FakeSheet.charts()'s shape over a small table, header row first.
    const table = [
      ['Week', 'APPROVED', 'DENIED'],
      ['w1', 3, 1],
      ['w2', 1, 5],
      ['w3', 4, ''],
      ['', '', ''],
    ];
    const cellAt = (row: number, col: number) => {
      const value = table[row - 1]?.[col - 1] ?? '';
      return { value, text: String(value) };
    };
    const record = (id: number, type: string, stacked: boolean) =>
      chartData(
        { id, type, stacked, ranges: ['A1:C5'], title: `${type} test`, options: {}, anchor: { row: 1, column: 5 } },
        cellAt,
      );
    const records = [record(9001, 'COLUMN', true), record(9002, 'BAR', false)];
    // Drawn and read back in one turn of the page's event loop, before its next refresh redraws the tab.
    const all = await page.evaluate<ChartSeen[]>(
      `(${JSON.stringify(records)}.forEach((c) => window.drawChart(c)), ${CHARTS_IN_PAGE})`,
    );
    const drawn = all.filter((c) => c.id === 9001 || c.id === 9002);
    const series = [
      { name: 'APPROVED', values: [3, 1, 4] },
      { name: 'DENIED', values: [1, 5, null] },
    ];
    const labels = ['w1', 'w2', 'w3'];
    expect(drawn).toEqual([
      { id: 9001, type: 'bar', indexAxis: 'x', stacked: true, labels, series },
      { id: 9002, type: 'bar', indexAxis: 'y', stacked: false, labels, series },
    ]);
    await page.screenshot({ path: `${ARTIFACTS}/demo-charts-drawn.png` });
  });

  it('shows hostile text as text, and View in Teleport opens the link', async () => {
    await page.click('#tabs button[data-tab="Access Requests"]');
    // The grid of the tab shown before (History holds this id too) stays until the new one is drawn.
    const shownOnce =
      `document.title.endsWith('Access Requests') && [...document.querySelectorAll('#sheet tbody tr')]` +
      `.filter((tr) => tr.textContent.includes(${JSON.stringify(hostileId)})).length === 1`;
    await page.waitForFunction(shownOnce);
    const row = page.locator('#sheet tbody tr', { hasText: hostileId });
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain('<script>window.__pwned=1</script>');
    expect(await page.evaluate('window.__pwned')).toBeUndefined();
    expect(await page.locator('#sheet tbody script, #sheet tbody img, #sheet tbody b').count()).toBe(0);

    await row.click();
    const want = `${linkBase(demo.clusters[0]!)}/web/requests/${hostileId}`;
    // The new tab asks for the request's page in Teleport's Web UI (unreachable from here, which is fine).
    const asked = page.context().waitForEvent('request', (r) => r.url() === want);
    const popup = page.context().waitForEvent('page');
    await page.click('button[data-item="viewInTeleport"]');
    expect((await asked).url()).toBe(want);
    await (await popup).close();
  });

  it('when a popup blocker stops the new tab, the dialog stays open with the link to click', async () => {
    // Chromium's own popup blocker (Playwright turns it off by default): the dialog's window.open
    // runs without a user gesture inside its frame, so it is blocked as a real browser would.
    const strict = await chromium.launch({ ...LAUNCH, ignoreDefaultArgs: ['--disable-popup-blocking'] });
    try {
      const other = await strict.newPage({ viewport: { width: 1200, height: 800 } });
      await other.goto(demo.url);
      await other.locator('#sheet tbody tr', { hasText: hostileId }).click();
      await other.click('button[data-item="viewInTeleport"]');
      const frame = other.frameLocator('#dialog-frame');
      const want = `${linkBase(demo.clusters[0]!)}/web/requests/${hostileId}`;
      const link = frame.locator(`a[href="${want}"]`);
      await link.waitFor({ state: 'visible' });
      expect(await frame.locator('#blocked').isVisible()).toBe(true);
      expect(await link.textContent()).toContain(hostileId);
      await other.screenshot({ path: `${ARTIFACTS}/view-dialog-popup-blocked.png` });
    } finally {
      await strict.close();
    }
  });
});
