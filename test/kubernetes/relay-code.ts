// The one place these tests reach into the relay's sources: when files move, fix the paths here.
export { parseConfig, type RelayConfig } from '../../relay/src/config/parse.js';
export { CredentialStore } from '../../relay/src/teleport/credentials.js';
export { type Credentials } from '../../relay/src/teleport/identity-file.js';
export { systemClock } from '../../relay/src/timing/clock.js';
export { silentLogger } from '../../relay/src/log.js';
export { RelayMetrics } from '../../relay/src/metrics.js';
