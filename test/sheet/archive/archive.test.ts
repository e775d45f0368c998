// Archive… through the real bundle: the rows of requests Teleport no longer has, created before the
// cutoff, move with their History into an archive spreadsheet of their own and give their room
// back; recorded once on the Exports tab and in History. Killed at every tenth call in turn and run
// again, it loses nothing, doubles nothing and ends with the same digest. A request Teleport still
// has is never archived.
import { describe, expect, it } from 'vitest';
import { COL, HISTORY_COL } from '../../../appsscript/src/ledger/layout.js';
import { GasRuntimeError } from '../../gas/runtime.js';
import type { FakeSpreadsheet } from '../../gas/spreadsheet.js';
import { bundleForThisFile } from '../file-bundle.js';
import { Sheet } from '../harness.js';
import { seedRowKey } from '../seed.js';
import { archiveLedger, archiveQ1, liveLedger, sha256 } from './archive-life.js';

const bundle = bundleForThisFile();
const ledger = archiveLedger();
const goneIds = ledger.gone.map((r) => r.id).sort();

/** The same ledger every time, sealed with the same key, so that two sheets archive to the same digest. */
async function lived(): Promise<Sheet> {
  const sheet = await Sheet.open(bundle.dir);
  seedRowKey(sheet);
  liveLedger(sheet, ledger);
  return sheet;
}

const dataRows = (ss: FakeSpreadsheet | null, tab: string): unknown[][] =>
  (ss?.getSheetByName(tab)?.values() ?? []).slice(1).filter((row) => row.some((c) => c !== ''));

/** The archive the Exports tab lists (the one a run finished), or null. */
function listedArchive(sheet: Sheet): { ss: FakeSpreadsheet; digest: string } | null {
  const rows = dataRows(sheet.rt.spreadsheet, 'Exports').filter((r) => r[0] === 'archive');
  if (rows.length === 0) return null;
  expect(rows).toHaveLength(1);
  const id = /\/d\/([A-Za-z0-9_-]+)/.exec(String(rows[0]![2]))![1]!;
  return { ss: sheet.rt.drive.byId(id)!, digest: String(rows[0]![3]) };
}

/** The auditor's recipe (docs/capacity.md): each table's rows in key order, cells tab-joined, a blank line between. */
function recompute(ss: FakeSpreadsheet): string {
  const cell = (v: unknown) => (v instanceof Date ? v.toISOString() : v === null || v === undefined ? '' : String(v));
  const sorted = (rows: unknown[][], key: (r: unknown[]) => string) =>
    rows
      .map((r) => ({ key: key(r), line: JSON.stringify(r.map(cell)) }))
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
      .map((r) => r.line);
  const main = sorted(dataRows(ss, 'Access Requests'), (r) => JSON.stringify([r[COL.cluster - 1], r[COL.id - 1]]));
  const history = sorted(dataRows(ss, 'History'), (r) => String(r[HISTORY_COL.key - 1]));
  return sha256([...main, '[]', ...history].join('\n'));
}

const idsOf = (rows: unknown[][]) => rows.map((r) => String(r[COL.id - 1]));
const historyIds = (rows: unknown[][]) => rows.map((r) => String(r[HISTORY_COL.requestId - 1]));

