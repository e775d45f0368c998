// The one adapter over PropertiesService, CacheService, LockService and Utilities. Script
// Properties are the source of truth; the script cache fronts what every POST reads, because
// Properties allow 50,000 reads and writes a day.
import { NONCE_TTL_SECONDS } from '../../proto/contract.js';
import { NO_RELAY, parseRelayRecord, type RelayRecord } from './status.js';
import type { Secrets } from './verify.js';

const PROP = {
  secrets: 'teleport.secrets',
  spreadsheetId: 'teleport.spreadsheetId',
  resync: 'teleport.resync',
  relay: 'teleport.relay',
};
const CACHE = {
  config: 'teleport.config',
  resync: 'teleport.resync',
  contact: 'teleport.contact',
  contactSaved: 'teleport.contactSaved',
};
const CACHE_TTL_SECONDS = 21600;
/** Last contact reaches Properties at most this often; the cache holds the exact value. */
const CONTACT_SAVE_INTERVAL_MS = 5 * 60 * 1000;
/** A property value holds at most 9 KB; oversized stats are dropped rather than failing the batch. */
const MAX_RECORD_CHARS = 8000;
const MAX_RELAY_CHARS = 200;

interface Config {
  secrets: Secrets;
  spreadsheetId: string | null;
}

const props = () => PropertiesService.getScriptProperties();
const cache = () => CacheService.getScriptCache();

function parseSecrets(json: string | null | undefined): Secrets {
  const none: Secrets = { current: null, previous: null, rotatedAt: null };
  if (!json) return none;
  try {
    const o = JSON.parse(json) as Partial<Secrets>;
    return {
      current: typeof o.current === 'string' ? o.current : null,
      previous: typeof o.previous === 'string' ? o.previous : null,
      rotatedAt: typeof o.rotatedAt === 'number' ? o.rotatedAt : null,
    };
  } catch {
    return none;
  }
}

function config(): Config {
  const cached = cache().get(CACHE.config);
  if (cached) return JSON.parse(cached) as Config;
  const all = props().getProperties();
  const fresh: Config = { secrets: parseSecrets(all[PROP.secrets]), spreadsheetId: all[PROP.spreadsheetId] ?? null };
  cache().put(CACHE.config, JSON.stringify(fresh), CACHE_TTL_SECONDS);
  return fresh;
}

export function secrets(): Secrets {
  return config().secrets;
}

export function spreadsheetId(): string | null {
  return config().spreadsheetId;
}

export function saveSecrets(next: Secrets): void {
  props().setProperty(PROP.secrets, JSON.stringify(next));
  cache().remove(CACHE.config);
}

export function rememberSpreadsheetId(id: string): void {
  if (props().getProperty(PROP.spreadsheetId) === id) return;
  props().setProperty(PROP.spreadsheetId, id);
  cache().remove(CACHE.config);
}

export function hmacHex(key: string, message: string): string {
  const bytes = Utilities.computeHmacSha256Signature(message, key, Utilities.Charset.UTF_8);
  return bytes.map((b) => ((b & 0xff) < 16 ? '0' : '') + (b & 0xff).toString(16)).join('');
}

/** 256 bits: SHA-256 over three random v4 UUIDs (366 random bits). */
export function randomSecret(): string {
  const seed = Utilities.getUuid() + Utilities.getUuid() + Utilities.getUuid();
  const bytes = Utilities.computeDigest(Utilities.DigestAlgorithm.SHA_256, seed, Utilities.Charset.UTF_8);
  return bytes.map((b) => ((b & 0xff) < 16 ? '0' : '') + (b & 0xff).toString(16)).join('');
}

export function nonceSeen(nonce: string): boolean {
  const key = `teleport.nonce.${nonce}`;
  if (cache().get(key) !== null) return true;
  cache().put(key, '1', NONCE_TTL_SECONDS);
  return false;
}

/** Runs fn under the script lock, or returns null when it cannot be had within waitMs. */
export function withScriptLock<T>(waitMs: number, fn: () => T): T | null {
  const lock = LockService.getScriptLock();
  if (!lock.tryLock(waitMs)) return null;
  try {
    return fn();
  } finally {
    lock.releaseLock();
  }
}

export function requestResync(): void {
  props().setProperty(PROP.resync, '1');
  cache().put(CACHE.resync, '1', CACHE_TTL_SECONDS);
}

/** Returns the flag and clears it; call only when the reply carrying it is ok. */
export function takeResync(): boolean {
  const cached = cache().get(CACHE.resync);
  if (cached === '0') return false;
  const set = cached === '1' || (cached === null && props().getProperty(PROP.resync) === '1');
  cache().put(CACHE.resync, '0', CACHE_TTL_SECONDS);
  if (!set) return false;
  try {
    props().deleteProperty(PROP.resync);
  } catch {
    // Out of Properties quota: the cache holds the cleared flag; at worst the relay resyncs once more.
  }
  return true;
}

export function relayRecord(): RelayRecord {
  const stored = parseRelayRecord(props().getProperty(PROP.relay));
  const cached = Number(cache().get(CACHE.contact));
  const contactAt = cached > (stored.contactAt ?? 0) ? cached : stored.contactAt;
  return { ...stored, contactAt };
}

/** Notes a verified POST. Properties are written only with a heartbeat or every few minutes. */
export function recordContact(
  now: number,
  relay: string,
  heartbeat: { at: string; stats?: Record<string, number> } | null,
): void {
  cache().put(CACHE.contact, String(now), CACHE_TTL_SECONDS);
  relay = relay.slice(0, MAX_RELAY_CHARS);
  const saved = Number(cache().get(CACHE.contactSaved) ?? 0);
  if (!heartbeat && now - saved < CONTACT_SAVE_INTERVAL_MS) return;
  const previous = heartbeat ? NO_RELAY : parseRelayRecord(props().getProperty(PROP.relay));
  const record: RelayRecord = heartbeat
    ? { relay, contactAt: now, heartbeatAt: heartbeat.at, stats: heartbeat.stats ?? {} }
    : { ...previous, relay, contactAt: now };
  let json = JSON.stringify(record);
  if (json.length > MAX_RECORD_CHARS) json = JSON.stringify({ ...record, stats: {} });
  props().setProperty(PROP.relay, json);
  cache().put(CACHE.contactSaved, String(now), CACHE_TTL_SECONDS);
}
