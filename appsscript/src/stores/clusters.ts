// The clusters the owner enrolled (contract §11): each one's Teleport web address and its own
// secrets, one User Property per cluster in the owner's store (so no number of clusters reaches a
// value's 9 KB and no batch can push one out), fronted by the owner's user cache as one value,
// because every POST needs it. Only the owner's executions read or write them: the web app runs as
// the owner and the cluster menu items refuse anyone else. What editors may see of them (name,
// address, dates; never a secret) is copied to Script Properties for their Relay status and View
// in Teleport; nothing the web app writes into the sheet is ever taken from that copy, which any
// editor could change in Project Settings.
import type { Platform } from '../gas/platform.js';
import type { Secrets } from '../door/verify.js';
import { CACHE_TTL_SECONDS, readThrough, type ScriptStores } from './cached-properties.js';
import { webUrls } from './ledger-store.js';

export type OwnerStores = ScriptStores & Pick<Platform, 'userProperties' | 'userCache'>;

export interface Enrolment extends Secrets {
  /** The base of the cluster's View in Teleport links, as the owner gave it. */
  webUrl: string;
  /** Unix seconds. */
  enrolledAt: number;
  /** When the owner removed it (unix seconds): its secret ended, its rows stay, no relay writes them. */
  removedAt: number | null;
}

/** What editors may read of an enrolment. */
export type PublicEnrolment = Pick<Enrolment, 'webUrl' | 'enrolledAt' | 'removedAt' | 'rotatedAt'>;

export type Directory = Readonly<Record<string, Enrolment>>;

const PREFIX = 'teleport.cluster.';
const PUBLIC_PREFIX = 'teleport.clusterInfo.';
const DIRECTORY_CACHE_KEY = 'teleport.clusters';
const PUBLIC_CACHE_KEY = 'teleport.clusterInfo';
/** A cache value holds at most 100 KB; a directory larger than that is read from Properties each time. */
const MAX_CACHED_CHARS = 90_000;

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

function parseEnrolment(json: string): Enrolment | null {
  try {
    const o = JSON.parse(json) as Record<string, unknown>;
    const webUrl = str(o.webUrl);
    const enrolledAt = num(o.enrolledAt);
    if (webUrl === null || enrolledAt === null) return null;
    return {
      webUrl,
      enrolledAt,
      removedAt: num(o.removedAt),
      current: str(o.current),
      previous: str(o.previous),
      rotatedAt: num(o.rotatedAt),
    };
  } catch {
    return null;
  }
}

/** The values of the keys that start with `prefix`, by the rest of the key, those that parse. */
function scan<T>(all: Record<string, string>, prefix: string, parse: (json: string) => T | null): Record<string, T> {
  const entries = Object.entries(all)
    .filter(([key]) => key.startsWith(prefix))
    .map(([key, json]) => [key.slice(prefix.length), parse(json)] as const);
  return Object.fromEntries(entries.filter((e): e is readonly [string, T] => e[1] !== null));
}

/** Every enrolment, removed ones included. The owner's executions only. */
export function directory(p: OwnerStores): Directory {
  const cached = p.userCache.get(DIRECTORY_CACHE_KEY);
  if (cached !== null) return scan(JSON.parse(cached) as Record<string, string>, '', parseEnrolment);
  const kept = scan(p.userProperties.all(), PREFIX, (json) => json);
  const json = JSON.stringify(kept);
  if (json.length <= MAX_CACHED_CHARS) p.userCache.put(DIRECTORY_CACHE_KEY, json, CACHE_TTL_SECONDS);
  return scan(kept, '', parseEnrolment);
}

/** The secrets a v2 POST for `cluster` is checked against; null when it is not enrolled or was removed. */
export function clusterSecrets(dir: Directory, cluster: string): Secrets | null {
  const e = Object.prototype.hasOwnProperty.call(dir, cluster) ? dir[cluster]! : null;
  return e && e.removedAt === null ? e : null;
}

/** Enrolled or removed: either way no sheet-wide (v1) signature writes its rows. */
export function isBound(dir: Directory, cluster: string): boolean {
  return Object.prototype.hasOwnProperty.call(dir, cluster);
}

/** Writes one cluster's enrolment, and the copy editors read. The owner's executions only. */
export function saveEnrolment(p: OwnerStores, cluster: string, e: Enrolment): void {
  p.userProperties.set(PREFIX + cluster, JSON.stringify(e));
  p.userCache.remove(DIRECTORY_CACHE_KEY);
  p.scriptProperties.set(PUBLIC_PREFIX + cluster, JSON.stringify(shown(e)));
  p.scriptCache.remove(PUBLIC_CACHE_KEY);
}

function shown(e: Enrolment): PublicEnrolment {
  return { webUrl: e.webUrl, enrolledAt: e.enrolledAt, removedAt: e.removedAt, rotatedAt: e.rotatedAt };
}

function parsePublic(json: string): PublicEnrolment | null {
  const e = parseEnrolment(json);
  return e && shown(e);
}

/** The copy editors read: for menus and the Dashboard, never for what the web app writes into rows. */
export function publicDirectory(p: ScriptStores): Record<string, PublicEnrolment> {
  const load = () => JSON.stringify(scan(p.scriptProperties.all(), PUBLIC_PREFIX, (json) => json));
  const kept = JSON.parse(readThrough(p.scriptProperties, p.scriptCache, PUBLIC_CACHE_KEY, { load })!) as Record<
    string,
    string
  >;
  return scan(kept, '', parsePublic);
}

/** Link bases: the last webUrl of each cluster not enrolled, overridden by each enrolled cluster's own address. */
export function withEnrolledUrls(
  shared: Readonly<Record<string, string>>,
  enrolled: Readonly<Record<string, Pick<Enrolment, 'webUrl'>>>,
): Record<string, string> {
  return Object.fromEntries([
    ...Object.entries(shared),
    ...Object.entries(enrolled).map(([cluster, e]) => [cluster, e.webUrl] as const),
  ]);
}

/**
 * Link bases for a menu item or the Dashboard: the owner's own records in the owner's executions,
 * the copy in Script Properties in anyone else's (who could as well type a link into a cell).
 */
export function linkBases(p: OwnerStores): Record<string, string> {
  return withEnrolledUrls(webUrls(p), { ...publicDirectory(p), ...directory(p) });
}
