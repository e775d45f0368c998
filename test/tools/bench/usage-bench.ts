// Usage: how fast audit events go from the wire to the ledger, what a look-back over a million
// events costs the relay process in memory (against the same relay with usage off), and what the
// reader asks of Teleport per minute at the default interval on a cluster writing 1,000,000 audit
// events a day. Figures only; nothing here asserts.
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { USAGE_KINDS } from '../../../proto/contract.js';
import { authServiceClient } from '../../../relay/src/teleport/api.js';
import { toAuditEvent, type AuditEvent } from '../../../relay/src/teleport/audit-log.js';
import { UsageLedger } from '../../../relay/src/usage/ledger.js';
import { OVERLAP_MS } from '../../../relay/src/usage/tracker.js';
import { RelayProcess } from '../../e2e/relay-process.js';
import { request } from '../../relay/fixtures.js';
import { AuditLog, type AuditEventType } from '../../teleport/audit-log.js';
import { createCluster, type TestCluster } from '../../teleport/pki.js';
import type { FakeTeleport } from '../../teleport/server.js';
import { authServiceDefinition } from '../../teleport/schema.js';
import { heapGivenBack, pidOf, settle, type MemorySample } from './relay-memory.js';
import { startRig } from './relay-live.js';
import { count, figuresTable, fixed, type BenchPart, type Figure } from './table.js';

const DECODE_EVENTS = 200_000;
const TRACKED = 10_000;
const LOOK_BACK_EVENTS = 1_000_000;
const PER_DAY = 1_000_000;
const DAY = 86_400_000;
const MIB = 1024 * 1024;
/** One event in this many carries a tracked request; the rest are other users' kube API calls. */
const MATCH_EVERY = 100;

type Wire = Record<string, unknown>;

/** The mix of a busy cluster: mostly kube.request, some sessions and certificates. */
function typeAt(i: number): AuditEventType {
  const r = i % 20;
  return r === 0 ? 'cert.create' : r === 1 ? 'session.start' : r === 2 ? 'db.session.start' : 'kube.request';
}

