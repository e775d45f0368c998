// How many clusters can one sheet serve? Every POST runs under the one script lock, so relays queue
// behind each other. The lock is held for the MODELLED SECONDS (cost-model.ts) of the spreadsheet
// calls the real bundle makes in the local runtime — a heartbeat-only batch, a small event batch,
// and the Dashboard refresh that runs inside a POST every 5 minutes — on a small sheet and on one at
// full size; N relays are then simulated (seeded, discrete events, no real waiting) contending for it.
import { pathToFileURL } from 'node:url';
import { REFRESH_INTERVAL_MS } from '../../../appsscript/src/tabs/dashboard-tab.js';
import { LOCK_WAIT_MS } from '../../../appsscript/src/door/webapp.js';
import { RETRY_BASE_MS, RETRY_CAP_MS } from '../../../relay/src/delivery/loop.js';
import { makeRequest, upsert } from '../../sheet/fixtures.js';
import { buildBundle } from '../../sheet/harness.js';
import { seededRandom } from '../../e2e/workload.js';
import { FULL_SIZE, bigSheet, timedPost } from './big-sheet.js';
import { simulateLock, type LockSimParams } from './lock-sim.js';
import { count, fixed, formatTable, spread, type BenchPart } from './table.js';

const CLUSTERS = [1, 5, 20, 50, 100];
const GOAL = { clusters: 50, busyShare: 0.01, p99Ms: 10_000 };
const MODEL = {
  durationMs: 2 * 3600_000,
  heartbeatMs: 30_000,
  eventEveryMs: 60_000,
  lingerMs: 250,
  postMs: 1000,
  lockWaitMs: LOCK_WAIT_MS,
  maxExecutions: 30,
  retryBaseMs: RETRY_BASE_MS,
  retryCapMs: RETRY_CAP_MS,
  refreshEveryMs: REFRESH_INTERVAL_MS,
};
export const SMALL_SHEET = { rows: 200, history: 800 } as const;
const RECENT_ROWS_BACK = 50;

/** Lock holds of one execution of the real bundle, in modelled milliseconds, and its priced calls. */
export interface Holds {
  rows: number;
  history: number;
  heartbeatMs: number;
  eventsMs: number;
  /** What a due Dashboard refresh adds to the POST it runs in. */
  refreshMs: number;
  calls: { heartbeat: number; events: number; refresh: number };
}

export async function measureHolds(bundleDir: string, size: { rows: number; history: number }): Promise<Holds> {
  const { sheet, requests } = await bigSheet(bundleDir, size.rows, size.history);
  const heartbeat = () => [{ op: 'heartbeat' as const, at: new Date(sheet.nowMs).toISOString() }];
  timedPost(sheet, heartbeat());
  const quiet = timedPost(sheet, heartbeat());
  // A decision on a recent request (50 rows back) and a new one, as a relay's small batch usually is.
  const recent = requests.at(-RECENT_ROWS_BACK)!;
  const events = timedPost(sheet, [upsert({ ...recent, state: 'APPROVED' }), upsert(makeRequest())]);
  const due = timedPost(sheet, heartbeat(), REFRESH_INTERVAL_MS);
  return {
    ...size,
    heartbeatMs: quiet.seconds * 1000,
    eventsMs: events.seconds * 1000,
    refreshMs: (due.seconds - quiet.seconds) * 1000,
    calls: { heartbeat: quiet.calls, events: events.calls, refresh: due.calls - quiet.calls },
  };
}

interface Outcome {
  relays: number;
  postsPerMin: number;
  lockHeld: number;
  busy: number;
  tooMany: number;
  p50Ms: number;
  p99Ms: number;
}

export function runModel(relays: number, holds: Holds, seed = 1): Outcome {
  const params: LockSimParams = {
    ...MODEL,
    relays,
    heartbeatHoldMs: holds.heartbeatMs,
    eventBatchHoldMs: holds.eventsMs,
    refreshHoldMs: holds.refreshMs,
    random: seededRandom(seed),
  };
  const r = simulateLock(params);
  const s = spread(r.eventToRow);
  return {
    relays,
    postsPerMin: r.posts / (MODEL.durationMs / 60_000),
    lockHeld: r.lockHeld,
    busy: r.busy / Math.max(1, r.posts),
    tooMany: r.tooMany / Math.max(1, r.posts),
    p50Ms: s.p50,
    p99Ms: s.p99,
  };
}

