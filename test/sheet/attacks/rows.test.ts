// Issue 17, findings 3 (d) and 4: the main tab's seal, typed-over cells and copied Version cells,
// and the sealing key, through the 302 front against the built bundle with an editor at the keyboard.
import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { COL } from '../../../appsscript/src/ledger/layout.js';
import { upsert } from '../fixtures.js';
import { bundleForThisFile } from '../file-bundle.js';
import { EDITOR, Scene, approved, denied } from './scene.js';

const bundle = bundleForThisFile();
let scene: Scene | null = null;
afterEach(async () => {
  await scene?.close();
  scene = null;
});

/** Every string an editor can read without changing the script: Script Properties, caches, their own stores. */
function editorReadable(s: Scene): string[] {
  const rt = s.sheet.rt;
  const mine = rt.userCacheOf(EDITOR);
  const values = [
    ...Object.values(rt.properties.all()),
    ...rt.cache.keys().map((k) => rt.cache.get(k) ?? ''),
    ...Object.values(rt.userPropertiesOf(EDITOR).all()),
    ...mine.keys().map((k) => mine.get(k) ?? ''),
  ];
  return values.flatMap((v) => [v, ...(v.match(/[0-9a-f]{64}/g) ?? [])]);
}

/** A key that verifies this Version cell, among the candidates, as the row-sealing HMAC did before §15. */
function keyFor(cell: string, candidates: readonly string[]): string | null {
  const [tag, json] = [cell.slice(0, 32), cell.slice(32)];
  return (
    candidates.find((key) => {
      const mac = createHmac('sha256', key)
        .update('teleport-sheets row\n' + json)
        .digest('hex');
      return mac.slice(0, 32) === tag;
    }) ?? null
  );
}

describe('the main tab under attack', () => {
  it('(3d) DENIED typed over as APPROVED is rewritten by the resync and never exported as the script’s', async () => {
    scene = await Scene.open(bundle.dir);
    const [r] = await scene.requests(1);
    const final = denied(r!);
    await scene.deliver([upsert(final)]);
    scene.type(r!.id, COL.status, 'APPROVED');
    scene.type(r!.id, COL.decidedBy, 'mallory');
    scene.type(r!.id, COL.reviews, 'mallory: APPROVED');
    scene.sheet.rt.ui.answer('OK', '2025-11');
    scene.asOwner('exportEvidence');
    const evidence = scene.exported('Evidence 2025-11').values();
    expect(evidence.some((row) => row[0] === r!.id && row[4] === 'APPROVED')).toBe(false);
    expect(JSON.stringify(evidence)).toContain(r!.id);
    await scene.resync([final]);
    expect([scene.cell(r!.id, COL.status), scene.cell(r!.id, COL.decidedBy)]).toEqual(['DENIED', 'carol']);
    expect(scene.cell(r!.id, COL.reviews)).toBe('carol: DENIED — no');
  });

  it('(4) a Version cell copied from another request’s row never leads to a second row', async () => {
    scene = await Scene.open(bundle.dir);
    const [a, b] = await scene.requests(2);
    const [rowA] = scene.rowsOf(a!.id);
    const [rowB] = scene.rowsOf(b!.id);
    const main = scene.main();
    main.getRange(rowB!, COL.version).setValue(main.cell(rowA!, COL.version).value);
    await scene.deliver([upsert(approved(b!))]);
    await scene.deliver([upsert(approved(a!))]);
    expect(scene.rowsOf(b!.id)).toHaveLength(1);
    expect(scene.rowsOf(a!.id)).toHaveLength(1);
    expect([scene.cell(a!.id, COL.status), scene.cell(b!.id, COL.status)]).toEqual(['APPROVED', 'APPROVED']);
  });

  it('(4) no editor can read the sealing key, so none re-seals a PENDING row as DENIED with 999 reviews', async () => {
    scene = await Scene.open(bundle.dir);
    const [r] = await scene.requests(1);
    scene.asEditor('relayStatus');
    scene.asEditor('reformatSheet');
    scene.asEditor('refreshDashboard');
    const [row] = scene.rowsOf(r!.id);
    const cell = String(scene.main().cell(row!, COL.version).value);
    const key = keyFor(cell, editorReadable(scene));
    expect(key).toBeNull();
    // What the editor did with the key when they had it: the real approval then came back stale.
    const json = JSON.parse(cell.slice(32)) as Record<string, unknown>;
    const forged = JSON.stringify({ ...json, s: 'DENIED', r: 3, n: 999 });
    const tag = createHmac('sha256', key ?? 'a guess')
      .update('teleport-sheets row\n' + forged)
      .digest('hex');
    scene
      .main()
      .getRange(row!, COL.version)
      .setValue(tag.slice(0, 32) + forged);
    scene.type(r!.id, COL.status, 'DENIED');
    await scene.deliver([upsert(approved(r!))]);
    expect(scene.cell(r!.id, COL.status)).toBe('APPROVED');
    expect(scene.rowsOf(r!.id)).toHaveLength(1);
  });

  it('(4) an editor opens View in Teleport at the verified address, and is told what waits for the owner', async () => {
    scene = await Scene.open(bundle.dir);
    const [r] = await scene.requests(1);
    const [row] = scene.rowsOf(r!.id);
    scene.sheet.rt.setActiveRange('Access Requests', `A${row}`);
    scene.asEditor('viewInTeleport');
    expect(scene.sheet.rt.ui.dialogs.at(-1)?.html).toContain(`https://example.teleport.sh/web/requests/${r!.id}`);
    scene.asEditor('reformatSheet');
    expect(scene.sheet.rt.ui.toasts.at(-1)?.message).toMatch(/only the owner’s executions hold/);
  });
});
