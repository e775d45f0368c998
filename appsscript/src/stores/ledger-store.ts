// What the ledger keeps outside the cells: the MACs made with the sealing key (sealing-key.ts), the
// last verified webUrl of each cluster (Script Properties, fronted by the script cache, which may
// forget), and where the History tab's next row goes (the cache alone: when it forgets, the tab's
// last row is asked once). Menu handlers run as editors and read the addresses too.
import type { Platform } from '../gas/platform.js';
import type { Mac } from '../rows/rowmeta.js';
import { CACHE_TTL_SECONDS, readThrough, type ScriptStores } from './cached-properties.js';

const WEB_URLS_KEY = 'teleport.webUrls';
/** Renamed with §15: a cursor kept by an older version carries no seal to check. */
const HISTORY_CURSOR_KEY = 'teleport.historyCursor';
/** A property value holds at most 9 KB; past that the oldest clusters' addresses are dropped. */
const MAX_WEB_URLS_CHARS = 8000;

/** Seals and checks Version cells; the prefix keeps these MACs apart from any other use of the key. */
export function rowMac(p: Pick<Platform, 'crypto'>, key: string): Mac {
  return (json) => p.crypto.hmacSha256Hex(key, 'teleport-sheets row\n' + json);
}

/** A Mac that matches nothing, for a sheet that never sealed a cell. */
export const NO_MAC: Mac = () => '';

function parseUrls(json: string | null): Record<string, string> {
  if (!json) return {};
  try {
    const o: unknown = JSON.parse(json);
    if (typeof o !== 'object' || o === null || Array.isArray(o)) return {};
    return Object.fromEntries(Object.entries(o).filter((e): e is [string, string] => typeof e[1] === 'string'));
  } catch {
    return {};
  }
}

/** Cluster → the webUrl of the last verified batch from it. */
export function webUrls(p: ScriptStores): Record<string, string> {
  return parseUrls(readThrough(p.scriptProperties, p.scriptCache, WEB_URLS_KEY, { absent: '{}' }));
}

export function rememberWebUrl(p: ScriptStores, cluster: string, webUrl: string): void {
  const urls = webUrls(p);
  if (urls[cluster] === webUrl) return;
  delete urls[cluster];
  let entries = [...Object.entries(urls), [cluster, webUrl] as [string, string]];
  while (entries.length > 1 && JSON.stringify(Object.fromEntries(entries)).length > MAX_WEB_URLS_CHARS) {
    entries = entries.slice(1);
  }
  const json = JSON.stringify(Object.fromEntries(entries));
  p.scriptProperties.set(WEB_URLS_KEY, json);
  p.scriptCache.put(WEB_URLS_KEY, json, CACHE_TTL_SECONDS);
}

/** Drops a cluster's address, once the cluster is enrolled and its links come from its enrolment. */
export function forgetWebUrl(p: ScriptStores, cluster: string): void {
  const urls = webUrls(p);
  if (!Object.prototype.hasOwnProperty.call(urls, cluster)) return;
  const json = JSON.stringify(Object.fromEntries(Object.entries(urls).filter(([c]) => c !== cluster)));
  p.scriptProperties.set(WEB_URLS_KEY, json);
  p.scriptCache.put(WEB_URLS_KEY, json, CACHE_TTL_SECONDS);
}

/** The History tab's next free row and its grid size, as last written by this script. */
export interface HistoryCursor {
  next: number;
  grid: number;
  /** The Seal cell of row next − 1, the last row the script wrote ('' when that is the header). */
  seal: string;
}

export function historyCursor(p: ScriptStores): HistoryCursor | null {
  const cached = p.scriptCache.get(HISTORY_CURSOR_KEY);
  if (cached === null) return null;
  const [next, grid, seal] = cached.split('/');
  const [n, g] = [Number(next), Number(grid)];
  return Number.isInteger(n) && Number.isInteger(g) && n >= 2 && seal !== undefined ? { next: n, grid: g, seal } : null;
}

export function rememberHistoryCursor(p: ScriptStores, cursor: HistoryCursor): void {
  p.scriptCache.put(HISTORY_CURSOR_KEY, `${cursor.next}/${cursor.grid}/${cursor.seal}`, CACHE_TTL_SECONDS);
}

export function forgetHistoryCursor(p: ScriptStores): void {
  p.scriptCache.remove(HISTORY_CURSOR_KEY);
}
