// PropertiesService stores with Google's limits (9 KB a value, 500 KB a store) and a count of
// reads and writes (each call is one, whatever it carries), since both are metered daily.
import type { GasEnv } from './env.js';
import { gasError } from './expose.js';

export const MAX_PROPERTY_VALUE_BYTES = 9 * 1024;
export const MAX_STORE_BYTES = 500 * 1024;

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

export class FakeProperties {
  private readonly store = new Map<string, string>();
  reads = 0;
  writes = 0;

  private checked(next: Map<string, string>): Map<string, string> {
    let total = 0;
    for (const [k, v] of next) {
      if (bytes(v) > MAX_PROPERTY_VALUE_BYTES) throw gasError('Argument too large: value');
      total += bytes(k) + bytes(v);
    }
    if (total > MAX_STORE_BYTES)
      throw gasError('You have exceeded the property storage quota. Please remove some properties and try again.');
    return next;
  }

  private commit(next: Map<string, string>): this {
    this.checked(next);
    this.store.clear();
    for (const [k, v] of next) this.store.set(k, v);
    this.writes += 1;
    return this;
  }

  getProperty(key: string): string | null {
    this.reads += 1;
    return this.store.get(String(key)) ?? null;
  }
  getProperties(): Record<string, string> {
    this.reads += 1;
    return Object.fromEntries(this.store);
  }
  getKeys(): string[] {
    this.reads += 1;
    return [...this.store.keys()];
  }
  setProperty(key: string, value: string): this {
    return this.commit(new Map(this.store).set(String(key), String(value)));
  }

  setProperties(properties: Record<string, unknown>, deleteAllOthers = false): this {
    const next = deleteAllOthers ? new Map<string, string>() : new Map(this.store);
    for (const [k, v] of Object.entries(properties)) next.set(k, String(v));
    return this.commit(next);
  }

  deleteProperty(key: string): this {
    const next = new Map(this.store);
    next.delete(String(key));
    return this.commit(next);
  }

  deleteAllProperties(): this {
    return this.commit(new Map());
  }

  /** Test access, not metered. */
  get(key: string): string | null {
    return this.store.get(key) ?? null;
  }
  set(key: string, value: string): void {
    this.store.set(key, value);
  }
  all(): Record<string, string> {
    return Object.fromEntries(this.store);
  }
}

export class FakePropertiesService {
  constructor(
    private readonly env: GasEnv,
    /** `user` is the store of the user the execution runs as. */
    private readonly stores: { script: FakeProperties; document: FakeProperties; user: () => FakeProperties },
  ) {}

  private allowed(what: string): void {
    this.env.requireAuthorized(`PropertiesService.${what}`, 'https://www.googleapis.com/auth/script.scriptapp');
  }

  getScriptProperties(): FakeProperties {
    this.allowed('getScriptProperties');
    return this.stores.script;
  }
  getDocumentProperties(): FakeProperties | null {
    this.allowed('getDocumentProperties');
    return this.stores.document;
  }
  getUserProperties(): FakeProperties {
    this.allowed('getUserProperties');
    return this.stores.user();
  }
}

export const PROPERTIES_API = [
  'getProperty',
  'getProperties',
  'getKeys',
  'setProperty',
  'setProperties',
  'deleteProperty',
  'deleteAllProperties',
] as const;
export const PROPERTIES_SERVICE_API = ['getScriptProperties', 'getDocumentProperties', 'getUserProperties'] as const;
