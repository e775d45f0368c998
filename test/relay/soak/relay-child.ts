// The relay as `start` runs it (App, a config file, SIGTERM → stop()), in a process of its own, with
// one difference: its clock is test/relay/jumping-clock.ts, moved forward over IPC by the soak, and
// its short delays (reconnect backoff, settle, linger) pass without real waiting. It answers:
// - settle: once it watches on a stream it has listed since connecting, and has delivered all it holds;
// - step: once settled, moves the clock by `ms` (one resync interval), then settles after the resync;
// - sample: what it holds, after a full GC.
// After stop() it closes the IPC channel: from then on the process ends only if nothing is left.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { App } from '../../../relay/src/app.js';
import { loadConfig } from '../../../relay/src/commands/load-config.js';
import { loadSecret } from '../../../relay/src/delivery/secret.js';
import { createSheetClient, type SheetClient } from '../../../relay/src/delivery/sheet-client.js';
import { createLogger, silentLogger, type Severity } from '../../../relay/src/log.js';
import { RelayMetrics } from '../../../relay/src/metrics.js';
import { connectTeleport, type ConnectOptions } from '../../../relay/src/teleport/connection.js';
import { CredentialStore } from '../../../relay/src/teleport/credentials.js';
import { connectionSettings } from '../../../relay/src/teleport/side.js';
import { TeleportSource } from '../../../relay/src/teleport/source.js';
import { jumpingClock } from '../jumping-clock.js';

/** Below the relay's shortest timeout (the 15 s wait for INIT), above its reconnect backoff's cap. */
const INSTANT_BELOW_MS = 10_000;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const loaded = await loadConfig(process.argv[2], process.cwd(), process.env);
if (!loaded.ok) throw new Error(loaded.problems.map((p) => p.message).join('\n'));
const { config } = loaded;
const { secret } = await loadSecret(config.sheet.secret, process.env);
// SOAK_LOG=debug shows the relay's own log on stderr.
const logger = process.env.SOAK_LOG
  ? createLogger({ severity: process.env.SOAK_LOG as Severity, output: 'stderr' })
  : silentLogger();
const clock = jumpingClock({ instantBelowMs: INSTANT_BELOW_MS });
const metrics = new RelayMetrics({ processMetrics: true });

// The Teleport side exactly as createTeleportSide builds it, with the connection counted.
let listedSinceConnect = 0;
let snapshots = 0;
const progress = new Set<() => void>();
const credentials = new CredentialStore({
  path: config.teleport.identity,
  refresh: config.teleport.refreshIdentity,
  intervalMs: config.teleport.refreshIdentityIntervalMs,
  clock,
  logger,
  metrics,
});
const source = new TeleportSource({
  ...connectionSettings(config.teleport),
  credentials,
  clock,
  logger,
  metrics,
  connect: (o: ConnectOptions) => {
    listedSinceConnect = 0;
    return connectTeleport(o);
  },
});
// The sheet client as App builds it, with the POSTs in flight counted (a heartbeat is not in the outbox).
let posting = 0;
const client = createSheetClient({ url: config.sheet.url, secret, clock, timeoutMs: config.sheet.timeoutMs });
const sheetClient: SheetClient = {
  send: async (body, signal) => {
    posting += 1;
    try {
      return await client.send(body, signal);
    } finally {
      posting -= 1;
      for (const check of [...progress]) check();
    }
  },
  close: () => client.close(),
};
const app = new App({
  config,
  secret,
  version: 'soak',
  logger,
  clock,
  metrics,
  teleport: { credentials, source },
  sheetClient,
});
source.onSnapshot(() => {
  snapshots += 1;
  listedSinceConnect += 1;
  for (const check of [...progress]) check();
});
app.outbox.onChange(() => {
  for (const check of [...progress]) check();
});

/** Resolves once `holds` does, checked whenever the relay lists or its outbox changes. */
function when(holds: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      if (!holds()) return;
      progress.delete(check);
      resolve();
    };
    progress.add(check);
    check();
  });
}

const settled = () => source.status().connected && listedSinceConnect > 0 && app.outbox.idle && posting === 0;

/** What the relay holds: heap after a full GC, what keeps the loop alive, pending sleeps, process listeners. */
function sample() {
  gc();
  gc();
  const alive: Record<string, number> = {};
  for (const kind of process.getActiveResourcesInfo()) if (kind !== 'PipeWrap') alive[kind] = (alive[kind] ?? 0) + 1;
  const processListeners = process.eventNames().reduce((n, e) => n + process.listenerCount(e), 0);
  return {
    heapUsed: process.memoryUsage().heapUsed,
    alive,
    sleeps: clock.pending,
    realWaits: clock.realWaits,
    processListeners,
    deliveryFailures: app.delivery.status().failures,
    snapshots,
    cpuMs: Math.round((process.cpuUsage().user + process.cpuUsage().system) / 1000),
  };
}

type Message = { type: 'settle' } | { type: 'step'; ms: number } | { type: 'sample' };

async function answer(message: Message): Promise<void> {
  if (message.type === 'sample') return void process.send!({ type: 'sample', ...sample() });
  await when(settled);
  if (message.type === 'step') {
    // Jumps only once nothing is in flight: quiet minutes pass, no POST or INIT wait is cut short.
    const before = snapshots;
    clock.jump(message.ms);
    await when(() => snapshots > before && settled());
  }
  process.send!({ type: message.type === 'step' ? 'stepped' : 'settled', now: clock.now(), snapshots });
}

const onMessage = (message: Message) => void answer(message);
await app.start();
process.on('message', onMessage);
process.once('SIGTERM', () => {
  void app.stop().then((result) => {
    process.off('message', onMessage);
    process.send!({ type: 'stopped', result }, () => process.disconnect());
  });
});
process.send!({ type: 'started', now: clock.now() });
