// How many clusters can one sheet serve? Every POST runs under the one script lock, so relays queue
// behind each other. The lock is held for the spreadsheet calls an execution makes, COUNTED by
// running the real bundle in the local runtime for a heartbeat-only batch and a small event batch;
// N relays are then simulated (seeded, discrete events, no real waiting) contending for it.
import { pathToFileURL } from 'node:url';
import type { Op } from '../../../proto/contract.js';
import { LOCK_WAIT_MS } from '../../../appsscript/src/door/webapp.js';
import { RETRY_BASE_MS, RETRY_CAP_MS } from '../../../relay/src/delivery/loop.js';
import { makeBatch, makeRequest, upsert } from '../../sheet/fixtures.js';
import { Sheet, buildBundle } from '../../sheet/harness.js';
import { seededRandom } from '../../e2e/workload.js';
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
  callMs: 80,
  lockWaitMs: LOCK_WAIT_MS,
  maxExecutions: 30,
  retryBaseMs: RETRY_BASE_MS,
  retryCapMs: RETRY_CAP_MS,
};
const SHEET_ROWS = 200;

/** Spreadsheet calls of one execution of the real bundle, on a sheet that already holds rows. */
export async function countCalls(bundleDir: string): Promise<{ heartbeat: number; events: number }> {
  const sheet = await Sheet.open(bundleDir);
  const existing = Array.from({ length: SHEET_ROWS }, () => makeRequest());
  const post = (ops: Op[]) => {
    sheet.advance(1000);
    sheet.rt.counters.reset();
    const reply = sheet.post(makeBatch(ops));
    if (!reply.ok) throw new Error(`bench batch refused: ${reply.error}`);
    return sheet.rt.counters.calls;
  };
  post(existing.map(upsert));
  post([{ op: 'heartbeat', at: new Date(sheet.nowMs).toISOString() }]);
  const heartbeat = post([{ op: 'heartbeat', at: new Date(sheet.nowMs).toISOString() }]);
  const events = post([upsert({ ...existing[0]!, state: 'APPROVED' }), upsert(makeRequest())]);
  return { heartbeat, events };
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

export function runModel(relays: number, calls: { heartbeat: number; events: number }, seed = 1): Outcome {
  const params: LockSimParams = {
    ...MODEL,
    relays,
    heartbeatCalls: calls.heartbeat,
    eventBatchCalls: calls.events,
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
function envelope(calls: { heartbeat: number; events: number }): number {
  let served = 0;
  for (let n = 5; n <= 300; n += 5) {
    if (!meetsGoal(runModel(n, calls))) break;
    served = n;
  }
  return served;
}

const pct = (share: number) => `${fixed(share * 100, 2)} %`;

function notes(calls: { heartbeat: number; events: number }, served: number): string[] {
  const hold = (c: number) => `${c} calls = ${count(c * MODEL.callMs)} ms`;
  const m = MODEL;
  return [
    `lock held per execution, counted on the real bundle (${SHEET_ROWS} rows, ${m.callMs} ms a call): ` +
      `heartbeat-only ${hold(calls.heartbeat)}, small event batch ${hold(calls.events)}`,
    `each relay: heartbeat every ${m.heartbeatMs / 1000} s, one event per ${m.eventEveryMs / 1000} s on average, ` +
      `${m.lingerMs} ms linger, ${m.postMs} ms per POST outside the lock, the relay's retry backoff;`,
    `the web app: busy after ${m.lockWaitMs / 1000} s waiting for the lock (LOCK_WAIT_MS), ` +
      `at most ${m.maxExecutions} executions at once; ${m.durationMs / 3600_000} h simulated per row, seeded`,
    `goal: ${GOAL.clusters} clusters with under ${GOAL.busyShare * 100} % refused and p99 under ` +
      `${GOAL.p99Ms / 1000} s; by this model one sheet serves ${served} clusters (steps of 5)`,
  ];
}

export async function lockBench(): Promise<BenchPart> {
  const bundle = buildBundle();
  let calls: { heartbeat: number; events: number };
  try {
    calls = await countCalls(bundle.dir);
  } finally {
    bundle.remove();
  }
  const outcomes = CLUSTERS.map((n) => runModel(n, calls));
  const served = envelope(calls);
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
    notes(calls, served),
  );
  const goal = `< ${GOAL.busyShare * 100} % refused, event→row p99 < ${GOAL.p99Ms / 1000} s`;
  const figure = `clusters one sheet serves (${goal})`;
  return {
    table,
    headline: [{ figure, value: String(served), how: 'discrete-event model; lock hold from counted calls' }],
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log((await lockBench()).table);
}
