// One execution's global scope: a fresh vm context holding only Apps Script's globals (no
// require, process, Buffer, setTimeout, fetch, TextEncoder, URL), whose Date reads the runtime clock.
import vm from 'node:vm';
import type { Realm } from './env.js';

// Replaces the context's Date so that `new Date()` and `Date.now()` follow the runtime clock
// while every Date stays an instance of the context's own Date.
const DATE_SHIM = `(function (clock) {
  var RealDate = globalThis.Date;
  function Date() {
    if (!new.target) return new RealDate(clock()).toString();
    return arguments.length === 0 ? new RealDate(clock()) : Reflect.construct(RealDate, arguments);
  }
  Date.prototype = RealDate.prototype;
  Object.defineProperty(RealDate.prototype, 'constructor', { value: Date, writable: true, configurable: true });
  Date.now = function now() { return clock(); };
  Date.parse = RealDate.parse;
  Date.UTC = RealDate.UTC;
  globalThis.Date = Date;
})`;

export interface ScriptContext {
  context: vm.Context;
  realm: Realm;
}

export function createScriptContext(clock: () => number): ScriptContext {
  const context = vm.createContext({}, { name: 'apps-script' });
  (vm.runInContext(DATE_SHIM, context) as (clock: () => number) => void)(clock);
  const realm = vm.runInContext('({ Date: Date, Error: Error })', context) as Realm;
  return { context, realm };
}

export function installGlobals(context: vm.Context, globals: Record<string, unknown>): void {
  for (const [name, value] of Object.entries(globals)) {
    Object.defineProperty(context, name, { value, writable: true, configurable: true, enumerable: false });
  }
}

function isPlainData(value: unknown): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(isPlainData);
  if (typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return (proto === Object.prototype || proto === null) && Object.values(value).every(isPlainData);
}

/** Plain data (such as a web app event) rebuilt in the script realm, as Apps Script's own objects are; else as is. */
export function intoRealm(value: unknown, context: vm.Context): unknown {
  if (!isPlainData(value)) return value;
  return (vm.runInContext('JSON.parse', context) as (text: string) => unknown)(JSON.stringify(value));
}
