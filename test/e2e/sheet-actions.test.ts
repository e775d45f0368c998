// The sheet's side of the chain: "Refresh from Teleport" leads to a full resync, and hostile text
// stays text in the sheet and in the View in Teleport dialog.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHEET_NAME } from '../../proto/contract.js';
import { Chain, WEB_URL } from './chain.js';
import { describeVerdict, isSameText } from './checker.js';

export const HOSTILE_REASON =
  '=IMPORTXML("http://evil.example/x","//a") <script>alert(1)</script> <img src=x onerror=alert(2)> ' +
  `🔑 שלום עולם ${'x'.repeat(60_000)}`;

describe('end to end: sheet actions', () => {
  let chain: Chain;
  beforeAll(async () => {
    chain = await Chain.start();
    await chain.startRelay();
  });
  afterAll(async () => chain?.close());

  it('"Refresh from Teleport" makes the relay list everything again and close with a sync', async () => {
    const r = chain.teleport.createRequest({ user: 'alice' });
    await chain.converge();
    const lists = chain.teleport.stats.lists;
    chain.runtime.invoke('refreshFromTeleport', 'menu');
    await chain.teleport.waitFor(() => chain.teleport.stats.lists > lists, 30_000);
    chain.teleport.review(r.id, { author: 'bob', state: 'DENIED' });
    const verdict = await chain.converge();
    console.log(`  refresh: ${describeVerdict(verdict)}`);
    expect(verdict.ok).toBe(true);
  });

  it('a hostile request is plain text in the sheet and in the View dialog', async () => {
    const r = chain.teleport.createRequest({
      user: '=HYPERLINK("http://x","y")',
      roles: ['+cmd', '@SUM(A1)'],
      reason: HOSTILE_REASON,
    });
    const verdict = await chain.converge();
    console.log(`  hostile: ${describeVerdict(verdict)}`);
    expect(verdict.ok).toBe(true);
    const sheet = chain.runtime.spreadsheet.getSheetByName(SHEET_NAME)!;
    let row = 0;
    for (let i = 2; i <= sheet.getLastRow(); i++) if (sheet.cell(i, 1).value === r.id) row = i;
    expect(sheet.cell(row, 7).kind).toBe('text');
    expect(isSameText(sheet.cell(row, 7).value, HOSTILE_REASON)).toBe(true);
    expect(String(sheet.cell(row, 7).value).length).toBeLessThanOrEqual(50_000);
    expect(sheet.cell(row, 3)).toMatchObject({ kind: 'text', value: '=HYPERLINK("http://x","y")' });

    chain.runtime.setActiveRange(SHEET_NAME, `C${row}`);
    chain.runtime.invoke('viewInTeleport', 'menu');
    const html = chain.runtime.ui.dialogs.at(-1)!.html;
    expect(html).toContain(`${WEB_URL}/web/requests/${r.id}`);
    expect(html).not.toContain('<script>alert(1)');
    expect(html).not.toContain('<img src=x');
  });
});
