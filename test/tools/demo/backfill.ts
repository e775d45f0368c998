// The relay that would have been running all quarter, in one go: the real relay (App with its real
// Teleport side, in this process) whose view of Teleport runs a quarter behind, so each request of
// the quarter is still live when it lists them, as it was when it happened. It lists, delivers
// every request with its own times and the closing sync, and stops; the relay process started
// after it sees today's Teleport, where what lapsed since is gone.
import { App } from '../../../relay/src/app.js';
import { parseConfig } from '../../../relay/src/config/parse.js';
import { loadSecret } from '../../../relay/src/delivery/secret.js';
import { silentLogger } from '../../../relay/src/log.js';
import { RelayMetrics } from '../../../relay/src/metrics.js';
import { createTeleportSide } from '../../../relay/src/teleport/side.js';
import { systemClock, type Clock } from '../../../relay/src/timing/clock.js';
import { relayVersion } from '../../../relay/src/version.js';
import { relayConfigText, type RelayConfig } from '../../e2e/relay-process.js';
import { until } from '../../until.js';
import { QUARTER_DAYS } from './quarter.js';

/** A week further back than the oldest request of the quarter was created. */
export const QUARTER_BEHIND_MS = (QUARTER_DAYS + 7) * 24 * 3600_000;
/** Node fires a longer timer at once; a sleep of a month is "not while this relay runs" anyway. */
const LONGEST_TIMER_MS = 2 ** 31 - 1;

/** Teleport time as the relay saw it while the quarter happened; its sleeps are real ones. */
export function quarterBehind(): Clock {
  return {
    now: () => Date.now() - QUARTER_BEHIND_MS,
    sleep: (ms, signal) => systemClock.sleep(Math.min(ms, LONGEST_TIMER_MS), signal),
  };
}

/** Runs the relay until the sheet holds its full listing (it is ready), then stops it. */
export async function deliverQuarter(config: RelayConfig): Promise<void> {
  const parsed = parseConfig(relayConfigText(config, 0), {});
  if (!parsed.ok) throw new Error(parsed.problems.map((p) => p.message).join('\n'));
  const logger = silentLogger();
  const metrics = new RelayMetrics();
  const teleport = createTeleportSide({ config: parsed.config.teleport, clock: quarterBehind(), logger, metrics });
  const { secret } = await loadSecret(parsed.config.sheet.secret, {});
  // The relay's own id and version: the sheet keeps one record for it and the process after it.
  const app = new App({ config: parsed.config, secret, version: relayVersion(), logger, metrics, teleport });
  try {
    await app.start();
    await until(
      `${config.id} delivering the quarter`,
      () => app.readiness(),
      (r) => r.ready,
      { timeoutMs: 60_000 },
    );
  } finally {
    await app.stop();
  }
}
