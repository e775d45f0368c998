// Per-cluster signing (contract §11), by the real relay process. Against a sheet from before it —
// today's built bundle behind the 302 flow only knows v1 — the relay signs v2, is refused, sends
// the same batch signed v1 with the same secret, and signs v1 from then on, saying so once in its
// log, its metrics and `check`. Against a sheet that takes v2 (the relay's own stand-in, as the
// bundle does not yet), it signs v2 from the first POST. Needs `npm run build`.
import { afterEach, describe, expect, it } from 'vitest';
import { Chain } from './chain.js';
import { describeVerdict } from './checker.js';
import { runCheck } from './relay-process.js';
import { startStandInRig, type StandInRig } from './stand-in-rig.js';
import { until } from '../until.js';

let chain: Chain | undefined;
let rig: StandInRig | undefined;
afterEach(async () => {
  await chain?.close();
  await rig?.close();
  chain = rig = undefined;
});

/** A Prometheus sample's value, or null when the series is absent. */
function sample(metrics: string, series: string): number | null {
  const line = metrics.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? null : Number(line.slice(series.length + 1));
}

describe('end to end: the signature the relay signs (contract §11)', () => {
  it('with the bundle from before §11: v1 after the first refusal, kept, said once (log, metric, check)', async () => {
    chain = await Chain.start();
    const c = chain;
    for (let i = 0; i < 5; i++) c.teleport.createRequest({ user: `before-${i}` });
    const relay = await c.startRelay({ heartbeatInterval: '1h' });
    const first = await c.converge();
    for (let i = 0; i < 5; i++) c.teleport.createRequest({ user: `after-${i}` });
    const r = c.teleport.createRequest({ user: 'reviewed' });
    c.teleport.review(r.id, { author: 'bob', state: 'APPROVED' });
    const verdict = await c.converge();
    console.log(`  checker: ${describeVerdict(first)}; then ${describeVerdict(verdict)}`);
    expect(verdict.ok).toBe(true);

    // Exactly one POST more than the batches the sheet took: the one v2 attempt, at the start.
    const metrics = await until(
      'the last reply counted',
      async () => (await relay.get('/metrics')).body,
      (m) => sample(m, 'teleport_sheets_batches_delivered_total')! + 1 === c.web.posts,
      { show: (m) => `${sample(m, 'teleport_sheets_batches_delivered_total')} batches, ${c.web.posts} POSTs` },
    );
    expect(sample(metrics, 'teleport_sheets_signature_version')).toBe(1);
    // The refused v2 POST was not a failed delivery: the same attempt went through signed v1.
    expect(metrics).not.toMatch(/teleport_sheets_delivery_failures_total\{reason="bad_signature"\}/);
    const said = relay.output.filter((line) => line.includes('"signature":"v1"'));
    expect(said).toHaveLength(1);
    expect(JSON.parse(said[0]!)).toMatchObject({ level: 'warn', cluster: c.cluster.name });
    expect(said[0]).toMatch(/signing v1, the sheet-wide secret \(the sheet refused v2 .*Add cluster…/);

    const check = await runCheck(c.dir, c.relayConfig('check'));
    expect(check.stdout).toContain(`✓ signature: v1, the sheet-wide secret (the sheet refused v2`);
    expect(check.code).toBe(0);
  });

  it('a sheet that takes v2 only (the stand-in): every POST signed v2 from the first, nothing to report', async () => {
    rig = await startStandInRig('v2', {}, (sheet, teleport) => {
      sheet.signatures = 'v2';
      for (let i = 0; i < 3; i++) teleport.createRequest({ user: `before-${i}` });
    });
    const r = rig;
    await until(
      'every request',
      () => r.sheet.live().length,
      (n) => n === 3,
      { show: () => r.relay.tail(10) },
    );
    const metrics = await until(
      'the last reply counted',
      async () => (await r.relay.get('/metrics')).body,
      (m) => sample(m, 'teleport_sheets_batches_delivered_total') === r.web.posts,
    );
    expect(sample(metrics, 'teleport_sheets_signature_version')).toBe(2);
    expect(r.sheet.posts.map((p) => p.signature)).toEqual(r.sheet.posts.map(() => 2));
    expect(r.relay.output.filter((line) => line.includes('"signature":'))).toEqual([]);
  });
});
