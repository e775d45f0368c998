// What the script keeps between executions. Script Properties are the source of truth; the script
// cache fronts what every POST reads, because Properties allow 50,000 reads and writes a day.
import { NONCE_TTL_SECONDS } from '../../proto/contract.js';
import type { Crypto, Platform } from './gas/platform.js';
import { NO_RELAY, parseRelayRecord, type RelayRecord } from './status.js';
import type { Secrets } from './verify.js';

type Kept = Pick<Platform, 'scriptProperties' | 'scriptCache'>;

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

function config({ scriptProperties, scriptCache }: Kept): Config {
  const cached = scriptCache.get(CACHE.config);
  if (cached) return JSON.parse(cached) as Config;
  const all = scriptProperties.all();
  const fresh: Config = { secrets: parseSecrets(all[PROP.secrets]), spreadsheetId: all[PROP.spreadsheetId] ?? null };
  scriptCache.put(CACHE.config, JSON.stringify(fresh), CACHE_TTL_SECONDS);
  return fresh;
}

export function secrets(p: Kept): Secrets {
  return config(p).secrets;
}

export function spreadsheetId(p: Kept): string | null {
  return config(p).spreadsheetId;
}

export function saveSecrets(p: Kept, next: Secrets): void {
  p.scriptProperties.set(PROP.secrets, JSON.stringify(next));
  p.scriptCache.remove(CACHE.config);
}

/** 256 bits: SHA-256 over three random v4 UUIDs (366 random bits). */
export function newSecret(crypto: Crypto): string {
  return crypto.sha256Hex(crypto.uuid() + crypto.uuid() + crypto.uuid());
}

export function rememberSpreadsheetId(p: Kept, id: string): void {
  if (p.scriptProperties.get(PROP.spreadsheetId) === id) return;
  p.scriptProperties.set(PROP.spreadsheetId, id);
  p.scriptCache.remove(CACHE.config);
}

/** Records the nonce and tells whether it had been seen already. */
export function nonceSeen({ scriptCache }: Kept, nonce: string): boolean {
  const key = `teleport.nonce.${nonce}`;
  if (scriptCache.get(key) !== null) return true;
  scriptCache.put(key, '1', NONCE_TTL_SECONDS);
  return false;
}

export function requestResync(p: Kept): void {
  p.scriptProperties.set(PROP.resync, '1');
  p.scriptCache.put(CACHE.resync, '1', CACHE_TTL_SECONDS);
}

/** Returns the flag and clears it; call only when the reply carrying it is ok. */
export function takeResync({ scriptProperties, scriptCache }: Kept): boolean {
  const cached = scriptCache.get(CACHE.resync);
  if (cached === '0') return false;
  const set = cached === '1' || (cached === null && scriptProperties.get(PROP.resync) === '1');
  scriptCache.put(CACHE.resync, '0', CACHE_TTL_SECONDS);
  if (!set) return false;
  try {
    scriptProperties.delete(PROP.resync);
  } catch {
    // Out of Properties quota: the cache holds the cleared flag; at worst the relay resyncs once more.
  }
  return true;
}

export function relayRecord({ scriptProperties, scriptCache }: Kept): RelayRecord {
  const stored = parseRelayRecord(scriptProperties.get(PROP.relay));
  const cached = Number(scriptCache.get(CACHE.contact));
  const contactAt = cached > (stored.contactAt ?? 0) ? cached : stored.contactAt;
  return { ...stored, contactAt };
}

/** Notes a verified POST. Properties are written only with a heartbeat or every few minutes. */
export function recordContact(
  { scriptProperties, scriptCache }: Kept,
  now: number,
  relay: string,
  heartbeat: { at: string; stats?: Record<string, number> } | null,
): void {
  scriptCache.put(CACHE.contact, String(now), CACHE_TTL_SECONDS);
  relay = relay.slice(0, MAX_RELAY_CHARS);
  const saved = Number(scriptCache.get(CACHE.contactSaved) ?? 0);
  if (!heartbeat && now - saved < CONTACT_SAVE_INTERVAL_MS) return;
  const previous = heartbeat ? NO_RELAY : parseRelayRecord(scriptProperties.get(PROP.relay));
  const record: RelayRecord = heartbeat
    ? { relay, contactAt: now, heartbeatAt: heartbeat.at, stats: heartbeat.stats ?? {} }
    : { ...previous, relay, contactAt: now };
  let json = JSON.stringify(record);
  if (json.length > MAX_RECORD_CHARS) json = JSON.stringify({ ...record, stats: {} });
  scriptProperties.set(PROP.relay, json);
  scriptCache.put(CACHE.contactSaved, String(now), CACHE_TTL_SECONDS);
}
