// The state of the current execution that every fake service consults: which mode it runs in,
// the script realm (so Dates and Errors handed to the script are the script's own), the clock.
import { gasError } from './expose.js';

export type ExecutionMode = 'webapp' | 'menu' | 'simpleTrigger';

export interface Realm {
  Date: DateConstructor;
  Error: ErrorConstructor;
}

export const hostRealm: Realm = { Date, Error };

export class ExecutionKilled extends Error {}

/** What belongs to one execution: saved while another runs inside it (an interleaving), restored after. */
const EXECUTION_FIELDS = [
  'executionId',
  'mode',
  'realm',
  'user',
  'executionCalls',
  'killed',
  'executionSeconds',
  'cache',
  'timedOut',
] as const;
export type ExecutionState = Pick<GasEnv, (typeof EXECUTION_FIELDS)[number]>;

export class GasEnv {
  mode: ExecutionMode | null = null;
  realm: Realm = hostRealm;
  executionId = 0;
  /** Whose authority the execution runs under: the deployer in a web app, the person at the keyboard otherwise. */
  user: string;
  /** Priced calls made by the current execution. */
  executionCalls = 0;
  /** The priced call (1-based, within one execution) at which the next execution is killed. */
  killAtCall: number | null = null;
  killed = false;
  /** Modelled seconds of the current execution's spreadsheet calls (cost-model.ts). */
  executionSeconds = 0;
  /** The current execution's write cache: writes wait in it until a read or a flush. */
  cache = { writesPending: false };
  /** Modelled seconds after which an execution dies, as at Apps Script's 6 minutes; null: never. */
  secondsLimit: number | null = null;
  timedOut = false;

  constructor(
    readonly clock: () => number,
    readonly timeZone: string,
    readonly ownerEmail: string,
    /** The manifest's oauthScopes; null when the bundle has no manifest (nothing is checked then). */
    readonly scopes: readonly string[] | null = null,
  ) {
    this.user = ownerEmail;
  }

  /** Starts an execution with fresh counts; returns what to restore when it ends. */
  enter(execution: Pick<GasEnv, 'executionId' | 'mode' | 'realm' | 'user'>): ExecutionState {
    const saved = Object.fromEntries(EXECUTION_FIELDS.map((f) => [f, this[f]])) as ExecutionState;
    const fresh = { executionCalls: 0, killed: false, executionSeconds: 0, cache: { writesPending: false } };
    Object.assign(this, execution, fresh, { timedOut: false });
    return saved;
  }

  leave(saved: ExecutionState): void {
    Object.assign(this, saved);
  }

  /** A Google-style exception, built in the script realm so `instanceof Error` holds there. */
  error(message: string): Error {
    const e = new this.realm.Error(message);
    e.name = 'Exception';
    return e;
  }

  /** A service whose scope an explicit oauthScopes list leaves out throws, as Apps Script does. */
  requireScope(what: string, scope: string): void {
    if (this.scopes !== null && !this.scopes.includes(scope)) {
      throw gasError(`You do not have permission to call ${what}. Required permissions: ${scope}`);
    }
  }

  /** Counts a priced call; at the chosen one the execution dies there, as when Apps Script kills it. */
  maybeKill(): void {
    this.executionCalls += 1;
    if (this.killAtCall !== null && this.executionCalls >= this.killAtCall) {
      this.killAtCall = null;
      this.killed = true;
    }
    this.checkAlive();
  }

  /** Spends a call's modelled time; a call that would end past the limit never happens, and nothing after it. */
  spend(seconds: number): void {
    if (this.secondsLimit !== null && this.executionSeconds + seconds > this.secondsLimit) {
      this.killed = true;
      this.timedOut = true;
      this.checkAlive();
    }
    this.executionSeconds += seconds;
  }

  /** A killed execution makes no call at all, whatever the script tries after catching the first failure. */
  checkAlive(): void {
    if (this.killed) throw new ExecutionKilled('the execution was killed');
  }

  /** Services a simple trigger (AuthMode.LIMITED) may not use. */
  requireAuthorized(what: string, scope: string): void {
    if (this.mode === 'simpleTrigger') {
      throw gasError(`You do not have permission to call ${what}. Required permissions: ${scope}`);
    }
  }
}
