// CacheService's script cache: string values with an expiry on the runtime clock, Google's size
// limits, and Google's documented eviction: past 1,000 items the cache keeps the 900 farthest from
// expiry, so whatever was written with the nearest expiry goes first, however recently.
import type { GasEnv } from './env.js';
import { gasError } from './expose.js';

export const MAX_KEY_CHARS = 250;
export const MAX_VALUE_BYTES = 100 * 1024;
export const MAX_EXPIRY_SECONDS = 21_600;
export const DEFAULT_EXPIRY_SECONDS = 600;
export const MAX_ENTRIES = 1000;
export const KEPT_ON_EVICTION = 900;

export class FakeCache {
  private readonly entries = new Map<string, { value: string; expiresAt: number }>();

  constructor(private readonly env: GasEnv) {}

  private checkKey(key: unknown): string {
    const k = String(key);
    if (k.length > MAX_KEY_CHARS) throw gasError('Argument too large: key');
    return k;
  }

  get(key: string): string | null {
    const k = this.checkKey(key);
    const entry = this.entries.get(k);
    if (!entry) return null;
    if (entry.expiresAt <= this.env.clock()) {
      this.entries.delete(k);
      return null;
    }
    return entry.value;
  }

  put(key: string, value: string, expirationInSeconds: number = DEFAULT_EXPIRY_SECONDS): void {
    const k = this.checkKey(key);
    const v = String(value);
    if (Buffer.byteLength(v, 'utf8') > MAX_VALUE_BYTES) throw gasError('Argument too large: value');
    const seconds = Number(expirationInSeconds);
    if (!(seconds >= 1 && seconds <= MAX_EXPIRY_SECONDS))
      throw gasError(`Invalid argument: expirationInSeconds must be between 1 and ${MAX_EXPIRY_SECONDS}`);
    this.entries.delete(k);
    this.entries.set(k, { value: v, expiresAt: this.env.clock() + seconds * 1000 });
    if (this.entries.size > MAX_ENTRIES) this.evict();
  }

  private evict(): void {
    const now = this.env.clock();
    for (const [k, e] of this.entries) if (e.expiresAt <= now) this.entries.delete(k);
    if (this.entries.size <= MAX_ENTRIES) return;
    const nearest = [...this.entries].sort((a, b) => a[1].expiresAt - b[1].expiresAt);
    for (const [k] of nearest.slice(0, nearest.length - KEPT_ON_EVICTION)) this.entries.delete(k);
  }

  remove(key: string): void {
    this.entries.delete(this.checkKey(key));
  }

  getAll(keys: string[]): Record<string, string> {
    const found: Record<string, string> = {};
    for (const key of keys) {
      const value = this.get(key);
      if (value !== null) found[key] = value;
    }
    return found;
  }

  putAll(values: Record<string, string>, expirationInSeconds?: number): void {
    for (const [key, value] of Object.entries(values)) this.put(key, value, expirationInSeconds);
  }

  removeAll(keys: string[]): void {
    keys.forEach((k) => this.remove(k));
  }

  /** Test control: the cache loses everything (Apps Script may evict at any time). */
  clear(): void {
    this.entries.clear();
  }

  /** Test inspection: the keys of entries not yet expired. */
  keys(): string[] {
    return [...this.entries].filter(([, e]) => e.expiresAt > this.env.clock()).map(([k]) => k);
  }

  /** Test inspection: entries not yet expired. */
  size(): number {
    return [...this.entries.values()].filter((e) => e.expiresAt > this.env.clock()).length;
  }
}

export class FakeCacheService {
  constructor(
    private readonly env: GasEnv,
    private readonly scriptCache: FakeCache,
    private readonly documentCache: FakeCache,
    /** The cache of the user the execution runs as. */
    private readonly userCache: () => FakeCache,
  ) {}

  private allowed(what: string): void {
    this.env.requireAuthorized(`CacheService.${what}`, 'https://www.googleapis.com/auth/script.scriptapp');
  }

  getScriptCache(): FakeCache {
    this.allowed('getScriptCache');
    return this.scriptCache;
  }
  getDocumentCache(): FakeCache | null {
    this.allowed('getDocumentCache');
    return this.env.mode === 'webapp' ? null : this.documentCache;
  }
  getUserCache(): FakeCache {
    this.allowed('getUserCache');
    return this.userCache();
  }
}

export const CACHE_API = ['get', 'put', 'remove', 'getAll', 'putAll', 'removeAll'] as const;
export const CACHE_SERVICE_API = ['getScriptCache', 'getDocumentCache', 'getUserCache'] as const;
