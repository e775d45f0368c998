// Session, Logger and console. The effective user is whoever the execution runs as: the owner
// (the deployer) in a web app run "as me", the person at the keyboard in a menu. The active user's
// email is hidden in a web app for anonymous visitors and in simple triggers. Reading either needs
// the userinfo.email scope when the manifest lists its scopes.
import type { GasEnv } from './env.js';

const EMAIL_SCOPE = 'https://www.googleapis.com/auth/userinfo.email';

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
    this.env.requireScope('Session.getActiveUser', EMAIL_SCOPE);
    const hidden = this.env.mode === 'webapp' || this.env.mode === 'simpleTrigger';
    return new FakeUser(hidden ? '' : this.env.user);
  }
  getEffectiveUser(): FakeUser {
    this.env.requireScope('Session.getEffectiveUser', EMAIL_SCOPE);
    return new FakeUser(this.env.user);
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
