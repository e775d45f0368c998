// The relay record and the last Refresh click, kept in Script Properties and fronted by the script
// cache: a POST costs at most one Properties read (when the cache has lost them) and one write
// (a new relay, a heartbeat, a resync handed out, or contact not saved for 5 minutes).
import { CACHE_TTL_SECONDS, type ScriptStores } from './cached-properties.js';
import { EMPTY_BOOK, fitBook, noteContact, parseBook, type Contact, type RelayBook } from './relays.js';

const BOOK_KEY = 'teleport.relays';
const REFRESH_KEY = 'teleport.refreshAt';

interface Stored {
  book: RelayBook;
  refreshAt: number;
}

function read({ scriptProperties, scriptCache }: ScriptStores): Stored {
  const cached = scriptCache.getAll([BOOK_KEY, REFRESH_KEY]);
  if (cached[BOOK_KEY] !== undefined && cached[REFRESH_KEY] !== undefined) {
    return { book: parseBook(cached[BOOK_KEY]), refreshAt: Number(cached[REFRESH_KEY]) || 0 };
  }
  const all = scriptProperties.all();
  const kept = {
    book: all[BOOK_KEY] ? parseBook(all[BOOK_KEY]) : EMPTY_BOOK,
    refreshAt: Number(all[REFRESH_KEY]) || 0,
  };
  scriptCache.put(REFRESH_KEY, String(kept.refreshAt), CACHE_TTL_SECONDS);
  return kept;
}

/** Every relay's record, for Relay status and the Refresh toast. */
export function relayBook(p: ScriptStores): RelayBook {
  return read(p).book;
}

/** Asks every relay to re-list, through its next ok reply. */
export function requestRefresh(p: ScriptStores, now: number): void {
  p.scriptProperties.set(REFRESH_KEY, String(now));
  p.scriptCache.put(REFRESH_KEY, String(now), CACHE_TTL_SECONDS);
}

/** Notes a verified, applied POST; returns whether its reply carries `resync`. Under the script lock. */
export function recordContact(p: ScriptStores, contact: Omit<Contact, 'refreshAt'>): boolean {
  const { book, refreshAt } = read(p);
  const next = noteContact(book, { ...contact, refreshAt });
  const json = fitBook(next.book);
  p.scriptCache.put(BOOK_KEY, json, CACHE_TTL_SECONDS);
  if (next.save) {
    try {
      p.scriptProperties.set(BOOK_KEY, json);
    } catch (err) {
      // Out of Properties quota or space: the cache holds the record, and the resync is still owed.
      console.warn('could not save the relay record: ' + (err instanceof Error ? err.message : 'unknown'));
    }
  }
  return next.resync;
}
