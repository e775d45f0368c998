import type { RelayConfig } from '../config/parse.js';
import type { Logger } from '../log.js';
import type { RelayMetrics } from '../metrics.js';
import type { Clock } from '../timing/clock.js';
import { CredentialStore } from './credentials.js';
import { TeleportSource } from './source.js';

// The Teleport side as the relay runs it: the credential store and the watch loop that uses it.
// Built here once, for `start` (through App) and for `check`.

export interface TeleportSide {
  credentials: CredentialStore;
  source: TeleportSource;
}

export function createTeleportSide(o: {
  config: RelayConfig['teleport'];
  clock: Clock;
  logger: Logger;
  metrics: RelayMetrics;
}): TeleportSide {
  const credentials = new CredentialStore({
    path: o.config.identity,
    refresh: o.config.refreshIdentity,
    intervalMs: o.config.refreshIdentityIntervalMs,
    clock: o.clock,
    logger: o.logger,
    metrics: o.metrics,
  });
  const source = new TeleportSource({
    addr: o.config.addr,
    mode: o.config.mode,
    credentials,
    clock: o.clock,
    logger: o.logger,
    metrics: o.metrics,
  });
  return { credentials, source };
}
