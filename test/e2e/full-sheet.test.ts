// A full spreadsheet (contract §12), seen by the real relay process: the sheet stand-in behind the
// 302 flow answers `full` and applies nothing; the relay keeps every op (requests made, reviewed
// and deleted meanwhile included), asks again no more often than every 5 minutes of its own clock
// (the `ts` of its POSTs), is not ready, and catches up by itself once the sheet has room. The
// relay runs on test/e2e/jumping-clock.ts, so its 5 minutes pass when the test moves its clock.
// Needs `npm run build`.
import { afterEach, describe, expect, it } from 'vitest';
import type { FakeTeleport } from '../teleport/server.js';
import { until } from '../until.js';
import { startStandInRig, type StandInRig } from './stand-in-rig.js';

const FIVE_MINUTES_S = 300;
let rigs: StandInRig[] = [];
afterEach(async () => {
  await Promise.all(rigs.map((r) => r.close()));
  rigs = [];
});

async function rig(): Promise<StandInRig> {
  const r = await startStandInRig(
    'full',
    // Longer than any run of jumps while one POST is in flight, so no jump times a POST out.
    { sheetTimeout: '600s', jumpingClock: true },
    (sheet, teleport) => {
      for (let i = 0; i < 3; i++) teleport.createRequest({ user: `before-${i}` });
      sheet.full = true;
    },
  );
  rigs.push(r);
  return r;
}

type Rig = StandInRig;

/** Teleport's requests as the stand-in shows rows: "id STATE/reviews". */
function teleportRows(teleport: FakeTeleport): string[] {
  return teleport
    .requests()
    .map((r) => `${r.id} ${r.state}/${r.reviews.length}`)
    .sort();
}

/** Waits until the relay has taken in every full reply the sheet gave (and so is pausing). */
async function fullRepliesSeen(r: Rig): Promise<void> {
  const given = () => r.sheet.posts.filter((p) => p.reply === 'full').length;
  await until(
    'the relay to count every full reply',
    async () => /delivery_failures_total\{reason="full"\} (\d+)/.exec((await r.relay.get('/metrics')).body)?.[1],
    (seen) => Number(seen) === given(),
  );
}

/**
 * Moves the relay's clock a minute at a time until the sheet has seen one more signed POST; only
 * once the relay has taken in the last reply, so the jumps all fall in its pause.
 */
async function nextPostByJumping(r: Rig): Promise<void> {
  await fullRepliesSeen(r);
  const before = r.sheet.posts.length;
  await until(
    'the next POST, a minute of the relay clock at a time',
    async () => {
      if (r.sheet.posts.length === before) await r.relay.jump(60_000);
      return r.sheet.posts.length;
    },
    (n) => n > before,
    { timeoutMs: 60_000, show: (n) => `${n} POSTs\n${r.relay.tail(10)}` },
  );
}

describe('end to end: the relay and a full sheet', () => {
  it('keeps every op, asks again only every 5 minutes, is not ready, and catches up by itself', async () => {
    const r = await rig();
    await until(
      'the first full reply',
      () => r.sheet.posts.length,
      (n) => n >= 1,
      { show: () => r.relay.tail(10) },
    );
    const readyz = await until(
      'not ready while full',
      () => r.relay.get('/readyz'),
      (res) => res.body.includes('"sheet_room"') && res.status === 503,
    );
    expect(JSON.parse(readyz.body).checks).toContainEqual(expect.objectContaining({ name: 'sheet_room', ok: false }));

    // Made, reviewed and deleted while the sheet is full: all of it must arrive later.
    const approved = r.teleport.createRequest({ user: 'during' });
    r.teleport.review(approved.id, { author: 'bob', state: 'APPROVED' });
    const gone = r.teleport.createRequest({ user: 'gone' });
    for (let i = 0; i < 3; i++) r.teleport.createRequest({ user: `after-${i}` });
    await nextPostByJumping(r);
    await nextPostByJumping(r);
    expect(r.sheet.rows.size).toBe(0);

    r.teleport.deleteRequest(gone.id);
    await fullRepliesSeen(r);
    r.sheet.full = false;
    await until(
      'the sheet to equal Teleport',
      async () => {
        if (r.sheet.posts.at(-1)?.reply === 'full') await r.relay.jump(60_000);
        return r.sheet.live();
      },
      (live) => JSON.stringify(live) === JSON.stringify(teleportRows(r.teleport)),
      { timeoutMs: 60_000, show: (live) => `${live.length} live rows\n${r.relay.tail(10)}` },
    );
    // Deleted before the sheet ever took it: coalesced away, or sent and then EXPIRED; never live.
    expect(r.sheet.state().filter((row) => row.startsWith(gone.id) && !row.endsWith('EXPIRED'))).toEqual([]);
    expect(r.sheet.violations).toEqual([]);

    await expectSpacedAndReported(r);
  });
});

/** By the relay's own clock, every POST after a full reply came 5 minutes or more later; each was logged, counted. */
async function expectSpacedAndReported(r: Rig): Promise<void> {
  const posts = r.sheet.posts;
  const full = posts.flatMap((p, i) => (p.reply === 'full' && posts[i + 1] ? [posts[i + 1]!.ts - p.ts] : []));
  expect(full.length).toBeGreaterThanOrEqual(3);
  expect(Math.min(...full)).toBeGreaterThanOrEqual(FIVE_MINUTES_S);
  console.log(`  ${full.length} full replies; next POST after ${full.map((s) => `${s} s`).join(', ')}`);

  await until(
    'ready again',
    () => r.relay.get('/readyz'),
    (res) => res.status === 200,
  );
  const metrics = (await r.relay.get('/metrics')).body;
  expect(metrics).toMatch(new RegExp(`delivery_failures_total\\{reason="full"\\} ${full.length}\\b`));
  expect(metrics).toMatch(/^teleport_sheets_sheet_full 0$/m);
  const errors = r.relay.output.filter((line) => line.includes('"reason":"full"') && line.includes('"error"'));
  expect(errors).toHaveLength(full.length);
  expect(errors[0]).toMatch(/the sheet is full: .*Teleport → Archive…/);
}
