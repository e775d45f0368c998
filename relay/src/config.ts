import { parse as parseToml, TomlError } from 'smol-toml';
import { isHttpsBaseUrl } from '../../proto/contract.js';
import { formatDuration, parseDuration } from './duration.js';
import type { ConnectMode } from './connection.js';
import type { UpgradeSetting } from './connection-upgrade.js';
import type { Severity } from './log.js';

// One pure function: TOML text (or an already parsed object) + environment → a frozen config, or
// every problem at once, each naming the key, what is wrong and how to fix it. Nothing here
// touches the file system; the secret itself is read later (secret.ts), never stored here.

export type SecretSource = { from: 'file'; path: string } | { from: 'env'; name: typeof SECRET_ENV };

export interface RelayConfig {
  readonly teleport: {
    addr: string;
    identity: string;
    refreshIdentity: boolean;
    refreshIdentityIntervalMs: number;
    mode: ConnectMode;
    connectionUpgrade: UpgradeSetting;
  };
  readonly sheet: { url: string; secret: SecretSource; webUrl: string | null; timeoutMs: number };
  readonly relay: {
    id: string | null;
    heartbeatIntervalMs: number;
    resyncIntervalMs: number;
    batchLingerMs: number;
    shutdownTimeoutMs: number;
  };
  readonly http: { host: string; port: number };
  readonly log: { severity: Severity; output: string };
}

export interface ConfigProblem {
  key: string;
  message: string;
}
export type ConfigResult =
  { ok: true; config: RelayConfig; warnings: string[] } | { ok: false; problems: ConfigProblem[] };

export const ENV_PREFIX = 'TELEPORT_SHEETS_';
export const SECRET_ENV = 'TELEPORT_SHEETS_SHEET_SECRET';

type Parsed = { value: unknown } | { problem: string };
/** `fallback` is written the way a user would write it, and goes through the same parse. */
interface Field {
  key: string;
  required?: string;
  fallback?: unknown;
  parse(raw: unknown): Parsed;
}

function valueOf(parsed: Parsed): unknown {
  if ('problem' in parsed) throw new Error(`config: a default does not parse: ${parsed.problem}`);
  return parsed.value;
}

const SECOND = 1000;
const FIELDS: Field[] = [
  {
    key: 'teleport.addr',
    required: 'set it to the Auth Service (host:3025) or the Proxy (host:443)',
    parse: hostPort(false),
  },
  {
    key: 'teleport.identity',
    required: 'set it to the identity file from `tctl auth sign` or a Machine ID output folder',
    parse: path,
  },
  { key: 'teleport.refresh_identity', fallback: true, parse: boolean },
  { key: 'teleport.refresh_identity_interval', fallback: '1m', parse: duration(SECOND, 24 * 3600 * SECOND) },
  { key: 'teleport.mode', fallback: 'auto', parse: oneOf(['auto', 'auth', 'proxy']) },
  { key: 'teleport.connection_upgrade', fallback: 'auto', parse: oneOf(['auto', 'always', 'never']) },
  {
    key: 'sheet.url',
    required: 'set it to the web app URL ending in /exec (Deploy → Manage deployments)',
    parse: sheetUrl,
  },
  { key: 'sheet.secret_file', parse: path },
  { key: 'sheet.web_url', parse: webUrl },
  { key: 'sheet.timeout', fallback: '90s', parse: duration(SECOND, 600 * SECOND) },
  { key: 'relay.id', parse: relayId },
  { key: 'relay.heartbeat_interval', fallback: '30s', parse: duration(SECOND, 3600 * SECOND) },
  { key: 'relay.resync_interval', fallback: '10m', parse: duration(10 * SECOND, 7 * 24 * 3600 * SECOND) },
  { key: 'relay.batch_linger', fallback: '250ms', parse: duration(0, 60 * SECOND) },
  { key: 'relay.shutdown_timeout', fallback: '10s', parse: duration(0, 300 * SECOND) },
  { key: 'http.listen', fallback: '0.0.0.0:8080', parse: hostPort(true) },
  { key: 'log.severity', fallback: 'info', parse: oneOf(['debug', 'info', 'warn', 'error']) },
  { key: 'log.output', fallback: 'stdout', parse: path },
];
const KEYS = FIELDS.map((f) => f.key);

export function envName(key: string): string {
  return ENV_PREFIX + key.replace('.', '_').toUpperCase();
}

export function parseConfig(
  source: string | Record<string, unknown> | null,
  env: Record<string, string | undefined>,
): ConfigResult {
  const problems: ConfigProblem[] = [];
  const raw = new Map<string, { value: unknown; origin: string }>();
  const table = typeof source === 'string' ? parseText(source, problems) : (source ?? {});
  collectFile(table, raw, problems);
  collectEnv(env, raw, problems);

  const values = new Map<string, unknown>();
  for (const field of FIELDS) {
    const given = raw.get(field.key);
    if (given === undefined) {
      if (field.required) problems.push({ key: field.key, message: `\`${field.key}\` is missing: ${field.required}.` });
      else values.set(field.key, field.fallback === undefined ? null : valueOf(field.parse(field.fallback)));
      continue;
    }
    const parsed = field.parse(given.value);
    if ('problem' in parsed)
      problems.push({ key: field.key, message: end(`\`${field.key}\`${given.origin} ${parsed.problem}`) });
    else values.set(field.key, parsed.value);
  }
  const secret = secretSource(values, env, problems);
  if (problems.length > 0 || !secret) return { ok: false, problems };
  return { ok: true, config: build(values, secret), warnings: warnings(values, env) };
}

