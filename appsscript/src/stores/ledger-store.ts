// What the ledger keeps outside the cells: the key that seals Version cells and the last verified
// webUrl of each cluster (Script Properties, fronted by the script cache, which may forget), and
// where the History tab's next row goes (the cache alone: when it forgets, the tab's last row is
// asked once). Menu handlers run as editors and read these too.
import type { Platform } from '../gas/platform.js';
import type { Mac } from '../rows/rowmeta.js';
import { newSecret } from './secrets.js';

type Kept = Pick<Platform, 'scriptProperties' | 'scriptCache'>;

const PROP = { rowKey: 'teleport.rowKey', webUrls: 'teleport.webUrls' };
const CACHE = { rowKey: 'teleport.rowKey', webUrls: 'teleport.webUrls', history: 'teleport.historyRows' };
const CACHE_TTL_SECONDS = 21600;
/** A property value holds at most 9 KB; past that the oldest clusters' addresses are dropped. */
const MAX_WEB_URLS_CHARS = 8000;

/** The sealing key; made (under the script lock) when `create` and none exists yet. */
export function rowKey(p: Kept & Pick<Platform, 'crypto'>, create: boolean): string | null {
  const cached = p.scriptCache.get(CACHE.rowKey);
  if (cached) return cached;
  let key = p.scriptProperties.get(PROP.rowKey);
  if (!key && create) {
    key = newSecret(p.crypto);
    p.scriptProperties.set(PROP.rowKey, key);
  }
  if (key) p.scriptCache.put(CACHE.rowKey, key, CACHE_TTL_SECONDS);
  return key;
}

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
export function webUrls(p: Kept): Record<string, string> {
  const cached = p.scriptCache.get(CACHE.webUrls);
  if (cached !== null) return parseUrls(cached);
  const stored = p.scriptProperties.get(PROP.webUrls) ?? '{}';
  p.scriptCache.put(CACHE.webUrls, stored, CACHE_TTL_SECONDS);
  return parseUrls(stored);
}

export function rememberWebUrl(p: Kept, cluster: string, webUrl: string): void {
  const urls = webUrls(p);
  if (urls[cluster] === webUrl) return;
  delete urls[cluster];
  let entries = [...Object.entries(urls), [cluster, webUrl] as [string, string]];
  while (entries.length > 1 && JSON.stringify(Object.fromEntries(entries)).length > MAX_WEB_URLS_CHARS) {
    entries = entries.slice(1);
  }
  const json = JSON.stringify(Object.fromEntries(entries));
  p.scriptProperties.set(PROP.webUrls, json);
  p.scriptCache.put(CACHE.webUrls, json, CACHE_TTL_SECONDS);
}

/** The History tab's next free row and its grid size, as last written by this script. */
export interface HistoryRows {
  next: number;
  grid: number;
}

export function historyRows(p: Kept): HistoryRows | null {
  const cached = p.scriptCache.get(CACHE.history);
  if (cached === null) return null;
  const [next, grid] = cached.split('/').map(Number);
  return Number.isInteger(next) && Number.isInteger(grid) && next! >= 2 ? { next: next!, grid: grid! } : null;
}

export function rememberHistoryRows(p: Kept, rows: HistoryRows): void {
  p.scriptCache.put(CACHE.history, `${rows.next}/${rows.grid}`, CACHE_TTL_SECONDS);
}

export function forgetHistoryRows(p: Kept): void {
  p.scriptCache.remove(CACHE.history);
}
