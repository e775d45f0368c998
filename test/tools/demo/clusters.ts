// One Teleport cluster of the demo: its stand-in, the real relay process watching it and posting to
// the shared sheet, and a steady trickle of seeded activity.
import { join } from 'node:path';
import { RelayProcess, type RelayConfig } from '../../e2e/relay-process.js';
import { seedEveryState, seededRandom, step } from '../../e2e/workload.js';
import { createCluster, issueIdentity, writeIdentityFile } from '../../teleport/pki.js';
import { startFakeTeleport, type FakeTeleport } from '../../teleport/server.js';

export interface DemoCluster {
  name: string;
  /** Base of the sheet's links to this cluster's Web UI. */
  webUrl: string;
  teleport: FakeTeleport;
  relay: RelayProcess;
  /** Teleport events made so far (the seed's requests count as one each). */
  events(): number;
  stop(): Promise<void>;
}

export interface ClusterPlan {
  name: string;
  /** host:port of the cluster's Proxy; the sheet's links go to https://<host>. */
  publicAddr: string;
  seed: number;
  activityEveryMs: number;
}

export interface SheetSide {
  dir: string;
  sheetUrl: string;
  secretFile: string;
  relay: Partial<RelayConfig>;
}

export async function startCluster(plan: ClusterPlan, sheet: SheetSide): Promise<DemoCluster> {
  const cluster = await createCluster(plan.name);
  const teleport = await startFakeTeleport({ cluster, proxyPublicAddr: plan.publicAddr });
  const identity = join(sheet.dir, `${plan.name}.identity`);
  const issued = await issueIdentity(cluster, {
    user: 'access-plugin',
    roles: ['access-plugin'],
    keyType: 'ecdsa',
    notAfter: new Date(Date.now() + 24 * 3600_000),
  });
  await writeIdentityFile(identity, issued);
  const random = seededRandom(plan.seed);
  seedEveryState(teleport, random);
  let events = teleport.requests().length;
  const relay = await RelayProcess.start(sheet.dir, {
    addr: teleport.address,
    mode: 'auth',
    identity,
    sheetUrl: sheet.sheetUrl,
    secretFile: sheet.secretFile,
    id: `${plan.name}-relay`,
    ...sheet.relay,
  });
  const trickle = setInterval(() => {
    step(teleport, random);
    events++;
  }, plan.activityEveryMs);
  return {
    name: plan.name,
    webUrl: `https://${plan.publicAddr.replace(/:443$/, '')}`,
    teleport,
    relay,
    events: () => events,
    async stop() {
      clearInterval(trickle);
      await relay.stop();
      await teleport.close();
    },
  };
}
