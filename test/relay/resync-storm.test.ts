import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../relay/src/app.js';
import { parseConfig } from '../../relay/src/config/parse.js';
import { silentLogger } from '../../relay/src/log.js';
import { startWebApp } from '../gas/web-front.js';
import { createCluster, issueIdentity, writeIdentityFile } from '../teleport/pki.js';
import { startFakeTeleport } from '../teleport/server.js';
import { jumpingClock } from './jumping-clock.js';
import { until } from '../until.js';
import { SheetStandIn } from './sheet-stand-in.js';

// A sheet that answers `resync: true` to every batch once made the relay list Teleport after
// every batch (150 listings in 3 seconds). The whole relay, with the real Teleport side over mTLS
// and the 302 front, counted where the listings land: at the Teleport stand-in.

const SECRET = 'resync-storm-secret-'.padEnd(64, 'x');
const cleanups: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('a sheet that asks for a resync in every reply', () => {
  it('gets at most one sheet-triggered listing a minute, on the relay clock', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'relay-resync-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const cluster = await createCluster('example.com');
    await writeIdentityFile(
      join(dir, 'identity'),
      await issueIdentity(cluster, { user: 'plugin', roles: ['access-plugin'] }),
    );
    const teleport = await startFakeTeleport({ cluster });
    cleanups.push(() => teleport.close());
    const sheet = new SheetStandIn(SECRET);
    sheet.alwaysResync = true;
    const web = await startWebApp(sheet.handler);
    cleanups.push(() => web.close());
    const parsed = parseConfig(
      {
        teleport: { addr: teleport.address, identity: join(dir, 'identity'), mode: 'auth' },
        sheet: { url: web.url, secret_file: join(dir, 'secret') },
        relay: { batch_linger: '0s', heartbeat_interval: '1h' },
        http: { listen: '127.0.0.1:0' },
      },
      {},
    );
    if (!parsed.ok) throw new Error(parsed.problems.map((p) => p.message).join('\n'));
    await writeFile(join(dir, 'secret'), SECRET, { mode: 0o600 });
    const clock = jumpingClock();
    const app = new App({ config: parsed.config, secret: SECRET, version: '1', logger: silentLogger(), clock });
    cleanups.push(() => app.stop());
    teleport.createRequest();
    await app.start();
    // The listing on connect, then the one the first reply asks for.
    await until('the first sheet-triggered listing', () => teleport.stats.lists === 2 && app.outbox.idle);

    const deliver = async (n: number) => {
      for (let i = 0; i < n; i++) {
        const made = teleport.createRequest();
        await until('a new request in the sheet', () => sheet.rows.has(made.id));
      }
    };
    await deliver(20);
    expect(teleport.stats.lists).toBe(2);

    clock.jump(60_000);
    await until('the listing folded from a minute of asking', () => teleport.stats.lists === 3);
    await deliver(10);
    expect(teleport.stats.lists).toBe(3);
  });
});
