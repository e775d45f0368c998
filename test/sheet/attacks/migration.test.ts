// A sheet from before contract §15: its sealing key in Script Properties (where every editor could
// read it), Version cells without the cover of the visible cells, History rows without seals. The
// first batch of this version moves the key to the owner's User Properties, unchanged, and seals
// History's rows as they stand; every row stays its request's (a resync writes no second row);
// main-tab rows are vouched for once written again.
import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { COL } from '../../../appsscript/src/ledger/layout.js';
import { SEAL_COL } from '../../../appsscript/src/ledger/history-seal.js';
import type { Request } from '../../../proto/contract.js';
import { makeRequest } from '../fixtures.js';
import { bundleForThisFile } from '../file-bundle.js';
import { seedHistory, seedRowKey, seedRows } from '../seed.js';
import { Scene, approved } from './scene.js';

const bundle = bundleForThisFile();
let scene: Scene | null = null;
afterEach(async () => {
  await scene?.close();
  scene = null;
});

/** Rewrites every Version cell as the version before §15 sealed it (no cover, no Updated); History loses its seals. */
function beforeSeals(s: Scene, key: string): void {
  const history = s.history();
  history.getRange(1, SEAL_COL, history.getLastRow(), 1).clearContent();
  const main = s.main();
  const last = main.getLastRow();
  for (let row = 2; row <= last; row++) {
    const cell = String(main.cell(row, COL.version).value);
    const { w: _w, t: _t, ...old } = JSON.parse(cell.slice(32)) as Record<string, unknown>;
    const json = JSON.stringify(old);
    const tag = createHmac('sha256', key)
      .update('teleport-sheets row\n' + json)
      .digest('hex')
      .slice(0, 32);
    main.getRange(row, COL.version).setValue(`'${tag}${json}`);
  }
}

describe('a sheet sealed before §15', () => {
  it('keeps every row its request’s, moves the key where no editor reads it, and vouches once rewritten', async () => {
    scene = await Scene.open(bundle.dir);
    const requests: Request[] = Array.from({ length: 20 }, () => makeRequest({ created: '2025-11-20T10:00:00.000Z' }));
    seedRows(scene.sheet, requests);
    seedHistory(scene.sheet, 40);
    const rt = scene.sheet.rt;
    const key = rt.userProperties.get('teleport.sealingKey')!;
    rt.userProperties.deleteProperty('teleport.sealingKey');
    seedRowKey(scene.sheet, { legacy: true });
    beforeSeals(scene, key);

    await scene.resync([approved(requests[0]!), ...requests.slice(1)]);
    expect(rt.properties.get('teleport.rowKey')).toBeNull();
    expect(rt.userProperties.get('teleport.sealingKey')).toBe(key);
    for (const r of requests) expect(scene.rowsOf(r.id)).toHaveLength(1);
    // History's older rows were sealed as they stood, once: each holds a key no other row holds.
    const sealCells = scene
      .history()
      .values()
      .slice(1)
      .map((row) => row[SEAL_COL - 1]);
    expect(sealCells.filter((cell) => typeof cell === 'string' && /^[0-9a-f]{32}$/.test(cell))).toHaveLength(
      sealCells.length,
    );
    expect(scene.cell(requests[0]!.id, COL.status)).toBe('APPROVED');
    expect(scene.events(scene.keyOf(requests[0]!.id, 'state/APPROVED'))).toHaveLength(1);

    rt.ui.answer('OK', '2025-11');
    scene.asOwner('exportEvidence');
    const evidence = scene.exported('Evidence 2025-11').values();
    const label = (name: string) => evidence.find((row) => row[0] === name)?.[1];
    // The resync rewrote every row whose cells it could check: all 20 are vouched for.
    expect([label('Requests'), label('Rows not vouched for')]).toEqual(['20', '0']);
  });
});