function parseText(text: string, problems: ConfigProblem[]): Record<string, unknown> {
  try {
    return parseToml(text) as Record<string, unknown>;
  } catch (err) {
    const where = err instanceof TomlError ? ` at line ${err.line}, column ${err.column}` : '';
    problems.push({
      key: '',
      message: `The config file is not valid TOML${where}: fix the syntax there (strings need "quotes", sections look like [sheet]).`,
    });
    return {};
  }
}

function collectFile(
  table: Record<string, unknown>,
  raw: Map<string, { value: unknown; origin: string }>,
  problems: ConfigProblem[],
): void {
  for (const [section, body] of Object.entries(table)) {
    if (body === null || typeof body !== 'object' || Array.isArray(body) || body instanceof Date) {
      problems.push({
        key: section,
        message: end(
          `\`${section}\` must be a section like [${section}], not a value${suggest(section, sectionsOf())}`,
        ),
      });
      continue;
    }
    if (!sectionsOf().includes(section)) {
      problems.push({ key: section, message: end(`Unknown section [${section}]${suggest(section, sectionsOf())}`) });
      continue;
    }
    for (const [name, value] of Object.entries(body)) {
      const key = `${section}.${name}`;
      if (!KEYS.includes(key)) problems.push({ key, message: end(`Unknown key \`${key}\`${suggest(key, KEYS)}`) });
      else raw.set(key, { value, origin: '' });
    }
  }
}

function collectEnv(
  env: Record<string, string | undefined>,
  raw: Map<string, { value: unknown; origin: string }>,
  problems: ConfigProblem[],
): void {
  const byEnv = new Map(KEYS.map((k) => [envName(k), k]));
  for (const [name, value] of Object.entries(env)) {
    if (!name.startsWith(ENV_PREFIX) || value === undefined || name === SECRET_ENV) continue;
    const key = byEnv.get(name);
    if (!key)
      problems.push({
        key: name,
        message: end(`Unknown environment variable ${name}${suggest(name, [...byEnv.keys(), SECRET_ENV])}`),
      });
    else raw.set(key, { value, origin: ` (from ${name})` });
  }
}

function secretSource(
  values: Map<string, unknown>,
  env: Record<string, string | undefined>,
  problems: ConfigProblem[],
): SecretSource | null {
  if (env[SECRET_ENV] !== undefined) return { from: 'env', name: SECRET_ENV };
  const file = values.get('sheet.secret_file');
  if (typeof file === 'string') return { from: 'file', path: file };
  if (!problems.some((p) => p.key === 'sheet.secret_file')) {
    problems.push({
      key: 'sheet.secret_file',
      message: `\`sheet.secret_file\` is missing: set it to the file holding the secret from the sheet's Teleport → Set up menu, or set ${SECRET_ENV}.`,
    });
  }
  return null;
}

function build(v: Map<string, unknown>, secret: SecretSource): RelayConfig {
  const listen = v.get('http.listen') as { host: string; port: number };
  return deepFreeze({
    teleport: {
      addr: v.get('teleport.addr') as string,
      identity: v.get('teleport.identity') as string,
      refreshIdentity: v.get('teleport.refresh_identity') as boolean,
      refreshIdentityIntervalMs: v.get('teleport.refresh_identity_interval') as number,
      mode: v.get('teleport.mode') as ConnectMode,
      connectionUpgrade: v.get('teleport.connection_upgrade') as UpgradeSetting,
    },
    sheet: {
      url: v.get('sheet.url') as string,
      secret,
      webUrl: v.get('sheet.web_url') as string | null,
      timeoutMs: v.get('sheet.timeout') as number,
    },
    relay: {
      id: v.get('relay.id') as string | null,
      heartbeatIntervalMs: v.get('relay.heartbeat_interval') as number,
      resyncIntervalMs: v.get('relay.resync_interval') as number,
      batchLingerMs: v.get('relay.batch_linger') as number,
      shutdownTimeoutMs: v.get('relay.shutdown_timeout') as number,
    },
    http: { host: listen.host, port: listen.port },
    log: { severity: v.get('log.severity') as Severity, output: v.get('log.output') as string },
  });
}

function warnings(v: Map<string, unknown>, env: Record<string, string | undefined>): string[] {
  const out: string[] = [];
  if (env[SECRET_ENV] !== undefined && typeof v.get('sheet.secret_file') === 'string') {
    out.push(`${SECRET_ENV} is set, so \`sheet.secret_file\` is ignored.`);
  }
  return out;
}

function end(sentence: string): string {
  return /[.?]$/.test(sentence) ? sentence : `${sentence}.`;
}

function sectionsOf(): string[] {
  return [...new Set(KEYS.map((k) => k.split('.')[0]!))];
}

