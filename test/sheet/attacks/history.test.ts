// Issue 17, finding 3 (a–c): History forged or losing events, through the 302 front against the
// built bundle, with an editor at the keyboard. Each of these lost or forged an event before §15.
import { afterEach, describe, expect, it } from 'vitest';
import { COL } from '../../../appsscript/src/ledger/layout.js';
import { HISTORY_COL } from '../../../appsscript/src/ledger/layout.js';
import { upsert } from '../fixtures.js';
import { bundleForThisFile } from '../file-bundle.js';
import { Scene, approved } from './scene.js';

const bundle = bundleForThisFile();
let scene: Scene | null = null;
afterEach(async () => {
  await scene?.close();
  scene = null;
});

/** A row as an editor types it: only the columns given, the rest blank. */
function typedRow(cells: Partial<Record<keyof typeof HISTORY_COL, unknown>>): unknown[] {
  return (Object.keys(HISTORY_COL) as (keyof typeof HISTORY_COL)[]).map((name) => cells[name] ?? '');
}

describe('History under attack', () => {
  it('(a) a typed row carrying a real event’s Key, above the genuine one, never displaces it in Reformat', async () => {
    scene = await Scene.open(bundle.dir);
    const [r] = await scene.requests(1);
    await scene.deliver([upsert(approved(r!))]);
    const key = scene.keyOf(r!.id, 'review/1');
    expect(scene.events(key)).toEqual([['reviewed', 'bob', 'APPROVED — ok']]);
    const history = scene.history();
    history.insertRowsBefore(2, 1);
    const forged = typedRow({ time: new Date('2025-11-23T12:30:00.000Z'), event: 'reviewed', by: 'mallory', key });
    history.getRange(2, 1, 1, forged.length).setValues([forged]);
    scene.asOwner('reformatSheet');
    scene.asEditor('reformatSheet');
    expect(scene.events(key)).toContainEqual(['reviewed', 'bob', 'APPROVED — ok']);
  });

  it('(b) a row inserted under the header never makes the next batch overwrite a genuine event', async () => {
    scene = await Scene.open(bundle.dir);
    const [first] = await scene.requests(1);
    scene.history().insertRowsBefore(2, 1);
    const [second] = await scene.requests(1);
    expect(scene.events(scene.keyOf(first!.id, 'requested'))).toHaveLength(1);
    expect(scene.events(scene.keyOf(second!.id, 'requested'))).toHaveLength(1);
    // Sorted by a person, then deleted from: the script still finds where its rows end.
    const history = scene.history();
    history.sort(HISTORY_COL.requestId, false);
    const blankRow = history.values().findIndex((row, i) => i > 0 && row.every((cell) => cell === ''));
    if (blankRow > 0 && blankRow < history.getLastRow()) history.deleteRows(blankRow + 1, 1);
    const [third] = await scene.requests(1);
    for (const r of [first, second, third]) expect(scene.events(scene.keyOf(r!.id, 'requested'))).toHaveLength(1);
  });

  it('(c) typed Keys, a typed Version cell and a Reformat never suppress a later approval’s events', async () => {
    scene = await Scene.open(bundle.dir);
    const [r] = await scene.requests(1);
    const history = scene.history();
    const last = history.getLastRow();
    history.getRange(last + 1, HISTORY_COL.key).setValue(scene.keyOf(r!.id, 'review/1'));
    history.getRange(last + 2, HISTORY_COL.key).setValue(scene.keyOf(r!.id, 'state/APPROVED'));
    scene.type(r!.id, COL.version, 'x');
    scene.asEditor('reformatSheet');
    scene.asOwner('reformatSheet');
    await scene.deliver([upsert(approved(r!))]);
    expect(scene.events(scene.keyOf(r!.id, 'review/1'))).toContainEqual(['reviewed', 'bob', 'APPROVED — ok']);
    expect(scene.events(scene.keyOf(r!.id, 'state/APPROVED'))).toContainEqual(['approved', 'bob', '']);
    expect(scene.rowsOf(r!.id)).toHaveLength(1);
  });
});
