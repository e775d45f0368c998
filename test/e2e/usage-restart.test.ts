import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebApp, type WebApp } from '../gas/web-front.js';
import { SheetStandIn } from '../relay/sheet-stand-in.js';
import { approved, usageOps } from '../relay/usage/world.js';
import { createCluster, issueIdentity, writeIdentityFile } from '../teleport/pki.js';
import { startFakeTeleport, type FakeTeleport } from '../teleport/server.js';
import { until } from '../until.js';
import { RelayProcess } from './relay-process.js';

// The real relay process (dist/) reading usage: killed with SIGKILL and started again, it reads the
// log back and states the same usage, so the sheet's merge (§13) leaves every row as it was; a
// second relay of the same cluster changes nothing either.

const SECRET = 'usage-restart-secret-'.padEnd(64, 'r');
const MINUTE = 60_000;

describe('usage across a SIGKILL and a second relay', () => {
  let dir: string;
  let teleport: FakeTeleport;
  let sheet: SheetStandIn;
  let web: WebApp;
  const relays: RelayProcess[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'usage-restart-'));
    const cluster = await createCluster('restart.example.com');
    const identity = await issueIdentity(cluster, { user: 'access-plugin', roles: ['access-plugin-usage'] });
    await writeIdentityFile(join(dir, 'identity'), identity);
    await writeFile(join(dir, 'secret'), SECRET, { mode: 0o600 });
    teleport = await startFakeTeleport({ cluster });
    sheet = new SheetStandIn(SECRET);
    sheet.accepts = 2;
    web = await startWebApp(sheet.handler);
  });

  afterAll(async () => {
    for (const relay of relays) await relay.kill();
    await web?.close();
    await teleport?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const start = async (id: string) => {
    const relay = await RelayProcess.start(dir, {
      addr: teleport.address,
      mode: 'auth',
      identity: join(dir, 'identity'),
      sheetUrl: web.url,
      secretFile: join(dir, 'secret'),
      id,
    });
    relays.push(relay);
    return relay;
  };
  const usageOf = (id: string) => sheet.rows.get(id)?.usage;

  it('states the same usage after a restart and from a second relay; no row changes', async () => {
    const a = approved(teleport, 'alice');
    const b = approved(teleport, 'bob');
    const t = Date.now() - 20 * MINUTE;
    teleport.appendEvent({ type: 'cert.create', time: new Date(t), accessRequests: [a.id, b.id] });
    teleport.appendEvent({ type: 'session.start', time: new Date(t + MINUTE), accessRequests: [a.id, b.id] });
    teleport.appendEvent({ type: 'kube.request', time: new Date(t + 2 * MINUTE), accessRequests: [a.id, b.id] });
    teleport.appendEvent({ type: 'db.session.start', time: new Date(t + 3 * MINUTE), accessRequests: [a.id] });
    const first = await start('relay-1');
    await until('usage of both rows', () => usageOf(a.id)?.sessions === 2 && usageOf(b.id)?.sessions === 1, undefined, {
      timeoutMs: 60_000,
    });
    const before = structuredClone([usageOf(a.id), usageOf(b.id)]);
    const sentBefore = usageOps(sheet).length;

    await first.restart();
    await until(
      'the restarted relay states the usage again',
      () => usageOps(sheet).length >= sentBefore + 2,
      undefined,
      {
        timeoutMs: 60_000,
      },
    );
    await start('relay-2');
    await until('the second relay states it too', () => usageOps(sheet).length >= sentBefore + 4, undefined, {
      timeoutMs: 60_000,
    });
    expect([usageOf(a.id), usageOf(b.id)]).toEqual(before);
    // Every op any relay sent for a request says the same: a look-back reads exactly what was read before.
    const sent = usageOps(sheet);
    expect(new Set(sent.filter((op) => op.id === a.id).map((op) => JSON.stringify(op))).size).toBe(1);
    expect(new Set(sent.filter((op) => op.id === b.id).map((op) => JSON.stringify(op))).size).toBe(1);
    expect(before[0]).toMatchObject({ sessions: 2, kinds: ['ssh', 'kube', 'db'] });
  });
});