describe('Archive…', () => {
  it('moves the gone requests of the quarter with their History, records them once and frees their room', async () => {
    const sheet = await lived();
    const historyBefore = dataRows(sheet.rt.spreadsheet, 'History');
    const cellsBefore = sheet.rt.spreadsheet.gridCells();
    archiveQ1(sheet);
    expect(sheet.rt.ui.alerts.at(-1)?.prompt).toMatch(/^Archived 24 requests and \d+ History rows into https:/);

    const live = dataRows(sheet.rt.spreadsheet, 'Access Requests');
    const kept = [...ledger.kept, ...ledger.later].map((r) => r.id).sort();
    expect(idsOf(live).sort()).toEqual(kept);
    const archive = listedArchive(sheet)!;
    const archived = dataRows(archive.ss, 'Access Requests');
    expect(idsOf(archived).sort()).toEqual(goneIds);
    expect(archived.every((r) => ['APPROVED', 'DENIED', 'EXPIRED'].includes(String(r[COL.status - 1])))).toBe(true);

    // Every History row of an archived request moved, every other stayed; none twice.
    const archivedHistory = dataRows(archive.ss, 'History');
    const moved = historyBefore.filter((r) => goneIds.includes(String(r[HISTORY_COL.requestId - 1])));
    expect(archivedHistory.map((r) => r[HISTORY_COL.key - 1]).sort()).toEqual(
      moved.map((r) => r[HISTORY_COL.key - 1]).sort(),
    );
    const liveHistory = dataRows(sheet.rt.spreadsheet, 'History');
    expect(historyIds(liveHistory).filter((id) => goneIds.includes(id))).toEqual([]);
    const archivedEvents = liveHistory.filter((r) => r[HISTORY_COL.event - 1] === 'archived');
    expect(archivedEvents).toHaveLength(1);
    expect(String(archivedEvents[0]![HISTORY_COL.detail - 1])).toContain(archive.digest);

    expect(recompute(archive.ss)).toBe(archive.digest);
    expect(sheet.rt.spreadsheet.gridCells()).toBeLessThan(cellsBefore);
    expect(sheet.rt.properties.getProperty('teleport.archiveRun')).toBeNull();
  });

  it('archives nothing Teleport still has, nor anything of a later quarter', async () => {
    const sheet = await lived();
    archiveQ1(sheet);
    const archived = idsOf(dataRows(listedArchive(sheet)!.ss, 'Access Requests'));
    for (const r of [...ledger.kept, ...ledger.later]) expect(archived).not.toContain(r.id);
    // A second Archive of the same quarter finds nothing more to move.
    archiveQ1(sheet);
    expect(sheet.rt.ui.alerts.at(-1)?.prompt).toMatch(/^Archived 0 requests/);
  });

  it('killed at every tenth call in turn, then run again: nothing lost, nothing doubled, the same digest', async () => {
    const clean = await lived();
    clean.rt.counters.reset();
    archiveQ1(clean);
    const calls = clean.rt.counters.calls;
    const expected = listedArchive(clean)!;
    expect(calls).toBeGreaterThan(20);
    for (let kill = 10; kill < calls; kill += 10) {
      const sheet = await lived();
      sheet.rt.killAtCall(kill);
      expect(() => archiveQ1(sheet), `killed at call ${kill}`).toThrow(GasRuntimeError);
      // Stopped there, every gone request is in the live sheet, the archive, or both.
      const live = idsOf(dataRows(sheet.rt.spreadsheet, 'Access Requests'));
      const held = sheet.rt.drive.list().flatMap((ss) => idsOf(dataRows(ss, 'Access Requests')));
      for (const id of goneIds)
        expect(live.includes(id) || held.includes(id), `${id} after a kill at ${kill}`).toBe(true);
      archiveQ1(sheet);
      const archive = listedArchive(sheet)!;
      const archived = dataRows(archive.ss, 'Access Requests');
      expect(idsOf(archived).sort(), `kill at ${kill}`).toEqual(goneIds);
      const keys = dataRows(archive.ss, 'History').map((r) => r[HISTORY_COL.key - 1]);
      expect(new Set(keys).size, `kill at ${kill}`).toBe(keys.length);
      expect(archive.digest, `kill at ${kill}`).toBe(expected.digest);
      expect(recompute(archive.ss)).toBe(archive.digest);
      const liveHistory = dataRows(sheet.rt.spreadsheet, 'History');
      expect(
        liveHistory.filter((r) => r[HISTORY_COL.event - 1] === 'archived'),
        `kill at ${kill}`,
      ).toHaveLength(1);
      expect(
        historyIds(liveHistory).filter((id) => goneIds.includes(id)),
        `kill at ${kill}`,
      ).toEqual([]);
    }
  });

  it('is the owner’s alone', async () => {
    const sheet = await lived();
    sheet.rt.invokeAs('editor@example.com', 'archiveRequests', 'menu');
    expect(sheet.rt.ui.alerts.at(-1)?.prompt).toBe('Only the owner of this spreadsheet can archive requests.');
    expect(sheet.rt.drive.list()).toEqual([]);
  });
});
