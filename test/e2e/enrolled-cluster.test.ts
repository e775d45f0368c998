// Per-cluster secrets (contract §11) end to end: the owner enrols the relay's cluster in the real
// built bundle, the real relay process gets that cluster's secret, and every POST it makes is signed
// v2 and taken from the first; a relay still holding the sheet-wide secret is refused for that
// cluster and says which fix applies. Needs `npm run build`.
import { writeFile } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { Chain, WEB_URL } from './chain.js';
import { runCheck } from './relay-process.js';
import { until } from '../until.js';

let chain: Chain | undefined;
afterEach(async () => {
  await chain?.close();
  chain = undefined;
});

function sample(metrics: string, series: string): number | null {
  const line = metrics.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? null : Number(line.slice(series.length + 1));
}

/** The owner's Add cluster… in the sheet; returns the secret its dialog showed once. */
function enrol(c: Chain): string {
  c.runtime.ui.answer('OK', c.cluster.name);
  c.runtime.ui.answer('OK', WEB_URL);
  c.runtime.invoke('addCluster', 'menu');
  const secret = /<pre id="secret">([0-9a-f]{64})<\/pre>/.exec(c.runtime.ui.dialogs.at(-1)?.html ?? '')?.[1];
  if (!secret) throw new Error(`Add cluster showed no secret: ${c.runtime.ui.alerts.at(-1)?.prompt}`);
  return secret;
}

const checkOf = (c: Chain) => runCheck(c.dir, c.relayConfig('check'));

describe('end to end: an enrolled cluster', () => {
  it('is written by its relay signing v2 with its own secret from the first POST', async () => {
    chain = await Chain.start();
    const c = chain;
    await writeFile(c.secretFile, `${enrol(c)}\n`, { mode: 0o600 });
    for (let i = 0; i < 4; i++) c.teleport.createRequest({ user: `user-${i}` });
    const relay = await c.startRelay({ heartbeatInterval: '1h' });
    const r = c.teleport.createRequest({ user: 'reviewed' });
    c.teleport.review(r.id, { author: 'bob', state: 'APPROVED' });
    expect((await c.converge()).ok).toBe(true);
    const metrics = await until(
      'the last reply counted',
      async () => (await relay.get('/metrics')).body,
      (m) => sample(m, 'teleport_sheets_batches_delivered_total') === c.web.posts,
      { show: (m) => `${sample(m, 'teleport_sheets_batches_delivered_total')} batches, ${c.web.posts} POSTs` },
    );
    expect(sample(metrics, 'teleport_sheets_signature_version')).toBe(2);
    const check = await checkOf(c);
    expect(check.stdout).toContain('✓ signature: v2');
    expect(check.code).toBe(0);
  });

  it('refuses a relay that still holds the sheet-wide secret, whose check names the fix', async () => {
    chain = await Chain.start();
    const c = chain;
    enrol(c);
    const check = await checkOf(c);
    expect(check.code).not.toBe(0);
    expect(check.stdout).toMatch(/bad_signature/);
    expect(check.stdout).toContain('Add cluster…');
  });
});
