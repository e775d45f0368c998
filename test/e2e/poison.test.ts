// One odd request must not hold up the others: a request whose access expiry is in year 10000
// (past what the contract's times can name), served by the Teleport stand-in among good ones,
// through the real relay process and the real bundle behind the 302 flow. Needs `npm run build`.
import { afterEach, describe, expect, it } from 'vitest';
import { SHEET_NAME } from '../../proto/contract.js';
import { Chain } from './chain.js';
import { checkSheet, describeVerdict } from './checker.js';
import { WEB_URL } from './chain.js';
import { until } from '../until.js';

let chain: Chain | undefined;
afterEach(async () => {
  await chain?.close();
  chain = undefined;
});

/** The row's cell under `header` ('' when empty), found by the header's name so the layout may grow. */
function cellOf(c: Chain, id: string, header: string): unknown {
  const sheet = c.runtime.spreadsheet.getSheetByName(SHEET_NAME);
  if (!sheet) return undefined;
  const headers = Array.from({ length: sheet.getLastColumn() }, (_, i) => sheet.cell(1, i + 1).value);
  const col = headers.indexOf(header) + 1;
  for (let row = 2; row <= sheet.getLastRow(); row++) {
    if (sheet.cell(row, 1).value !== id || col === 0) continue;
    const cell = sheet.cell(row, col);
    return cell.kind === 'empty' ? '' : cell.value;
  }
  return undefined;
}

describe('end to end: a year-10000 request among good ones', () => {
  it('reaches the sheet with an empty Access expires, counted, and every other request flows', async () => {
    chain = await Chain.start();
    const c = chain;
    for (let i = 0; i < 5; i++) c.teleport.createRequest({ user: `before-${i}` });
    const odd = c.teleport.createRequest({ user: 'far-future', accessExpires: new Date(Date.UTC(10000, 0, 1)) });
    c.teleport.review(odd.id, { author: 'bob', state: 'APPROVED' });
    const relay = await c.startRelay();
    for (let i = 0; i < 5; i++) c.teleport.createRequest({ user: `after-${i}` });
    // The odd request is expected with no access expiry: the relay sends null for a time past 9999.
    const expected = () =>
      c.teleport.requests().map((r) => (r.id === odd.id ? { ...r, accessExpires: null as unknown as Date } : r));
    const check = () =>
      checkSheet(c.runtime, expected(), { cluster: c.cluster.name, webUrl: WEB_URL, journal: c.teleport.journal() });
    const status = () => cellOf(c, odd.id, 'Status');
    await until(
      'every row',
      () => ({ verdict: check(), status: status() }),
      (s) => s.verdict.ok && s.status === 'APPROVED',
      {
        timeoutMs: 60_000,
        intervalMs: 50,
        show: (s) => `${describeVerdict(s.verdict)}; the odd row's Status: ${String(s.status)}`,
      },
    );
    console.log(`  checker: ${describeVerdict(check())}`);
    expect(cellOf(c, odd.id, 'Access expires')).toBe('');
    expect(cellOf(c, odd.id, 'User')).toBe('far-future');
    const metrics = (await relay.get('/metrics')).body;
    expect(metrics).toMatch(/^teleport_sheets_times_out_of_range_total [1-9]/m);
    expect(metrics).not.toMatch(/teleport_sheets_delivery_failures_total\{reason="bad_request"\}/);
  });
});