const meetsGoal = (o: Outcome) => o.busy + o.tooMany < GOAL.busyShare && o.p99Ms < GOAL.p99Ms;

/** The most clusters (in steps of 5, up to 300) for which this and every smaller count meets the goal. */
function envelope(holds: Holds): number {
  let served = 0;
  for (let n = 5; n <= 300; n += 5) {
    if (!meetsGoal(runModel(n, holds))) break;
    served = n;
  }
  return served;
}

const pct = (share: number) => `${fixed(share * 100, 2)} %`;

const sizeName = (h: Holds) => `${count(h.rows)} rows / ${count(h.history)} History`;

function holdLine(h: Holds): string {
  const hold = (ms: number, calls: number) => `${fixed(ms / 1000, 2)} s (${calls} calls)`;
  return (
    `  ${sizeName(h)}: heartbeat-only ${hold(h.heartbeatMs, h.calls.heartbeat)}, small event batch ` +
    `${hold(h.eventsMs, h.calls.events)}, Dashboard refresh inside a POST +${hold(h.refreshMs, h.calls.refresh)}`
  );
}

function notes(sizes: { holds: Holds; served: number }[]): string[] {
  const m = MODEL;
  return [
    "lock held per execution: modelled seconds of the real bundle's spreadsheet calls (cost-model.ts),",
    ...sizes.map((s) => holdLine(s.holds)),
    `each relay: heartbeat every ${m.heartbeatMs / 1000} s, one event per ${m.eventEveryMs / 1000} s on average, ` +
      `${m.lingerMs} ms linger, ${m.postMs} ms per POST outside the lock, the relay's retry backoff;`,
    `the web app: busy after ${m.lockWaitMs / 1000} s waiting for the lock (LOCK_WAIT_MS), ` +
      `at most ${m.maxExecutions} executions at once, the Dashboard refreshed inside the first POST ` +
      `every ${m.refreshEveryMs / 60_000} min; ${m.durationMs / 3600_000} h simulated per row, seeded;`,
    `the table is the full-size sheet. goal: ${GOAL.clusters} clusters with under ${GOAL.busyShare * 100} % ` +
      `refused and p99 under ${GOAL.p99Ms / 1000} s; by this model one sheet serves ` +
      sizes.map((s) => `${s.served} clusters at ${sizeName(s.holds)}`).join(', ') +
      ' (steps of 5)',
  ];
}

export async function lockBench(): Promise<BenchPart> {
  const bundle = buildBundle();
  let holds: Holds[];
  try {
    holds = [await measureHolds(bundle.dir, SMALL_SHEET), await measureHolds(bundle.dir, FULL_SIZE)];
  } finally {
    bundle.remove();
  }
  const sizes = holds.map((h) => ({ holds: h, served: envelope(h) }));
  const full = holds[1]!;
  const outcomes = CLUSTERS.map((n) => runModel(n, full));
  const table = formatTable(
    '== One sheet, many clusters: contention for the script lock (simulated) ==',
    ['clusters', 'POSTs/min', 'lock held', 'busy', 'too many at once', 'event→row p50 s', 'event→row p99 s'],
    outcomes.map((o) => [
      String(o.relays),
      fixed(o.postsPerMin),
      pct(o.lockHeld),
      pct(o.busy),
      pct(o.tooMany),
      fixed(o.p50Ms / 1000),
      fixed(o.p99Ms / 1000),
    ]),
    notes(sizes),
  );
  const goal = `< ${GOAL.busyShare * 100} % refused, event→row p99 < ${GOAL.p99Ms / 1000} s`;
  return {
    table,
    headline: sizes.map((s) => ({
      figure: `clusters one sheet serves at ${sizeName(s.holds)} (${goal})`,
      value: String(s.served),
      how: 'discrete-event model; lock hold from modelled seconds',
    })),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log((await lockBench()).table);
}
