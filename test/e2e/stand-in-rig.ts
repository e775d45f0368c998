// The real relay process against the relay's own sheet stand-in (test/relay/sheet-stand-in.ts)
// behind Google's 302 flow, and the Teleport stand-in over mTLS: for what today's bundle cannot
// answer yet (a sheet that takes v2 only, a full sheet).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startWebApp, type WebApp } from '../gas/web-front.js';
import { SheetStandIn } from '../relay/sheet-stand-in.js';
import { createCluster, issueIdentity, writeIdentityFile } from '../teleport/pki.js';
import { startFakeTeleport, type FakeTeleport } from '../teleport/server.js';
import { RelayProcess, type RelayConfig } from './relay-process.js';

export interface StandInRig {
  teleport: FakeTeleport;
  sheet: SheetStandIn;
  web: WebApp;
  relay: RelayProcess;
  close(): Promise<void>;
}

/** `prepare` runs on the stand-in before the relay starts. */
export async function startStandInRig(
  name: string,
  relay: Partial<RelayConfig> = {},
  prepare: (sheet: SheetStandIn, teleport: FakeTeleport) => void = () => {},
): Promise<StandInRig> {
  const dir = await mkdtemp(join(tmpdir(), `teleport-sheets-${name}-`));
  const secret = `${name}-`.padEnd(64, 'z');
  const cluster = await createCluster(`${name}.example.test`);
  // A relay on a jumping clock pings more often in real time than Teleport allows: no strikes here.
  const teleport = await startFakeTeleport({ cluster, minPingIntervalMs: 0 });
  const sheet = new SheetStandIn(secret);
  prepare(sheet, teleport);
  const web = await startWebApp(sheet.handler);
  const identity = await issueIdentity(cluster, { user: 'access-plugin', roles: ['access-plugin'] });
  await writeIdentityFile(join(dir, 'identity'), identity);
  await writeFile(join(dir, 'secret'), `${secret}\n`, { mode: 0o600 });
  const started = await RelayProcess.start(dir, {
    addr: teleport.address,
    mode: 'auth',
    identity: join(dir, 'identity'),
    sheetUrl: web.url,
    secretFile: join(dir, 'secret'),
    id: `${name}-relay`,
    webUrl: `https://${name}.example.test`,
    ...relay,
  });
  const close = async () => {
    await started.kill();
    await web.close();
    await teleport.close();
    await rm(dir, { recursive: true, force: true });
  };
  return { teleport, sheet, web, relay: started, close };
}
