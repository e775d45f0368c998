// Headless Chromium (Debian's, driven by playwright-core) on the demo page and the View in
// Teleport dialog: rows render, links point at Teleport, hostile text stays text.
import { mkdir } from 'node:fs/promises';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEB_URL } from '../e2e/chain.js';
import { startDemo, type Demo } from '../demo/demo.js';

const ARTIFACTS = 'test-artifacts/browser';
const HOSTILE = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2"> =IMPORTXML("http://x","//a") 🔑 שלום';

describe('browser: the demo page and the View in Teleport dialog', () => {
  let demo: Demo;
  let browser: Browser;
  let page: Page;
  let hostileId: string;

  beforeAll(async () => {
    await mkdir(ARTIFACTS, { recursive: true });
    demo = await startDemo({ activityEveryMs: 60_000 });
    hostileId = demo.chain.teleport.createRequest({ user: '<b>mallory</b>', reason: HOSTILE }).id;
    await demo.chain.converge();
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
    await page.goto(demo.url);
  });
  afterAll(async () => {
    await browser?.close();
    await demo?.stop();
  });

  it('renders one row per request with links to <webUrl>/web/requests/<id>', async () => {
    const expected = demo.chain.check().rows;
    await page.waitForFunction(`document.querySelectorAll('#sheet tbody tr').length === ${expected}`);
    const hrefs = await page.locator('#sheet tbody a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(hrefs.length).toBe(expected);
    for (const href of hrefs) expect(href).toMatch(new RegExp(`^${WEB_URL}/web/requests/[0-9a-f-]{36}$`));
    await page.click('button[data-item="reformatSheet"]');
    await page.waitForFunction(`[...document.querySelectorAll('#sheet td')].some((td) => td.style.background !== '')`);
    await page.screenshot({ path: `${ARTIFACTS}/demo-page.png`, fullPage: false });
  });

  it('shows hostile text as text, and View in Teleport opens a dialog with the link', async () => {
    const row = page.locator('#sheet tbody tr', { hasText: hostileId });
    await expect(row.textContent()).resolves.toContain('<script>window.__pwned=1</script>');
    expect(await page.evaluate('window.__pwned')).toBeUndefined();
    expect(await page.locator('#sheet tbody script, #sheet tbody img, #sheet tbody b').count()).toBe(0);

    await row.click();
    await page.click('#view');
    const frame = page.frameLocator('#dialog-frame');
    const link = frame.locator(`a[href="${WEB_URL}/web/requests/${hostileId}"]`);
    await link.waitFor();
    expect(await page.evaluate('window.__pwned')).toBeUndefined();
    await page.screenshot({ path: `${ARTIFACTS}/view-dialog.png` });
  });
});
