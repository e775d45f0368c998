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
