// The one place these tests reach into the relay's sources: when files move, fix the paths here.
export { parseConfig, type RelayConfig } from '../../relay/src/config.js';
export { CredentialStore, type Credentials } from '../../relay/src/credentials.js';
export { systemClock } from '../../relay/src/clock.js';
export { silentLogger } from '../../relay/src/log.js';
export { RelayMetrics } from '../../relay/src/metrics.js';
