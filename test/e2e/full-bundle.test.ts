// Issue 18's "sheet one batch from full", end to end: the Teleport stand-in over mTLS, the real
// relay process and the real built bundle behind Google's 302 flow, on a spreadsheet whose grid
// stands a few hundred cells under Google's 10,000,000 (a tab of someone's takes the rest). New
// requests need the main tab to grow: the sheet answers `full` and applies nothing; the relay keeps
// every op, asks again only after 5 minutes of its clock, is not ready and says why. The owner's
// Archive… moves the gone requests out and gives their room back; the relay catches up by itself:
// every request right, one row each, and every event once across the live History and the
// archive's. The sheet and the relay share a jumping clock, so the 5 minutes pass in jumps.
// Needs `npm run build`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GRID_CELL_LIMIT } from '../../proto/contract.js';
import { COL, HISTORY_COL } from '../../appsscript/src/ledger/layout.js';
import type { FakeSpreadsheet } from '../gas/spreadsheet.js';
import type { StandInRequest } from '../teleport/server.js';
import { until } from '../until.js';
import { Chain } from './chain.js';
import type { RelayProcess } from './relay-process.js';

const DAY = 86_400_000;
const FIVE_MINUTES_MS = 5 * 60_000;
const GONE = 150;
const MAIN = 'Access Requests';
const HISTORY = 'History';

interface LogLine {
  time: string;
  msg: string;
  batch_id?: string;
  request_ids?: string[];
  reason?: string;
}

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Created `ageDays` ago, still in Teleport until deleted; every third approved, every third denied. */
function oldRequests(chain: Chain, n: number, ageDays: number, prefix: string): StandInRequest[] {
  const now = Date.now();
  return Array.from({ length: n }, (_, i) => {
    const r = chain.teleport.createRequest({
      user: `${prefix}-${i}`,
      created: new Date(now - ageDays * DAY + i * 60_000),
      requestExpires: new Date(now + 30 * DAY),
      accessExpires: new Date(now + 30 * DAY),
    });
    if (i % 3 === 2) return r;
    return chain.teleport.review(r.id, { author: `lead-${i % 4}`, state: i % 3 === 0 ? 'APPROVED' : 'DENIED' });
  });
}

/** Data rows of a tab (row 2 on, up to its last row). */
function rowsOf(ss: FakeSpreadsheet, name: string): unknown[][] {
  return (ss.getSheetByName(name)?.values() ?? []).slice(1).filter((row) => row[0] !== '');
}

const historyKeys = (ss: FakeSpreadsheet) => rowsOf(ss, HISTORY).map((row) => String(row[HISTORY_COL.key - 1]));

/** Someone's own tab, sized so that fewer than `room` + 26 cells are left under the limit. */
function fillTo(ss: FakeSpreadsheet, room: number): void {
  const filler = ss.getSheetByName('Filler') ?? ss.insertSheet('Filler');
  const rows = Math.floor((GRID_CELL_LIMIT - room - (ss.gridCells() - filler.getMaxRows() * 26)) / 26);
  if (rows > filler.getMaxRows()) filler.insertRowsAfter(filler.getMaxRows(), rows - filler.getMaxRows());
  else filler.deleteRows(rows + 1, filler.getMaxRows() - rows);
}

function logLines(relay: RelayProcess): LogLine[] {
  return relay.output.flatMap((line) => {
    try {
      return [JSON.parse(line) as LogLine];
    } catch {
      return [];
    }
  });
}

async function metric(relay: RelayProcess, pattern: RegExp): Promise<number> {
  return Number(pattern.exec((await relay.get('/metrics')).body)?.[1] ?? NaN);
}
const FULL_REPLIES = /delivery_failures_total\{reason="full"\} (\d+)/;
const SHEET_FULL = /^teleport_sheets_sheet_full (\d+)$/m;

