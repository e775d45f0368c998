// The record of every relay that delivers into the sheet (contract §10), pure: last contact, last
// heartbeat and stats per relay, the signature it uses (§11), and which Refresh click each relay has
// been told about, so that a click reaches every relay once. A book is one JSON value: it must fit
// a property (9 KB). Each enrolled cluster has a book of its own (relay-store.ts).
import type { SignatureVersion } from '../../../proto/contract.js';

export const RELAY_KEEP_MS = 7 * 24 * 3600 * 1000;
/** Last contact alone reaches Properties at most this often; the cache holds the exact value. */
export const CONTACT_SAVE_INTERVAL_MS = 5 * 60 * 1000;
export const MAX_BOOK_CHARS = 8000;
const MAX_NAME_CHARS = 200;

export interface RelayEntry {
  /** "<relay id>/<relay version>" as the relay sent it. */
  relay: string;
  cluster: string;
  /** ms since epoch of the last verified POST. */
  contactAt: number;
  /** The last heartbeat's `at` and stats. */
  heartbeatAt: string | null;
  stats: Record<string, number>;
  /** The Refresh click (ms) this relay was last answered `resync` for, or the one before it first came. */
  refreshSeen: number;
  /** v2: its cluster's own secret; v1: the sheet-wide one. */
  signature: SignatureVersion;
  /** §13: ms of the last batch of this relay that carried `usage` ops, null for none yet. */
  usageAt: number | null;
}

export interface RelayBook {
  relays: RelayEntry[];
  /** When the book was last written to Properties (ms), so that contact alone is saved only now and then. */
  savedAt: number;
}

export const EMPTY_BOOK: RelayBook = { relays: [], savedAt: 0 };

export interface Contact {
  relay: string;
  cluster: string;
  now: number;
  heartbeat: { at: string; stats?: Record<string, number> } | null;
  /** The last Refresh click (ms), 0 for none. */
  refreshAt: number;
  signature: SignatureVersion;
  /** The batch carried `usage` ops. */
  usage?: boolean;
}

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function parseEntry(o: Partial<RelayEntry>): RelayEntry | null {
  if (typeof o.relay !== 'string' || typeof o.cluster !== 'string' || !isNumber(o.contactAt)) return null;
  const stats = typeof o.stats === 'object' && o.stats !== null ? o.stats : {};
  return {
    relay: o.relay,
    cluster: o.cluster,
    contactAt: o.contactAt,
    heartbeatAt: typeof o.heartbeatAt === 'string' ? o.heartbeatAt : null,
    stats: Object.fromEntries(Object.entries(stats).filter(([, v]) => isNumber(v))),
    refreshSeen: isNumber(o.refreshSeen) ? o.refreshSeen : 0,
    signature: o.signature === 2 ? 2 : 1,
    usageAt: isNumber(o.usageAt) ? o.usageAt : null,
  };
}

export function parseBook(json: string | null | undefined): RelayBook {
  if (!json) return EMPTY_BOOK;
  try {
    const o = JSON.parse(json) as { relays?: unknown; savedAt?: unknown };
    const relays = Array.isArray(o.relays) ? o.relays.map((r) => parseEntry(r as Partial<RelayEntry>)) : [];
    return { relays: relays.filter((r): r is RelayEntry => r !== null), savedAt: isNumber(o.savedAt) ? o.savedAt : 0 };
  } catch {
    return EMPTY_BOOK;
  }
}

/** Relays heard from in the last 7 days, by cluster then relay. */
export function liveRelays(book: RelayBook, now: number): RelayEntry[] {
  return book.relays
    .filter((r) => now - r.contactAt <= RELAY_KEEP_MS)
    .sort((a, b) => a.cluster.localeCompare(b.cluster) || a.relay.localeCompare(b.relay));
}

/** The book's entry for this relay of this cluster, if it has one. */
export function findRelay(book: RelayBook, c: Pick<Contact, 'relay' | 'cluster'>): RelayEntry | undefined {
  const [relay, cluster] = [c.relay.slice(0, MAX_NAME_CHARS), c.cluster.slice(0, MAX_NAME_CHARS)];
  return book.relays.find((r) => r.relay === relay && r.cluster === cluster);
}

/**
 * Notes a verified POST. `resync` says whether this relay is owed one (a click it has not been told
 * about; a relay first heard after the click lists everything on start anyway), `save` whether
 * Properties must hear of it now rather than only the cache.
 */
export function noteContact(book: RelayBook, c: Contact): { book: RelayBook; resync: boolean; save: boolean } {
  const relay = c.relay.slice(0, MAX_NAME_CHARS);
  const cluster = c.cluster.slice(0, MAX_NAME_CHARS);
  const known = findRelay(book, c);
  const resync = known !== undefined && known.refreshSeen < c.refreshAt;
  const entry: RelayEntry = {
    relay,
    cluster,
    contactAt: c.now,
    heartbeatAt: c.heartbeat ? c.heartbeat.at : (known?.heartbeatAt ?? null),
    stats: c.heartbeat ? (c.heartbeat.stats ?? {}) : (known?.stats ?? {}),
    refreshSeen: known ? Math.max(known.refreshSeen, c.refreshAt) : c.refreshAt,
    signature: c.signature,
    usageAt: c.usage ? c.now : (known?.usageAt ?? null),
  };
  const relays = [...liveRelays(book, c.now).filter((r) => r !== known), entry];
  const firstUsage = c.usage === true && known?.usageAt == null;
  const changed = !known || known.signature !== c.signature;
  const save =
    changed || resync || firstUsage || c.heartbeat !== null || c.now - book.savedAt >= CONTACT_SAVE_INTERVAL_MS;
  return { book: { relays, savedAt: save ? c.now : book.savedAt }, resync, save };
}

/** The book as one value of at most MAX_BOOK_CHARS: stats go first, then the relays silent longest. */
export function fitBook(book: RelayBook): string {
  let json = JSON.stringify(book);
  if (json.length <= MAX_BOOK_CHARS) return json;
  const relays = book.relays.map((r) => ({ ...r, stats: {} })).sort((a, b) => b.contactAt - a.contactAt);
  while (relays.length > 0) {
    json = JSON.stringify({ ...book, relays });
    if (json.length <= MAX_BOOK_CHARS) return json;
    relays.pop();
  }
  return JSON.stringify({ ...book, relays: [] });
}