// ---- value checks: each returns the value or the problem (without the key, which the caller adds)

function describe(raw: unknown): string {
  return typeof raw === 'string' ? JSON.stringify(raw) : raw instanceof Date ? 'a date' : String(raw);
}

function text(raw: unknown): string | null {
  return typeof raw === 'string' ? raw.trim() : null;
}

function path(raw: unknown): Parsed {
  const s = text(raw);
  return s ? { value: s } : { problem: `must be a non-empty path in quotes (got ${describe(raw)})` };
}

function boolean(raw: unknown): Parsed {
  if (typeof raw === 'boolean') return { value: raw };
  if (raw === 'true' || raw === 'false') return { value: raw === 'true' };
  return { problem: `must be true or false (got ${describe(raw)})` };
}

function oneOf(choices: string[]): (raw: unknown) => Parsed {
  return (raw) => {
    const s = text(raw);
    if (s !== null && choices.includes(s)) return { value: s };
    return {
      problem: `must be one of ${choices.map((c) => `"${c}"`).join(', ')} (got ${describe(raw)})${suggest(String(raw), choices)}`,
    };
  };
}

function duration(minMs: number, maxMs: number): (raw: unknown) => Parsed {
  return (raw) => {
    const ms = typeof raw === 'string' ? parseDuration(raw.trim()) : null;
    if (ms === null)
      return {
        problem: `must be a duration with a unit in quotes, such as "30s", "1m" or "250ms" (got ${describe(raw)})`,
      };
    if (ms < minMs || ms > maxMs)
      return {
        problem: `must be between ${formatDuration(minMs)} and ${formatDuration(maxMs)} (got ${describe(raw)})`,
      };
    return { value: ms };
  };
}

function hostPort(allowAnyPort: boolean): (raw: unknown) => Parsed {
  return (raw) => {
    const s = text(raw);
    if (!s) return { problem: `must be "host:port" in quotes (got ${describe(raw)})` };
    if (/^[a-z]+:\/\//i.test(s))
      return { problem: `is an address, not a URL: write "host:port" without ${s.split('//')[0]}//` };
    const match = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):([0-9]{1,5})$/.exec(s);
    const port = match ? Number(match[2]) : NaN;
    if (!match || port > 65535 || (!allowAnyPort && port === 0)) {
      return {
        problem: `must be "host:port" with a port number, such as "teleport.example.com:443" (got ${describe(raw)})`,
      };
    }
    return { value: allowAnyPort ? { host: match[1]!.replace(/^\[|\]$/g, ''), port } : s };
  };
}

/** The `sheet.url` rule on its own, for commands that take a URL on the command line. */
export function sheetUrlProblem(url: string): string | null {
  const parsed = sheetUrl(url);
  return 'problem' in parsed ? parsed.problem : null;
}

const LOOPBACK = /^(localhost|127(?:\.[0-9]{1,3}){3}|\[::1\])$/;

function sheetUrl(raw: unknown): Parsed {
  const s = text(raw);
  let url: URL | null = null;
  try {
    url = s ? new URL(s) : null;
  } catch {
    url = null;
  }
  if (!url)
    return {
      problem: `must be the web app URL, such as "https://script.google.com/macros/s/<deployment id>/exec" (got ${describe(raw)})`,
    };
  if (!(url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.test(url.hostname)))) {
    return { problem: 'must be https (plain http only to a loopback address)' };
  }
  if (url.username || url.password || url.search || url.hash)
    return { problem: 'must not carry a user, a query string or a fragment: use the bare /exec URL' };
  if (url.pathname.endsWith('/dev'))
    return { problem: 'ends in /dev, which only the script owner can call: use the deployment URL ending in /exec' };
  if (!url.pathname.endsWith('/exec'))
    return {
      problem:
        'must end in /exec (anything after /exec forces a Google sign-in): copy it from Deploy → Manage deployments',
    };
  return { value: url.toString() };
}

function webUrl(raw: unknown): Parsed {
  const s = text(raw)?.replace(/\/+$/, '') ?? '';
  if (isHttpsBaseUrl(s)) return { value: s };
  return {
    problem: `must be the https address of Teleport's Web UI, such as "https://teleport.example.com" (got ${describe(raw)})`,
  };
}

function relayId(raw: unknown): Parsed {
  const s = text(raw);
  if (s && /^[A-Za-z0-9._-]{1,64}$/.test(s)) return { value: s };
  return { problem: `must be 1 to 64 letters, digits, dots, dashes or underscores (got ${describe(raw)})` };
}

// ---- typo help

function suggest(word: string, candidates: readonly string[]): string {
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = distance(word.toLowerCase(), candidate.toLowerCase());
    const tail = candidate.split('.').pop()!;
    const dTail = distance(word.toLowerCase().split('.').pop()!, tail.toLowerCase());
    const score = Math.min(d, dTail);
    if (score < bestDistance) [best, bestDistance] = [candidate, score];
  }
  return best !== null && bestDistance <= Math.max(2, Math.floor(word.length / 4)) ? `; did you mean \`${best}\`?` : '';
}

function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = row;
  }
  return previous[b.length]!;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
