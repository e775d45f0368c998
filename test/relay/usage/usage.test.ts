import { beforeAll, describe, expect, it } from 'vitest';
import { createCluster, type TestCluster } from '../../teleport/pki.js';
import { until } from '../../until.js';
import { capturingLogger } from '../teleport/harness.js';
import { jumpingClock } from '../jumping-clock.js';
import { approved, HOUR, iso, startRelay, usageOps, world } from './world.js';

// Usage read from the stand-in's audit log over real gRPC, delivered as usage ops through the
// web-app front: what each op says, when ops go (only to a sheet that accepts 2), and what the
// relay does without the `event` permission.

const MINUTE = 60_000;
/** For tests that jump the clock: no heartbeat POST in flight then (its timeout runs on that clock). */
const QUIET = { toml: { relay: { heartbeat_interval: '1h' } } };
let cluster: TestCluster;

beforeAll(async () => {
  cluster = await createCluster('usage.example.com');
});

describe('usage from the audit log', () => {
  it('learns assumed, first/last used, sessions and kinds for two requests on one certificate', async () => {
    const w = await world(cluster);
    const a = approved(w.teleport, 'alice');
    const b = approved(w.teleport, 'alice');
    const pending = w.teleport.createRequest({ user: 'bob' });
    const t = Date.now() - 30 * MINUTE;
    const both = [a.id, b.id];
    w.teleport.appendEvent({ type: 'cert.create', time: new Date(t), accessRequests: both });
    w.teleport.appendEvent({ type: 'session.start', time: new Date(t + MINUTE), accessRequests: both });
    w.teleport.appendEvent({ type: 'kube.request', time: new Date(t + 2 * MINUTE), accessRequests: both });
    w.teleport.appendEvent({ type: 'kube.request', time: new Date(t + 3 * MINUTE), accessRequests: both });
    w.teleport.appendEvent({ type: 'db.session.start', time: new Date(t + 4 * MINUTE), accessRequests: [a.id] });
    w.teleport.appendEvent({ type: 'session.start', time: new Date(t + 5 * MINUTE), accessRequests: [pending.id] });
    w.teleport.appendEvent({ type: 'session.end', time: new Date(t + 6 * MINUTE), accessRequests: both });
    await startRelay(w);
    await until(
      'usage of both requests on the sheet',
      () => w.sheet.rows.get(b.id)?.usage && w.sheet.rows.get(a.id)?.usage,
    );
    expect(w.sheet.rows.get(a.id)!.usage).toEqual({
      assumed: iso(t),
      firstUsed: iso(t + MINUTE),
      lastUsed: iso(t + 4 * MINUTE),
      sessions: 2,
      kinds: ['ssh', 'kube', 'db'],
    });
    expect(w.sheet.rows.get(b.id)!.usage).toEqual({
      assumed: iso(t),
      firstUsed: iso(t + MINUTE),
      lastUsed: iso(t + 3 * MINUTE),
      sessions: 1,
      kinds: ['ssh', 'kube'],
    });
    expect(w.sheet.rows.get(pending.id)!.usage).toBeUndefined();
    expect(usageOps(w.sheet).filter((op) => op.id === a.id)).toHaveLength(1);
    // Every usage op came in a version 2 body, after the upsert of its row.
    const firstUsage = w.sheet.applied.findIndex(({ op }) => op.op === 'usage');
    const upsertOfA = w.sheet.applied.findIndex(({ op }) => op.op === 'upsert' && op.request.id === a.id);
    expect(upsertOfA).toBeLessThan(firstUsage);
    expect(w.sheet.bodyVersions.at(-1)).toBe(2);
    // Relay status learns from the heartbeat that this relay reads usage.
    await until('a heartbeat saying so', () => w.sheet.heartbeats.at(-1)?.stats?.usageReading === 1);
    expect(w.sheet.heartbeats.at(-1)!.stats).toMatchObject({ usageTracked: 2 });
  });

  it('tails the log: a new session counts once, though each read reaches back over the last', async () => {
    const w = await world(cluster, QUIET);
    const clock = jumpingClock();
    const a = approved(w.teleport, 'carol');
    w.teleport.appendEvent({ type: 'cert.create', time: new Date(Date.now() - 10 * MINUTE), accessRequests: [a.id] });
    const app = await startRelay(w, { clock });
    await until('assumed on the sheet', () => w.sheet.rows.get(a.id)?.usage?.assumed);
    // A read is over (and the next wait begun) once the reader says when it last read.
    const lastRead = () => app.usage!.status().lastReadAt;
    const used = clock.now();
    w.teleport.appendEvent({ type: 'session.start', time: new Date(used), accessRequests: [a.id] });
    for (let i = 0; i < 3; i++) {
      const before = lastRead();
      clock.jump(MINUTE);
      await until('the next read', lastRead, (at) => at !== before);
    }
    await until('the session on the sheet', () => w.sheet.rows.get(a.id)?.usage?.sessions === 1);
    await until('idle', () => app.outbox.idle);
    expect(w.sheet.rows.get(a.id)!.usage).toMatchObject({ firstUsed: iso(used), lastUsed: iso(used), sessions: 1 });
    expect(usageOps(w.sheet).map((op) => op.sessions)).toEqual([0, 1]);
  });

  it('reads a request approved after start back to its creation, then counts what follows', async () => {
    const w = await world(cluster, QUIET);
    const clock = jumpingClock();
    const now = Date.now();
    const r = w.teleport.createRequest({
      user: 'gina',
      created: new Date(now - HOUR),
      accessExpires: new Date(now + HOUR),
    });
    w.teleport.appendEvent({ type: 'cert.create', time: new Date(now - 30 * MINUTE), accessRequests: [r.id] });
    approved(w.teleport, 'henry');
    const app = await startRelay(w, { clock });
    await until('the first read', () => app.usage!.status().lastReadAt);
    await until('the pending row', () => w.sheet.rows.get(r.id) && app.outbox.idle);
    // Approved while the relay runs; its certificate was issued before the last read (the watch was
    // behind, say): the next read goes back for it alone.
    w.teleport.review(r.id, { author: 'security', state: 'APPROVED' });
    w.teleport.appendEvent({ type: 'kube.request', time: new Date(clock.now()), accessRequests: [r.id] });
    await until('the approval on the sheet', () => w.sheet.rows.get(r.id)?.request.state === 'APPROVED');
    clock.jump(MINUTE);
    await until('usage of the request approved later', () => w.sheet.rows.get(r.id)?.usage?.kinds.length);
    expect(w.sheet.rows.get(r.id)!.usage).toMatchObject({
      assumed: iso(now - 30 * MINUTE),
      sessions: 0,
      kinds: ['kube'],
    });
  });

  it('counts an event indexed late when its time is inside the overlap', async () => {
    const w = await world(cluster, QUIET);
    const clock = jumpingClock();
    const a = approved(w.teleport, 'dave');
    w.teleport.appendEvent({ type: 'exec', time: new Date(Date.now() - 20 * MINUTE), accessRequests: [a.id] });
    await startRelay(w, { clock });
    await until('first use on the sheet', () => w.sheet.rows.get(a.id)?.usage);
    const pages = w.teleport.stats.eventPages;
    // Written now with a time two minutes back: the last read went past that time already.
    const late = clock.now() - 2 * MINUTE;
    w.teleport.appendEvent({ type: 'app.session.start', time: new Date(late), accessRequests: [a.id] });
    clock.jump(MINUTE);
    await until('the late session on the sheet', () => w.sheet.rows.get(a.id)?.usage?.sessions === 1);
    expect(w.teleport.stats.eventPages).toBeGreaterThan(pages);
    expect(w.sheet.rows.get(a.id)!.usage).toMatchObject({ lastUsed: iso(late), kinds: ['ssh', 'app'] });
  });

  it('without the event permission: rows delivered, one warning naming the rule, no usage, quiet retries', async () => {
    const w = await world(cluster, { ...QUIET, roles: ['access-plugin'] });
    const clock = jumpingClock();
    const log = capturingLogger();
    const a = approved(w.teleport, 'erin');
    const app = await startRelay(w, { clock, logger: log.logger });
    const warning = await log.until((l) => l.part === 'usage' && l.level === 40);
    expect(warning).toMatchObject({ code: 'permission_denied', fix: expect.stringContaining('event: [list, read]') });
    await until('the row delivered', () => app.delivery.status().syncsDelivered > 0 && app.outbox.idle);
    expect(w.sheet.rows.get(a.id)).toBeDefined();
    const denied = w.teleport.stats.denied;
    clock.jump(31 * MINUTE);
    await until(
      'a second attempt',
      () => w.teleport.stats.denied,
      (n) => n > denied,
    );
    await until(
      'delivered',
      () => ({ idle: app.outbox.idle, depth: app.outbox.depth, ...app.delivery.status() }),
      (s) => s.idle,
    );
    expect(log.lines.filter((l) => l.part === 'usage' && (l.level as number) >= 40)).toHaveLength(1);
    expect(usageOps(w.sheet)).toEqual([]);
    expect(app.readiness().ready).toBe(true);
    const metrics = await (await fetch(`http://127.0.0.1:${app.httpPort}/metrics`)).text();
    expect(metrics).toContain('teleport_sheets_usage_reading 0');
    expect(metrics).toMatch(/teleport_sheets_usage_read_failures_total\{code="permission_denied"\} [2-9]/);
  });

  it('sends a sheet without accepts: 2 version 1 bodies and no usage op, and nothing is refused', async () => {
    const w = await world(cluster, { accepts: null });
    const a = approved(w.teleport, 'frank');
    w.teleport.appendEvent({ type: 'cert.create', time: new Date(Date.now() - HOUR / 2), accessRequests: [a.id] });
    const app = await startRelay(w);
    await until('the first read', () => app.usage!.status().state === 'reading');
    await until('heartbeats after the read', () => w.sheet.heartbeats.length >= 3);
    expect(new Set(w.sheet.bodyVersions)).toEqual(new Set([1]));
    expect(w.sheet.refusals).toBe(0);
    expect(usageOps(w.sheet)).toEqual([]);
    // The same sheet upgraded in place: the usage kept pending goes with the next batch.
    w.sheet.accepts = 2;
    await until('usage after the upgrade', () => w.sheet.rows.get(a.id)?.usage?.assumed);
    expect(w.sheet.refusals).toBe(0);
    // Rolled back again: the version 2 body it refuses goes again as version 1, and rows keep coming.
    w.sheet.accepts = null;
    const later = w.teleport.createRequest({ user: 'grace' });
    await until('a row after the rollback', () => w.sheet.rows.get(later.id));
    expect(w.sheet.bodyVersions.at(-1)).toBe(1);
  });
});