const trackedIds = Array.from({ length: TRACKED }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
const others = Array.from({ length: 97 }, (_, i) => [`ffffffff-0000-4000-8000-${String(i).padStart(12, '0')}`]);
const carried = (i: number) => (i % MATCH_EVERY === 0 ? [trackedIds[(i / MATCH_EVERY) % TRACKED]!] : others[i % 97]!);

/** Events spread evenly over [from, to), written to a log or a stand-in. */
function fill(
  write: (e: { type: AuditEventType; time: Date; accessRequests: string[] }) => void,
  n: number,
  from: number,
  to: number,
) {
  for (let i = 0; i < n; i++)
    write({ type: typeAt(i), time: new Date(from + ((to - from) * i) / n), accessRequests: carried(i) });
}

interface DecodeResult {
  events: number;
  bytes: number;
  ms: number;
  matched: number;
}

/** Pages encoded with the stand-in's full schema, then timed: decode (relay schema) → AuditEvent → ledger. */
function measureDecodeMatch(): DecodeResult {
  const t0 = Date.UTC(2026, 0, 1);
  const log = new AuditLog('bench.example.com', () => t0);
  fill((e) => log.append(e), DECODE_EVENTS, t0, t0 + DAY);
  const encode = authServiceDefinition.GetEvents!.responseSerialize as (v: Wire) => Buffer;
  const pages: Buffer[] = [];
  let startKey = '';
  do {
    const q = { start: t0, end: t0 + DAY, types: [], limit: 10_000, startKey, ascending: true };
    const page = log.page(q);
    pages.push(encode({ Items: page.items, LastKey: page.lastKey }));
    startKey = page.lastKey;
  } while (startKey);
  const decode = authServiceClient().service.GetEvents!.responseDeserialize as (b: Buffer) => { Items: Wire[] };
  const ledger = new UsageLedger(new Set(USAGE_KINDS), 3_600_000);
  const window = { created: new Date(t0 - DAY).toISOString(), accessExpires: new Date(t0 + 2 * DAY).toISOString() };
  for (const id of trackedIds) ledger.track(request(id, 'APPROVED', 1, window), t0);
  let matched = 0;
  const start = performance.now();
  for (const buffer of pages) {
    for (const item of decode(buffer).Items) {
      const event = toAuditEvent(item as never) as AuditEvent;
      if (ledger.apply(event, -Infinity)) matched += 1;
    }
    ledger.prune(-Infinity);
  }
  const ms = performance.now() - start;
  return { events: DECODE_EVENTS, bytes: pages.reduce((n, b) => n + b.length, 0), ms, matched };
}

/** The stand-in with 10,000 approved requests and a million events over the last day. */
function seedCluster(teleport: FakeTeleport): void {
  const now = Date.now();
  for (const id of trackedIds) {
    teleport.createRequest({
      id,
      user: 'u',
      state: 'APPROVED',
      created: new Date(now - DAY),
      accessExpires: new Date(now + DAY),
    });
  }
  fill((e) => teleport.appendEvent(e), LOOK_BACK_EVENTS, now - DAY + 60_000, now - 60_000);
}

/** A metric's value, or 0 while the process is not serving yet. */
async function metric(relay: RelayProcess, name: string): Promise<number> {
  const body = (await relay.get('/metrics').catch(() => ({ body: '' }))).body;
  return Number(new RegExp(`^${name} ([0-9.e+]+)$`, 'm').exec(body)?.[1] ?? 0);
}

async function settledRelay(
  rig: Awaited<ReturnType<typeof startRig>>,
  usage: boolean,
): Promise<[MemorySample, number]> {
  const relay = await RelayProcess.start(rig.dir, {
    addr: rig.teleport.address,
    mode: 'auth',
    identity: join(rig.dir, 'identity'),
    sheetUrl: rig.web.url,
    secretFile: join(rig.dir, 'secret'),
    id: usage ? 'bench-usage-on' : 'bench-usage-off',
    heartbeatInterval: '30s',
    env: { TELEPORT_SHEETS_USAGE_ENABLED: String(usage) },
  });
  try {
    const start = Date.now();
    for (;;) {
      const synced =
        (await metric(relay, 'teleport_sheets_resyncs_total{trigger="connect"}')) > 0 && rig.sheet.rows.size >= TRACKED;
      const read = !usage || (await metric(relay, 'teleport_sheets_usage_last_read_timestamp_seconds')) > 0;
      if (synced && read) break;
      if (Date.now() - start > 600_000) throw new Error('bench: the relay did not finish its look-back in 10 minutes');
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    const readSeconds = (Date.now() - start) / 1000;
    const [settled] = await settle(relay, await pidOf(relay.configFile), heapGivenBack);
    return [settled, readSeconds];
  } finally {
    await relay.kill();
  }
}

/** The reader's requests per minute, from its own rule: each read covers the interval plus the overlap. */
function loadPerMinute(eventBytes: number): { events: number; pages: number } {
  const perMinute = PER_DAY / (DAY / 60_000);
  const events = perMinute * ((60_000 + OVERLAP_MS) / 60_000);
  return { events, pages: Math.max(1, Math.ceil((events * eventBytes) / MIB), Math.ceil(events / 10_000)) };
}

export async function usageBench(cluster?: TestCluster): Promise<BenchPart> {
  const decode = measureDecodeMatch();
  const rig = await startRig(cluster ?? (await createCluster('usage-bench.example.com')), ['access-plugin-usage']);
  rig.sheet.accepts = 2;
  let on: [MemorySample, number];
  let off: [MemorySample, number];
  try {
    seedCluster(rig.teleport);
    off = await settledRelay(rig, false);
    on = await settledRelay(rig, true);
  } finally {
    await rig.close();
  }
  const perSecond = decode.events / (decode.ms / 1000);
  const heap = (s: MemorySample) => (s.heapUsedBytes ?? 0) / MIB;
  const load = loadPerMinute(decode.bytes / decode.events);
  const rss = (m: MemorySample) => count(m.rssKiB / 1024);
  const wireBytes = count(decode.bytes / decode.events);
  const figures: Figure[] = [
    {
      figure: 'usage: audit events decode → match',
      value: `${count(perSecond)} events/s`,
      how: `${count(decode.events)} encoded events (85% kube.request), ${count(TRACKED)} tracked requests, one thread`,
    },
    {
      figure: `usage: relay heap after a look-back over ${count(LOOK_BACK_EVENTS)} events`,
      value: `${fixed(heap(on[0]))} MiB vs ${fixed(heap(off[0]))} MiB off (+${fixed(heap(on[0]) - heap(off[0]))} MiB)`,
      how: `real process, ${count(TRACKED)} tracked, settled; RSS ${rss(on[0])} vs ${rss(off[0])} MiB`,
    },
    {
      figure: 'usage: look-back read time',
      value: `${fixed(on[1])} s`,
      how: `${count(LOOK_BACK_EVENTS)} events through the stand-in's GetEvents over mTLS`,
    },
    {
      figure: 'usage: load on Teleport at interval 1m, 1,000,000 events/day',
      value: `${fixed(load.pages)} pages, ${count(load.events)} events read per minute`,
      how: `computed: a read per minute covers it plus the ${OVERLAP_MS / 60_000}-min overlap; ${wireBytes} B/event`,
    },
  ];
  return {
    table: figuresTable('Usage from the audit log', figures),
    headline: [figures[0]!, figures[1]!, figures[3]!],
  };
}
