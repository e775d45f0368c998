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
    const before = Array.from({ length: 5 }, (_, i) => c.teleport.createRequest({ user: `before-${i}` }));
    const odd = c.teleport.createRequest({ user: 'far-future', accessExpires: new Date(Date.UTC(10000, 0, 1)) });
    c.teleport.review(odd.id, { author: 'bob', state: 'APPROVED' });
    const relay = await c.startRelay();
    const after = Array.from({ length: 5 }, (_, i) => c.teleport.createRequest({ user: `after-${i}` }));
    const good = [...before, ...after].map((r) => c.teleport.requests().find((s) => s.id === r.id)!);
    const ids = new Set(good.map((r) => r.id));
    const journal = () => c.teleport.journal().filter((e) => ids.has(e.request.id));
    const check = () => checkSheet(c.runtime, good, { cluster: c.cluster.name, webUrl: WEB_URL, journal: journal() });
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
    console.log(`  checker (good requests): ${describeVerdict(check())}`);
    expect(cellOf(c, odd.id, 'Access expires')).toBe('');
    expect(cellOf(c, odd.id, 'User')).toBe('far-future');
    const metrics = (await relay.get('/metrics')).body;
    expect(metrics).toMatch(/^teleport_sheets_times_out_of_range_total [1-9]/m);
    expect(metrics).not.toMatch(/teleport_sheets_delivery_failures_total\{reason="bad_request"\}/);
  });
});
