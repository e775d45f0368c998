// Headless Chromium (Debian's, driven by playwright-core) on the demo page and the View in
// Teleport dialog: rows render, links point at Teleport, hostile text stays text.
import { mkdir } from 'node:fs/promises';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WEB_URL } from '../e2e/chain.js';
import { startDemo, type Demo } from '../demo/demo.js';

const ARTIFACTS = 'test-artifacts/browser';
const LAUNCH = {
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
const HOSTILE =
  '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2"> =IMPORTXML("http://x","//a") 🔑 שלום';

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
    browser = await chromium.launch(LAUNCH);
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
    // The new tab asks for the request's page in Teleport's Web UI (unreachable from here, which is fine).
    const asked = page.context().waitForEvent('request', (r) => r.url().startsWith(WEB_URL));
    const popup = page.context().waitForEvent('page');
    await page.click('#view');
    expect((await asked).url()).toBe(`${WEB_URL}/web/requests/${hostileId}`);
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
      await other.click('#view');
      const frame = other.frameLocator('#dialog-frame');
      const link = frame.locator(`a[href="${WEB_URL}/web/requests/${hostileId}"]`);
      await link.waitFor({ state: 'visible' });
      expect(await frame.locator('#blocked').isVisible()).toBe(true);
      expect(await link.textContent()).toContain(hostileId);
      await other.screenshot({ path: `${ARTIFACTS}/view-dialog-popup-blocked.png` });
    } finally {
      await strict.close();
    }
  });
});