describe('end to end: the real relay, the real bundle one batch from full, and Archive…', () => {
  let chain: Chain;
  let relay: RelayProcess;
  let gone: StandInRequest[];
  let kept: StandInRequest[];
  let fresh: StandInRequest[];
  const ss = () => chain.runtime.spreadsheet;

  beforeAll(async () => {
    chain = await Chain.start({ cluster: 'full-bundle.example.test', jumpingClock: true });
    gone = oldRequests(chain, GONE, 90, 'old');
    kept = oldRequests(chain, 4, 90, 'kept');
    // Longer than any run of jumps while one POST is in flight; no resync among the jumps.
    relay = await chain.startRelay({ sheetTimeout: '600s', resyncInterval: '24h' });
    await chain.converge();
    for (const r of gone) chain.teleport.deleteRequest(r.id);
    await chain.converge();
    // Requests of today until the main tab's grid holds not one empty row: the next request must grow it.
    const main = ss().getSheetByName(MAIN)!;
    oldRequests(chain, main.getMaxRows() - main.getLastRow(), 0, 'today');
    await chain.converge();
    expect(main.getLastRow()).toBe(main.getMaxRows());
    fillTo(ss(), 1000);
  }, 120_000);

  afterAll(async () => {
    await chain?.close();
  });

  it('answers full and applies nothing; the relay keeps the ops, backs off 5 minutes and is not ready', async () => {
    const before = { main: ss().getSheetByName(MAIN)!.values(), history: ss().getSheetByName(HISTORY)!.values() };
    fresh = Array.from({ length: 6 }, (_, i) => chain.teleport.createRequest({ user: `new-${i}` }));
    chain.teleport.review(fresh[0]!.id, { author: 'bob', state: 'APPROVED' });
    chain.teleport.review(fresh[1]!.id, { author: 'bob', state: 'DENIED' });
    await until(
      'the first full reply',
      () => metric(relay, FULL_REPLIES),
      (n) => n >= 1,
      {
        show: () => relay.tail(10),
      },
    );
    const readyz = await until(
      'not ready while full',
      () => relay.get('/readyz'),
      (res) => res.status === 503,
    );
    expect(JSON.parse(readyz.body).checks).toContainEqual(
      expect.objectContaining({ name: 'sheet_room', ok: false, detail: expect.stringMatching(/Archive…/) }),
    );

    // A second full reply, 5 minutes of the relay's clock later, carries every new request again.
    await jumpUntil('the second full reply', async () => (await metric(relay, FULL_REPLIES)) >= 2);
    chain.teleport.deleteRequest(fresh[5]!.id);
    const refused = fullBatches(relay);
    expect(refused).toHaveLength(2);
    expect(refused[1]!.request_ids).toEqual(expect.arrayContaining(fresh.slice(0, 5).map((r) => r.id)));

    expect(ss().getSheetByName(MAIN)!.values()).toEqual(before.main);
    expect(ss().getSheetByName(HISTORY)!.values()).toEqual(before.history);
    expect(ss().gridCells()).toBeLessThanOrEqual(GRID_CELL_LIMIT);
    expect(await metric(relay, SHEET_FULL)).toBe(1);
  });

  it('catches up by itself once Archive… gave room back: every request right, every event once', async () => {
    const liveHistoryBefore = new Set(historyKeys(ss()));
    chain.runtime.ui.answer('OK', isoDay(Date.now() - 30 * DAY));
    chain.runtime.invoke('archiveRequests', 'menu');
    expect(chain.runtime.ui.alerts.at(-1)?.prompt).toMatch(new RegExp(`^Archived ${GONE} requests`));

    await jumpUntil('the relay to deliver again', async () => (await metric(relay, SHEET_FULL)) === 0);
    const verdict = await chain.converge();
    expect(verdict.missing).toEqual([]);
    expect(verdict.compared).toBe(chain.teleport.requests().length);
    const ids = rowsOf(ss(), MAIN).map((row) => String(row[COL.id - 1]));
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of [...kept, ...fresh.slice(0, 5)]) expect(ids).toContain(r.id);
    for (const r of gone) expect(ids).not.toContain(r.id);

    expectArchived(liveHistoryBefore);
    await expectSpacedAndReported();
  });

  /** Jumps the shared clock a minute at a time, only while the relay says the sheet is full. */
  async function jumpUntil(what: string, done: () => Promise<boolean>): Promise<void> {
    await until(
      what,
      async () => {
        if (await done()) return true;
        if ((await metric(relay, SHEET_FULL)) === 1) await chain.jump(60_000);
        return false;
      },
      (ok) => ok,
      { timeoutMs: 60_000, show: () => relay.tail(10) },
    );
  }

  /** The archive holds every gone request once and all its History; live and archive share no event. */
  function expectArchived(liveHistoryBefore: ReadonlySet<string>): void {
    const [archive] = chain.runtime.drive.list();
    expect(archive).toBeDefined();
    const archivedIds = rowsOf(archive!, MAIN).map((row) => String(row[COL.id - 1]));
    expect([...archivedIds].sort()).toEqual(gone.map((r) => r.id).sort());
    const archived = historyKeys(archive!);
    const live = historyKeys(ss());
    expect(new Set(archived).size).toBe(archived.length);
    expect(new Set(live).size).toBe(live.length);
    const cluster = chain.cluster.name;
    for (const r of gone) {
      const reviewed = r.reviews.length > 0 ? [`review/1`, `state/${r.state}`] : [];
      for (const tail of ['requested', ...reviewed, 'gone/1']) expect(archived).toContain(`${cluster}/${r.id}/${tail}`);
    }
    // Every event the live sheet had before the archive is in exactly one of the two now.
    for (const key of liveHistoryBefore) expect(Number(archived.includes(key)) + Number(live.includes(key))).toBe(1);
  }

  /** Each POST after a full reply came 5 minutes or more later by the relay's clock; each was logged and counted. */
  async function expectSpacedAndReported(): Promise<void> {
    const lines = logLines(relay);
    const fulls = lines.filter((l) => l.reason === 'full' && l.msg.startsWith('the sheet is full'));
    const waits = fulls.map((full) => {
      const next = lines.find((l) => l.msg === 'sending batch' && l.time > full.time);
      return next ? Date.parse(next.time) - Date.parse(full.time) : null;
    });
    expect(waits.length).toBeGreaterThanOrEqual(2);
    for (const wait of waits) expect(wait).toBeGreaterThanOrEqual(FIVE_MINUTES_MS);
    expect(fulls[0]!.msg).toMatch(/Teleport → Archive…/);
    expect(await metric(relay, FULL_REPLIES)).toBe(fulls.length);
    await until(
      'ready again',
      () => relay.get('/readyz'),
      (res) => res.status === 200,
    );
    console.log(`  ${fulls.length} full replies; next POST after ${waits.map((ms) => `${ms! / 1000} s`).join(', ')}`);
  }
});

/** The batches the sheet answered full, as the relay logged sending them. */
function fullBatches(relay: RelayProcess): LogLine[] {
  const lines = logLines(relay);
  const refused = new Set(lines.filter((l) => l.reason === 'full').map((l) => l.batch_id));
  return lines.filter((l) => l.msg === 'sending batch' && refused.has(l.batch_id));
}
