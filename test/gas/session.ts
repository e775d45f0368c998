// Session, Logger and console. In a web app run "as me" for anonymous users the active user's
// email is empty; the effective user is always the owner.
import type { GasEnv } from './env.js';

export class FakeUser {
  constructor(private readonly email: string) {}
  getEmail(): string {
    return this.email;
  }
}

export class FakeSession {
  constructor(private readonly env: GasEnv) {}
  getScriptTimeZone(): string {
    return this.env.timeZone;
  }
  getActiveUser(): FakeUser {
    return new FakeUser(this.env.mode === 'webapp' ? '' : this.env.ownerEmail);
  }
  getEffectiveUser(): FakeUser {
    return new FakeUser(this.env.ownerEmail);
  }
  getActiveUserLocale(): string {
    return 'en';
  }
  getTemporaryActiveUserKey(): string {
    return 'temporary-user-key';
  }
}

export class LogRecorder {
  lines: string[] = [];

  log(args: unknown[]): void {
    this.lines.push(args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' '));
  }
}

export class FakeLogger {
  constructor(private readonly recorder: LogRecorder) {}

  log(format: unknown, ...values: unknown[]): this {
    const text =
      typeof format === 'string' && values.length > 0 ? format.replace(/%s/g, () => String(values.shift())) : format;
    this.recorder.log([text, ...values]);
    return this;
  }

  getLog(): string {
    return this.recorder.lines.join('\n');
  }
  clear(): void {
    this.recorder.lines = [];
  }
}

export function fakeConsole(recorder: LogRecorder): Record<string, (...args: unknown[]) => void> {
  const log = (...args: unknown[]) => recorder.log(args);
  return { log, info: log, warn: log, error: log, debug: log };
}

export const USER_API = ['getEmail'] as const;
export const SESSION_API = [
  'getScriptTimeZone',
  'getActiveUser',
  'getEffectiveUser',
  'getActiveUserLocale',
  'getTemporaryActiveUserKey',
] as const;
export const LOGGER_API = ['log', 'getLog', 'clear'] as const;
