// The relay record and the last Refresh click, kept in Script Properties and fronted by the script
// cache: a POST costs at most one Properties read (when the cache has lost them) and one write
// (a new relay, a heartbeat, a resync handed out, or contact not saved for 5 minutes). Each enrolled
// cluster's relays have a book of their own (contract §11), which only batches signed with that
// cluster's secret write: relays of other clusters, however many names they make up, never push
// one out, nor the resync it is owed. Clusters not enrolled share one book, as before §11.
import type { Platform } from '../gas/platform.js';
import { CACHE_TTL_SECONDS, type ScriptStores } from './cached-properties.js';
import {
  EMPTY_BOOK,
  findRelay,
  fitBook,
  noteContact,
  parseBook,
  type Contact,
  type RelayBook,
  type RelayEntry,
} from './relays.js';

type Stores = ScriptStores & Pick<Platform, 'crypto'>;

const SHARED_BOOK_KEY = 'teleport.relays';
const OWN_BOOK_PREFIX = 'teleport.relays.';
const REFRESH_KEY = 'teleport.refreshAt';
/** The script cache's list of every book's Script Property, so that Relay status reads no Properties. */
const BOOKS_KEY = 'teleport.relayBooks';
/** A cache key holds at most 250 characters; a cluster name may have 253. */
const MAX_CACHE_KEY_CHARS = 250;

interface Book {
  /** Its Script Property. */
  key: string;
  cacheKey: string;
}

function bookOf(p: Stores, cluster: string | null): Book {
  if (cluster === null) return { key: SHARED_BOOK_KEY, cacheKey: SHARED_BOOK_KEY };
  const key = OWN_BOOK_PREFIX + cluster;
  // '#' is not in a cluster name, so a hashed key never meets a plain one.
  const cacheKey = key.length <= MAX_CACHE_KEY_CHARS ? key : `${OWN_BOOK_PREFIX}#${p.crypto.sha256Hex(cluster)}`;
  return { key, cacheKey };
}

function read({ scriptProperties, scriptCache }: ScriptStores, book: Book): { book: RelayBook; refreshAt: number } {
  const cached = scriptCache.getAll([book.cacheKey, REFRESH_KEY]);
  if (cached[book.cacheKey] !== undefined && cached[REFRESH_KEY] !== undefined) {
    return { book: parseBook(cached[book.cacheKey]), refreshAt: Number(cached[REFRESH_KEY]) || 0 };
  }
  const all = scriptProperties.all();
  const kept = {
    book: all[book.key] ? parseBook(all[book.key]) : EMPTY_BOOK,
    refreshAt: Number(all[REFRESH_KEY]) || 0,
  };
  scriptCache.put(REFRESH_KEY, String(kept.refreshAt), CACHE_TTL_SECONDS);
  return kept;
}

function write(p: Stores, book: Book, next: RelayBook, save: boolean): void {
  const json = fitBook(next);
  p.scriptCache.put(book.cacheKey, json, CACHE_TTL_SECONDS);
  if (!save) return;
  try {
    p.scriptProperties.set(book.key, json);
    listBook(p, book.key);
  } catch (err) {
    // Out of Properties quota or space: the cache holds the record, and the resync is still owed.
    console.warn('could not save the relay record: ' + (err instanceof Error ? err.message : 'unknown'));
  }
}

const isBookKey = (key: string) => key === SHARED_BOOK_KEY || key.startsWith(OWN_BOOK_PREFIX);
const bookAt = (p: Stores, key: string) =>
  key === SHARED_BOOK_KEY ? bookOf(p, null) : bookOf(p, key.slice(OWN_BOOK_PREFIX.length));

function bookKeys(p: Stores): { keys: string[]; all: Record<string, string> | null } {
  const cached = p.scriptCache.get(BOOKS_KEY);
  if (cached !== null) return { keys: JSON.parse(cached) as string[], all: null };
  const all = p.scriptProperties.all();
  const keys = Object.keys(all).filter(isBookKey);
  p.scriptCache.put(BOOKS_KEY, JSON.stringify(keys), CACHE_TTL_SECONDS);
  return { keys, all };
}

/** A book saved for the first time joins the cached list (which, when forgotten, Properties rebuild). */
function listBook(p: Stores, key: string): void {
  const cached = p.scriptCache.get(BOOKS_KEY);
  const keys = cached === null ? null : (JSON.parse(cached) as string[]);
  if (keys && !keys.includes(key)) p.scriptCache.put(BOOKS_KEY, JSON.stringify([...keys, key]), CACHE_TTL_SECONDS);
}

/** Every relay's record from every book, for Relay status, Refresh and the Dashboard: the cache's copy first. */
export function relayBook(p: Stores): RelayBook {
  const found = bookKeys(p);
  const books = found.keys.map((key) => bookAt(p, key));
  const cached = books.length > 0 ? p.scriptCache.getAll(books.map((b) => b.cacheKey)) : {};
  let all = found.all;
  const latest = new Map<string, RelayEntry>();
  for (const book of books) {
    const json = cached[book.cacheKey] ?? (all ??= p.scriptProperties.all())[book.key];
    for (const r of parseBook(json).relays) {
      const id = JSON.stringify([r.cluster, r.relay]);
      if ((latest.get(id)?.contactAt ?? -1) < r.contactAt) latest.set(id, r);
    }
  }
  return { relays: [...latest.values()], savedAt: 0 };
}

/** Asks every relay to re-list, through its next ok reply. */
export function requestRefresh(p: ScriptStores, now: number): void {
  p.scriptProperties.set(REFRESH_KEY, String(now));
  p.scriptCache.put(REFRESH_KEY, String(now), CACHE_TTL_SECONDS);
}

/**
 * Notes a verified, applied POST; returns whether its reply carries `resync`. Under the script lock.
 * `enrolled`: the batch was signed with its cluster's own secret, so it goes in that cluster's book;
 * a relay first heard there brings its entry from the shared book, and with it any resync it is owed.
 */
export function recordContact(p: Stores, contact: Omit<Contact, 'refreshAt'>, enrolled: boolean): boolean {
  const own = bookOf(p, enrolled ? contact.cluster : null);
  const kept = read(p, own);
  let book = kept.book;
  let shared: RelayBook | null = null;
  if (enrolled && !findRelay(book, contact)) {
    const before = read(p, bookOf(p, null)).book;
    const moved = findRelay(before, contact);
    if (moved) {
      book = { ...book, relays: [...book.relays, moved] };
      shared = { ...before, relays: before.relays.filter((r) => r !== moved) };
    }
  }
  const next = noteContact(book, { ...contact, refreshAt: kept.refreshAt });
  write(p, own, next.book, next.save);
  if (shared) write(p, bookOf(p, null), shared, true);
  return next.resync;
}
