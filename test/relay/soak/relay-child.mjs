// The relay as `start` runs it (the built App, a config file, SIGTERM → stop()), with one difference:
// its clock is real time that the soak test moves forward over IPC, so a month of renewals, resyncs
// and heartbeats passes in minutes. It reports what it holds on request (after a full GC), and after
// stop() it closes the IPC channel: from then on the process ends only if nothing of the relay is left.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { App } from '../../../dist/relay/src/app.js';
import { loadConfig } from '../../../dist/relay/src/commands/load-config.js';
import { loadSecret } from '../../../dist/relay/src/delivery/secret.js';
import { createLogger, silentLogger } from '../../../dist/relay/src/log.js';

// Node's timers hold at most 2^31-1 ms.
const MAX_TIMER_MS = 2 ** 31 - 1;
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc');

/** Real time plus an offset the test moves; a sleep ends on its own timer or when a jump passes its end. */
function jumpingClock() {
  let offset = 0;
  const waiters = new Set();
  const now = () => Date.now() + offset;
  const sleep = (ms, signal) =>
    new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const end = now() + ms;
      const settle = (fn) => {
        clearTimeout(timer);
        waiters.delete(check);
        signal?.removeEventListener('abort', onAbort);
        fn();
      };
      const check = () => {
        if (now() >= end) settle(resolve);
      };
      // A timer may fire a millisecond before Date.now() says it is due, and Node's timers hold at
      // most 2^31-1 ms: either way, arm again for the rest.
      const arm = (wait) => setTimeout(onTimer, Math.min(Math.max(1, wait), MAX_TIMER_MS));
      const onTimer = () => {
        check();
        if (waiters.has(check)) timer = arm(end - now());
      };
      const onAbort = () => settle(() => reject(signal.reason));
      let timer = arm(ms);
      waiters.add(check);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  return {
    now,
    sleep,
    get pending() {
      return waiters.size;
    },
    jump(ms) {
      offset += ms;
      for (const check of [...waiters]) check();
    },
  };
}

/** What the relay holds: heap after a full GC, what keeps the loop alive, pending sleeps, process listeners. */
function sample(clock) {
  gc();
  gc();
  const alive = {};
  for (const kind of process.getActiveResourcesInfo()) if (kind !== 'PipeWrap') alive[kind] = (alive[kind] ?? 0) + 1;
  const processListeners = process.eventNames().reduce((n, e) => n + process.listenerCount(e), 0);
  return { heapUsed: process.memoryUsage().heapUsed, alive, sleeps: clock.pending, processListeners };
}

const clock = jumpingClock();
const loaded = await loadConfig(process.argv[2], process.cwd(), process.env);
if (!loaded.ok) throw new Error(loaded.problems.map((p) => p.message).join('\n'));
const { secret } = await loadSecret(loaded.config.sheet.secret, process.env);
// SOAK_LOG=debug shows the relay's own log on stderr.
const logger = process.env.SOAK_LOG
  ? createLogger({ severity: process.env.SOAK_LOG, output: 'stderr' })
  : silentLogger();
const app = new App({ config: loaded.config, secret, version: 'soak', logger, clock });
await app.start();

const onMessage = (message) => {
  if (message.type === 'jump') {
    clock.jump(message.ms);
    process.send({ type: 'jumped', now: clock.now() });
  } else if (message.type === 'sample') process.send({ type: 'sample', ...sample(clock) });
};
process.on('message', onMessage);
process.once('SIGTERM', async () => {
  const result = await app.stop();
  process.off('message', onMessage);
  process.send({ type: 'stopped', result }, () => process.disconnect());
});
process.send({ type: 'started', now: clock.now() });
