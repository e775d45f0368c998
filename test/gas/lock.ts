// LockService. Executions never overlap here, so contention is simulated: holdExternally() makes
// "another execution" hold the script lock until released. Waiting advances no time: a lock
// that is held fails at once (tryLock → false, waitLock → Google's timeout exception). The modelled
// seconds an execution spends holding the script lock are counted (env.lockSeconds): what every
// other execution would have waited.
import type { GasEnv } from './env.js';
import { gasError } from './expose.js';

const SCRIPT_SCOPE = 'https://www.googleapis.com/auth/script.scriptapp';
type Holder = FakeLock | 'external' | null;

export class LockSlot {
  holder: Holder = null;
  /** The holder's modelled seconds when it took the lock (counted for the script lock only). */
  since: number | null = null;

  constructor(private readonly env: GasEnv | null = null) {}

  taken(): void {
    if (this.env) this.since = this.env.executionSeconds;
  }

  released(): void {
    if (this.env && this.since !== null) this.env.lockSeconds += this.env.executionSeconds - this.since;
    this.since = null;
  }

  holdExternally(): () => void {
    if (this.holder !== null) throw new Error('the lock is already held');
    this.holder = 'external';
    return () => {
      if (this.holder === 'external') this.holder = null;
    };
  }

  /** Apps Script releases every lock an execution still holds when it ends. */
  releaseExecution(executionId: number): void {
    if (this.holder instanceof FakeLock && this.holder.executionId === executionId) {
      this.released();
      this.holder = null;
    }
  }
}

export class FakeLock {
  constructor(
    private readonly slot: LockSlot,
    readonly executionId: number,
  ) {}

  tryLock(_timeoutInMillis: number): boolean {
    if (this.slot.holder === this) return true;
    if (this.slot.holder !== null) return false;
    this.slot.holder = this;
    this.slot.taken();
    return true;
  }

  waitLock(timeoutInMillis: number): void {
    if (!this.tryLock(timeoutInMillis))
      throw gasError('Lock timeout: another process was holding the lock for too long.');
  }

  hasLock(): boolean {
    return this.slot.holder === this;
  }

  releaseLock(): void {
    if (this.slot.holder !== this) return;
    this.slot.released();
    this.slot.holder = null;
  }
}

export class FakeLockService {
  constructor(
    private readonly env: GasEnv,
    private readonly scriptSlot: LockSlot,
    private readonly documentSlot: LockSlot,
    private readonly userSlot: LockSlot,
  ) {}

  getScriptLock(): FakeLock {
    this.env.requireAuthorized('LockService.getScriptLock', SCRIPT_SCOPE);
    return new FakeLock(this.scriptSlot, this.env.executionId);
  }

  getDocumentLock(): FakeLock | null {
    this.env.requireAuthorized('LockService.getDocumentLock', SCRIPT_SCOPE);
    return this.env.mode === 'webapp' ? null : new FakeLock(this.documentSlot, this.env.executionId);
  }

  getUserLock(): FakeLock {
    this.env.requireAuthorized('LockService.getUserLock', SCRIPT_SCOPE);
    return new FakeLock(this.userSlot, this.env.executionId);
  }
}

export const LOCK_API = ['tryLock', 'waitLock', 'hasLock', 'releaseLock'] as const;
export const LOCK_SERVICE_API = ['getScriptLock', 'getDocumentLock', 'getUserLock'] as const;
