import type { RelayConfig } from '../config/parse.js';
import type { Logger } from '../log.js';
import type { RelayMetrics } from '../metrics.js';
import type { Clock } from '../timing/clock.js';
import { connectTeleport, type TeleportClient } from './connection.js';
import { CredentialStore } from './credentials.js';
import { TeleportSource } from './source.js';

// The Teleport side as the relay runs it: the credential store and the watch loop that uses it.
// Built here once, for `start` (through App) and for `check`.

export interface TeleportSide {
  credentials: CredentialStore;
  source: TeleportSource;
  /** A client of its own with the current credentials, for the usage reader. */
  connect(signal: AbortSignal): Promise<TeleportClient>;
}

/** The connection settings from the config, the same for `start` and `check`'s connection step. */
export function connectionSettings(config: RelayConfig['teleport']) {
  return { addr: config.addr, mode: config.mode, connectionUpgrade: config.connectionUpgrade };
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
    ...connectionSettings(o.config),
    credentials,
    clock: o.clock,
    logger: o.logger,
    metrics: o.metrics,
  });
  const connect = (signal: AbortSignal) =>
    connectTeleport({
      ...connectionSettings(o.config),
      credentials: credentials.current(),
      logger: o.logger,
      now: () => o.clock.now(),
      signal,
    });
  return { credentials, source, connect };
}
