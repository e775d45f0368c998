// What the demo page's browser tests share: how Chromium is launched, and what they read back
// from the page (rows of each cluster, the chart library's own instances).
import type { Page } from 'playwright-core';
import type { Demo } from '../tools/demo/demo.js';
import type { DemoCluster } from '../tools/demo/clusters.js';

export const LAUNCH = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};

export const linkBase = (cluster: DemoCluster): string => cluster.webUrl;

/** Waits until every request of every cluster shows on the page as a link to its own Teleport. */
export async function untilRows(page: Page, demo: Demo): Promise<void> {
  const wanted = demo.clusters.flatMap((c) => c.teleport.requests().map((r) => `${c.webUrl}/web/requests/${r.id}`));
  const shown = `new Set([...document.querySelectorAll('#sheet tbody a')].map((a) => a.getAttribute('href')))`;
  await page.waitForFunction(`((shown) => ${JSON.stringify(wanted)}.every((h) => shown.has(h)))(${shown})`);
}

export interface ChartSeen {
  id: number;
  type: string;
  indexAxis: string;
  stacked: boolean;
  labels: unknown[];
  series: { name: string; values: unknown[] }[];
}

/** The charts as Chart.js holds them in the page (window.demoCharts: chart id → Chart instance), as an
 * expression evaluated in the page (a string, so no DOM types are needed in this project's TypeScript). */
export const CHARTS_IN_PAGE = `[...window.demoCharts].map(([id, c]) => ({
  id,
  type: c.config.type,
  indexAxis: c.options.indexAxis,
  stacked: Boolean(c.options.scales?.x?.stacked),
  labels: [...c.data.labels],
  series: c.data.datasets.map((d) => ({ name: d.label, values: [...d.data] })),
}))`;

export async function chartReadBack(page: Page): Promise<ChartSeen[]> {
  return page.evaluate<ChartSeen[]>(CHARTS_IN_PAGE);
}

/** Each category of the chart captioned `caption` with the sum of its series there: the bar drawn for it. */
export async function barTotals(page: Page, caption: string): Promise<{ label: string; total: number }[]> {
  return page.evaluate(`(() => {
    const chart = [...window.demoCharts.values()].find(
      (c) => c.canvas.closest('figure').querySelector('figcaption').textContent === ${JSON.stringify(caption)});
    return (chart?.data.labels ?? []).map((label, i) => ({
      label: String(label),
      total: chart.data.datasets.reduce((sum, d) => sum + (Number(d.data[i]) || 0), 0),
    }));
  })()`);
}

/** The text of the cell right of the first cell reading `label` on the tab shown. */
export async function textBeside(page: Page, label: string): Promise<string | null> {
  return page.evaluate(`(() => {
    const cell = [...document.querySelectorAll('#sheet td')].find((td) => td.textContent === ${JSON.stringify(label)});
    return cell?.nextElementSibling?.textContent ?? null;
  })()`);
}
