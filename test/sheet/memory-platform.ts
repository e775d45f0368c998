// A plain in-memory Platform for the handlers' orchestration tests: one spreadsheet, Script
// Properties, a cache that expires on the platform's clock, a lock that can be held, real crypto,
// a UI that records what it showed, and the user it runs as (the owner unless `user` is changed),
// each user with their own User Properties and cache. The local runtime (test/gas) runs the built
// bundle instead.
import { createHash, createHmac, randomUUID } from 'node:crypto';
import type { Cache, DialogSize, MenuItem, Platform, Store, Ui, Workbook } from '../../appsscript/src/gas/platform.js';
import { formatJavaDate } from '../gas/date-format.js';
import { MemoryWorkbook } from './memory-tab.js';

class MemoryStore implements Store {
  readonly map = new Map<string, string>();
  writes = 0;

  get = (key: string) => this.map.get(key) ?? null;
  all = () => Object.fromEntries(this.map);
  set(key: string, value: string): void {
    this.writes++;
    this.map.set(key, value);
  }
  delete(key: string): void {
    this.writes++;
    this.map.delete(key);
  }
}

class MemoryCache implements Cache {
  readonly map = new Map<string, { value: string; until: number }>();

  constructor(private readonly now: () => number) {}

  get(key: string): string | null {
    const entry = this.map.get(key);
    return entry && entry.until > this.now() ? entry.value : null;
  }
  getAll(keys: readonly string[]): Record<string, string> {
    const found: Record<string, string> = {};
    for (const key of keys) {
      const value = this.get(key);
      if (value !== null) found[key] = value;
    }
    return found;
  }
  put = (key: string, value: string, ttlSeconds: number) =>
    void this.map.set(key, { value, until: this.now() + ttlSeconds * 1000 });
  remove = (key: string) => void this.map.delete(key);
}

export class MemoryUi implements Ui {
  readonly menus: { title: string; items: readonly (MenuItem | null)[] }[] = [];
  readonly alerts: { title: string; message: string }[] = [];
  readonly toasts: { title: string; message: string }[] = [];
  readonly dialogs: { file: string; title: string; data: Record<string, unknown>; size: DialogSize }[] = [];
  selected: { tab: string; row: number } | null = null;
  /** What the next prompts answer (null: the person cancels); empty answers cancel. */
  readonly answers: (string | null)[] = [];

  menu = (title: string, items: readonly (MenuItem | null)[]) => void this.menus.push({ title, items });
  alert = (title: string, message: string) => void this.alerts.push({ title, message });
  toast = (message: string, title: string) => void this.toasts.push({ title, message });
  dialog = (file: string, title: string, data: Record<string, unknown>, size: DialogSize) =>
    void this.dialogs.push({ file, title, data, size });
  prompt = (title: string, message: string) => {
    this.alerts.push({ title, message });
    return this.answers.shift() ?? null;
  };
  selection = () => this.selected;
}

export class MemoryPlatform implements Platform {
  nowMs: number;
  readonly book = new MemoryWorkbook('memory-spreadsheet');
  readonly scriptProperties = new MemoryStore();
  readonly scriptCache = new MemoryCache(() => this.nowMs);
  readonly screen = new MemoryUi();
  /** Whom the execution runs as: the owner, as the web app always does, or an editor at a menu. */
  user = 'owner@example.com';
  private readonly perUser = new Map<string, { properties: MemoryStore; cache: MemoryCache }>();
  /** Whether a person has the spreadsheet open (a menu) or not (a web app, a trigger). */
  withPerson = true;
  lockHeld = false;

  constructor(startMs: number) {
    this.nowMs = startMs;
  }

  now = () => this.nowMs;
  formatDate = (instant: Date, timeZone: string, format: string) => formatJavaDate(instant.getTime(), timeZone, format);

  private stores(): { properties: MemoryStore; cache: MemoryCache } {
    let found = this.perUser.get(this.user);
    if (!found)
      this.perUser.set(this.user, (found = { properties: new MemoryStore(), cache: new MemoryCache(this.now) }));
    return found;
  }

  get userProperties(): MemoryStore {
    return this.stores().properties;
  }
  get userCache(): MemoryCache {
    return this.stores().cache;
  }
  effectiveUser = () => this.user;

  spreadsheet(id: string | null): Workbook {
    if (id === null ? !this.withPerson : id !== 'memory-spreadsheet') throw new Error('no such spreadsheet');
    return this.book;
  }

  activeSpreadsheet = () => (this.withPerson ? this.book : null);

  /** Spreadsheets the script created, by id. */
  readonly created = new Map<string, MemoryWorkbook>();
  createSpreadsheet(name: string): Workbook {
    const book = new MemoryWorkbook(`created-${this.created.size + 1}-${name}`);
    this.created.set(book.id(), book);
    return book;
  }

  /** Time-driven triggers made, as handler names (each made once). */
  readonly timerHandlers: string[] = [];
  readonly timers = {
    has: (handler: string) => this.timerHandlers.includes(handler),
    everyMinutes: (handler: string) => void this.timerHandlers.push(handler),
  };

  withScriptLock<T>(_waitMs: number, fn: () => T): T | null {
    if (this.lockHeld) return null;
    this.lockHeld = true;
    try {
      return fn();
    } finally {
      this.lockHeld = false;
    }
  }

  readonly crypto = {
    hmacSha256Hex: (key: string, message: string) => createHmac('sha256', key).update(message, 'utf8').digest('hex'),
    sha256Hex: (text: string) => createHash('sha256').update(text, 'utf8').digest('hex'),
    uuid: () => randomUUID(),
  };

  ui = () => (this.withPerson ? this.screen : null);
}
