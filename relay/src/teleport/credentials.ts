// Loads the relay's Teleport identity and keeps it fresh. A renewal (tctl, tbot) rewrites files
// in place, so a reader can see a half-written file or a key that does not match the cert: the
// store then keeps the last good credentials and retries shortly. New credentials reach only
// new connections; listeners (the watch loop) reconnect when the fingerprint changes.
import { watch } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import type { Clock } from '../timing/clock.js';
import { inScope } from '../timing/scope.js';
import type { Logger } from '../log.js';
import type { RelayMetrics } from '../metrics.js';
import { CredentialsError } from './errors.js';
import { replacementRefusal, validityError, type Credentials } from './identity-file.js';
import { loadCredentials } from './identity-path.js';

export { loadCredentials };

const RETRY_MS = 2_000;
/** A renewal writes several files: let a burst of change events settle before reading. */
const SETTLE_MS = 250;
const EXPIRY_WARNING_MS = 10 * 60_000;
/** The kubelet renews a mounted Secret by swapping these links, never touching the key's own name. */
const KUBELET_SWAP = new Set(['..data', '..data_tmp']);

export interface CredentialStoreOptions {
  path: string;
  refresh: boolean;
  intervalMs: number;
  clock: Clock;
  logger: Logger;
  metrics: RelayMetrics;
}

export class CredentialStore {
  private credentials: Credentials | null = null;
  private readonly listeners = new Set<(c: Credentials) => void>();
  private readonly stopped = new AbortController();
  private wake = new AbortController();
  private changed = false;
  private reloading: Promise<void> = Promise.resolve();

  constructor(private readonly o: CredentialStoreOptions) {}

  /** First load; throws CredentialsError when there is no usable identity. */
  async start(): Promise<Credentials> {
    const first = await loadCredentials(this.o.path);
    const invalid = validityError(first, this.o.clock.now());
    if (invalid) throw invalid;
    this.accept(first);
    if (this.o.refresh) {
      this.watchPath();
      void this.loop();
    }
    return first;
  }

  current(): Credentials {
    if (!this.credentials)
      throw new CredentialsError('not_found', 'credentials requested before CredentialStore.start()');
    return this.credentials;
  }

  onChange(listener: (c: Credentials) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Re-reads now; false when the read failed (then: retry soon). Reads never overlap. */
  reload(): Promise<boolean> {
    const next = this.reloading.then(() => this.reloadOnce());
    this.reloading = next.then(() => undefined);
    return next;
  }

  private async reloadOnce(): Promise<boolean> {
    try {
      const next = await loadCredentials(this.o.path);
      const refusal = replacementRefusal(next, this.credentials, this.o.clock.now());
      if (next.fingerprint === this.credentials?.fingerprint) {
        this.o.metrics.identityReloads.inc({ result: 'unchanged' });
      } else if (refusal) {
        this.o.metrics.identityReloads.inc({ result: refusal.result });
        this.o.logger.warn(
          { result: refusal.result, path: this.o.path, why: refusal.why },
          `keeping the current Teleport credentials: ${refusal.why}`,
        );
      } else {
        this.o.metrics.identityReloads.inc({ result: 'changed' });
        this.accept(next);
      }
      return true;
    } catch (err) {
      this.o.metrics.identityReloads.inc({ result: 'error' });
      const code = err instanceof CredentialsError ? err.code : 'unreadable';
      this.o.logger.warn(
        { code, err: (err as Error).message, path: this.o.path },
        'identity reload failed; keeping the last good credentials and retrying',
      );
      return false;
    } finally {
      this.checkExpiry();
    }
  }

  stop(): void {
    this.stopped.abort();
  }

  private accept(next: Credentials): void {
    const previous = this.credentials;
    this.credentials = next;
    this.o.metrics.identityExpiry.set(next.notAfter.getTime() / 1000);
    this.o.logger.info(
      {
        user: next.user,
        roles: next.roles,
        cluster: next.clusterName,
        keyType: next.keyType,
        notAfter: next.notAfter.toISOString(),
      },
      previous ? 'loaded renewed Teleport credentials' : 'loaded Teleport credentials',
    );
    if (previous) for (const listener of this.listeners) listener(next);
  }

  private checkExpiry(): void {
    const c = this.credentials;
    if (!c) return;
    const left = c.notAfter.getTime() - this.o.clock.now();
    const fields = { user: c.user, notAfter: c.notAfter.toISOString(), path: this.o.path };
    if (left <= 0)
      this.o.logger.error(
        fields,
        'the Teleport certificate has expired: renew the identity (tctl auth sign, or check tbot)',
      );
    else if (left <= EXPIRY_WARNING_MS)
      this.o.logger.warn(
        { ...fields, secondsLeft: Math.floor(left / 1000) },
        'the Teleport certificate expires soon and no renewal has been seen',
      );
  }

  /** Watches the folder (not the file): a file replaced by rename would escape a file watch. */
  private watchPath(): void {
    void stat(this.o.path).then(
      (stats) => {
        const isDir = stats.isDirectory();
        if (this.stopped.signal.aborted) return;
        const dir = isDir ? this.o.path : dirname(this.o.path);
        const name = isDir ? null : basename(this.o.path);
        try {
          // Closed by stop() through the signal, like everything else the store arms.
          const watcher = watch(dir, { signal: this.stopped.signal }, (_event, file) => {
            if (name !== null && file !== null && file !== name && !KUBELET_SWAP.has(file)) return;
            this.changed = true;
            this.wake.abort();
          });
          watcher.on('error', () => watcher.close());
        } catch (err) {
          this.o.logger.debug(
            { err: (err as Error).message },
            'cannot watch the identity path; relying on the reload interval',
          );
        }
      },
      () => undefined,
    );
  }

  private async loop(): Promise<void> {
    let delay = this.o.intervalMs;
    while (!this.stopped.signal.aborted) {
      if (!this.changed) {
        this.wake = new AbortController();
        await inScope([this.stopped.signal, this.wake.signal], (wait) =>
          this.o.clock.sleep(delay, wait.signal).catch(() => undefined),
        );
      }
      if (this.changed) await this.o.clock.sleep(SETTLE_MS, this.stopped.signal).catch(() => undefined);
      if (this.stopped.signal.aborted) return;
      this.changed = false;
      delay = (await this.reload()) ? this.o.intervalMs : Math.min(RETRY_MS, this.o.intervalMs);
    }
  }
}
