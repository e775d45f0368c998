// One Teleport cluster of the demo: its stand-in, seeded with a quarter of past requests and a
// dozen of today's; the quarter delivered to the sheet as a relay that ran all along would have;
// then the real relay process watching it and posting to the shared sheet, and a steady trickle of
// seeded activity, in which users use some of their approved access (usage.ts) and leave the rest.
import { join } from 'node:path';
import { RelayProcess, type RelayConfig } from '../../e2e/relay-process.js';
import { seedEveryState, seededRandom, step } from '../../e2e/workload.js';
import { createCluster, issueIdentity, writeIdentityFile, type TestCluster } from '../../teleport/pki.js';
import { startFakeTeleport, type FakeTeleport } from '../../teleport/server.js';
import { expiryOf } from '../../teleport/store.js';
import { deliverQuarter, QUARTER_BEHIND_MS } from './backfill.js';
import { seedQuarter, type QuarterPlan } from './quarter.js';
import { useSome } from './usage.js';

export interface DemoCluster {
  name: string;
  /** Base of the sheet's links to this cluster's Web UI. */
  webUrl: string;
  teleport: FakeTeleport;
  relay: RelayProcess;
  /** How many requests the quarter before the demo began had. */
  quarter: number;
  /** Teleport events made so far (the seed's requests count as one each). */
  events(): number;
  stop(): Promise<void>;
}

export interface ClusterPlan extends QuarterPlan {
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

/** The relay's identity, valid from before the quarter it delivers until a day from now. */
async function relayIdentity(cluster: TestCluster, path: string): Promise<string> {
  const issued = await issueIdentity(cluster, {
    user: 'access-plugin',
    // With the optional `event` rule, so the relay reads usage from the audit log.
    roles: ['access-plugin-usage'],
    keyType: 'ecdsa',
    notBefore: new Date(Date.now() - QUARTER_BEHIND_MS - 3600_000),
    notAfter: new Date(Date.now() + 24 * 3600_000),
  });
  await writeIdentityFile(path, issued);
  return path;
}

export async function startCluster(plan: ClusterPlan, sheet: SheetSide): Promise<DemoCluster> {
  const cluster = await createCluster(plan.name);
  // How far behind Teleport's clock runs: a quarter while the past is delivered, none after.
  let behindMs = 0;
  const teleport = await startFakeTeleport({
    cluster,
    proxyPublicAddr: plan.publicAddr,
    now: () => Date.now() - behindMs,
  });
  const identity = await relayIdentity(cluster, join(sheet.dir, `${plan.name}.identity`));
  const random = seededRandom(plan.seed);
  const quarter = seedQuarter(teleport, random, Date.now(), plan);
  seedEveryState(teleport, random);
  let events = teleport.requests().length;
  const relayConfig: RelayConfig = {
    addr: teleport.address,
    mode: 'auth',
    identity,
    sheetUrl: sheet.sheetUrl,
    secretFile: sheet.secretFile,
    id: `${plan.name}-relay`,
    ...sheet.relay,
    // The audit log read every 10 s rather than every minute, so a use in the trickle shows soon.
    env: { ...sheet.relay.env, TELEPORT_SHEETS_USAGE_INTERVAL: '10s' },
  };
  behindMs = QUARTER_BEHIND_MS;
  await deliverQuarter(relayConfig).finally(() => (behindMs = 0));
  // What lapsed is gone from Teleport by now; the relay's first listing tells the sheet.
  for (const request of teleport.requests())
    if (expiryOf(request).getTime() <= Date.now()) teleport.deleteRequest(request.id);
  // Usage draws on its own seed, so the quarter and the trickle stay what they were.
  const usageRandom = seededRandom(plan.seed + 1);
  const usageSeen = new Set<string>();
  useSome(teleport, usageRandom, usageSeen);
  const relay = await RelayProcess.start(sheet.dir, relayConfig);
  const trickle = setInterval(() => {
    step(teleport, random);
    useSome(teleport, usageRandom, usageSeen);
    events++;
  }, plan.activityEveryMs);
  return {
    name: plan.name,
    webUrl: `https://${plan.publicAddr.replace(/:443$/, '')}`,
    teleport,
    relay,
    quarter,
    events: () => events,
    async stop() {
      clearInterval(trickle);
      await relay.stop();
      await teleport.close();
    },
  };
}
