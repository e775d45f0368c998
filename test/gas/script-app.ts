// ScriptApp: installable time-driven triggers (ref/script/script-app, ref/script/clock-trigger-builder).
// A trigger belongs to the user whose execution made it and runs as that user; getProjectTriggers()
// lists only the running user's. Nothing fires by itself here: tests call GasRuntime.runTimers(),
// which runs every trigger due by the runtime's clock, as Apps Script would around that time.
import type { GasEnv } from './env.js';
import { gasError } from './expose.js';

export const SCRIPT_APP_SCOPE = 'https://www.googleapis.com/auth/script.scriptapp';
/** everyMinutes accepts only these (ref/script/clock-trigger-builder#everyMinutes). */
const MINUTES = [1, 5, 10, 15, 30];

export class FakeTrigger {
  /** When it fires next, by the runtime's clock. */
  nextAt: number;

  constructor(
    private readonly id: string,
    private readonly handler: string,
    readonly owner: string,
    readonly everyMs: number,
    now: number,
  ) {
    this.nextAt = now + everyMs;
  }

  getHandlerFunction(): string {
    return this.handler;
  }
  getUniqueId(): string {
    return this.id;
  }
  getEventType(): string {
    return 'CLOCK';
  }
  getTriggerSource(): string {
    return 'CLOCK';
  }
}

/** Every trigger of the project, whoever made it. */
export class TriggerBook {
  readonly triggers: FakeTrigger[] = [];
  private made = 0;

  add(handler: string, owner: string, everyMs: number, now: number): FakeTrigger {
    this.made += 1;
    const trigger = new FakeTrigger(String(9_000_000 + this.made), handler, owner, everyMs, now);
    this.triggers.push(trigger);
    return trigger;
  }
}

export class FakeClockTriggerBuilder {
  private everyMs: number | null = null;

  constructor(
    private readonly env: GasEnv,
    private readonly book: TriggerBook,
    private readonly handler: string,
  ) {}

  everyMinutes(n: number): this {
    if (!MINUTES.includes(Number(n))) throw gasError('The value passed to everyMinutes must be 1, 5, 10, 15 or 30.');
    this.everyMs = Number(n) * 60_000;
    return this;
  }

  everyHours(n: number): this {
    this.everyMs = Number(n) * 3_600_000;
    return this;
  }

  create(): FakeTrigger {
    if (this.everyMs === null) throw gasError('A time-based trigger needs a schedule, such as everyMinutes.');
    return this.book.add(this.handler, this.env.user, this.everyMs, this.env.clock());
  }
}

export class FakeTriggerBuilder {
  constructor(
    private readonly env: GasEnv,
    private readonly book: TriggerBook,
    private readonly handler: string,
  ) {}

  timeBased(): FakeClockTriggerBuilder {
    return new FakeClockTriggerBuilder(this.env, this.book, this.handler);
  }
}

export class FakeScriptApp {
  constructor(
    private readonly env: GasEnv,
    private readonly book: TriggerBook,
  ) {}

  private authorised(what: string): void {
    this.env.requireAuthorized(what, SCRIPT_APP_SCOPE);
    this.env.requireScope(what, SCRIPT_APP_SCOPE);
  }

  newTrigger(functionName: string): FakeTriggerBuilder {
    this.authorised('ScriptApp.newTrigger');
    return new FakeTriggerBuilder(this.env, this.book, String(functionName));
  }

  getProjectTriggers(): FakeTrigger[] {
    this.authorised('ScriptApp.getProjectTriggers');
    return this.book.triggers.filter((t) => t.owner === this.env.user);
  }

  deleteTrigger(trigger: FakeTrigger): void {
    this.authorised('ScriptApp.deleteTrigger');
    const i = this.book.triggers.indexOf(trigger);
    if (i >= 0) this.book.triggers.splice(i, 1);
  }
}

export const SCRIPT_APP_API = ['newTrigger', 'getProjectTriggers', 'deleteTrigger'] as const;
export const SCRIPT_APP_PROPS = {
  AuthMode: { NONE: 'NONE', LIMITED: 'LIMITED', FULL: 'FULL', CUSTOM_FUNCTION: 'CUSTOM_FUNCTION' },
  EventType: { CLOCK: 'CLOCK', ON_OPEN: 'ON_OPEN', ON_EDIT: 'ON_EDIT' },
};
export const TRIGGER_BUILDER_API = ['timeBased'] as const;
export const CLOCK_TRIGGER_BUILDER_API = ['everyMinutes', 'everyHours', 'create'] as const;
export const TRIGGER_API = ['getHandlerFunction', 'getUniqueId', 'getEventType', 'getTriggerSource'] as const;
