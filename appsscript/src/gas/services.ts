// Properties, the cache, the lock and crypto over PropertiesService, CacheService, LockService
// and Utilities. Each service is looked up when used: nothing runs at load time.
import type { Cache, Crypto, Store } from './platform.js';

function properties(open: () => GoogleAppsScript.Properties.Properties): Store {
  return {
    get: (key) => open().getProperty(key),
    all: () => open().getProperties(),
    set: (key, value) => void open().setProperty(key, value),
    delete: (key) => void open().deleteProperty(key),
  };
}

export const scriptProperties = properties(() => PropertiesService.getScriptProperties());
export const userProperties = properties(() => PropertiesService.getUserProperties());

function cache(open: () => GoogleAppsScript.Cache.Cache): Cache {
  return {
    get: (key) => open().get(key),
    getAll: (keys) => open().getAll([...keys]),
    put: (key, value, ttlSeconds) => open().put(key, value, ttlSeconds),
    remove: (key) => open().remove(key),
  };
}

export const scriptCache = cache(() => CacheService.getScriptCache());
export const userCache = cache(() => CacheService.getUserCache());

export function withScriptLock<T>(waitMs: number, fn: () => T): T | null {
  const lock = LockService.getScriptLock();
  if (!lock.tryLock(waitMs)) return null;
  try {
    return fn();
  } finally {
    lock.releaseLock();
  }
}

/** Apps Script hands out signed bytes. */
function hex(bytes: readonly number[]): string {
  return bytes.map((b) => ((b & 0xff) < 16 ? '0' : '') + (b & 0xff).toString(16)).join('');
}

export const crypto: Crypto = {
  hmacSha256Hex: (key, message) => hex(Utilities.computeHmacSha256Signature(message, key, Utilities.Charset.UTF_8)),
  sha256Hex: (text) => hex(Utilities.computeDigest(Utilities.DigestAlgorithm.SHA_256, text, Utilities.Charset.UTF_8)),
  uuid: () => Utilities.getUuid(),
};
