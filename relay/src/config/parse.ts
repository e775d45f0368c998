import { parse as parseToml, TomlError } from 'smol-toml';
import type { ConnectMode } from '../teleport/connection.js';
import type { UpgradeSetting } from '../teleport/connection-upgrade.js';
import type { UsageKind } from '../../../proto/contract.js';
import type { Severity } from '../log.js';
import type { Parsed } from './checks.js';
import { envName, ENV_PREFIX, FIELDS, KEYS, SECRET_ENV, SECTIONS, type FieldKey, type FieldValues } from './fields.js';
import { suggest } from './suggest.js';

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
  readonly usage: { enabled: boolean; lookBackMs: number; intervalMs: number; kinds: readonly UsageKind[] };
  readonly http: { host: string; port: number };
  readonly log: { severity: Severity; output: string };
}

export interface ConfigProblem {
  key: string;
  message: string;
}
export type ConfigResult =
  { ok: true; config: RelayConfig; warnings: string[] } | { ok: false; problems: ConfigProblem[] };

type RawValues = Map<FieldKey, { value: unknown; origin: string }>;

export function parseConfig(
  source: string | Record<string, unknown> | null,
  env: Record<string, string | undefined>,
): ConfigResult {
  const problems: ConfigProblem[] = [];
  const raw: RawValues = new Map();
  const table = typeof source === 'string' ? parseText(source, problems) : (source ?? {});
  collectFile(table, raw, problems);
  collectEnv(env, raw, problems);
  const values = checkValues(raw, problems);
  const secret = secretSource(values, env, problems);
  if (problems.length > 0 || !secret) return { ok: false, problems };
  return { ok: true, config: build(values as FieldValues, secret), warnings: warnings(values, env) };
}

/** Each key's value, its default or null; a value that does not pass its check becomes a problem. */
function checkValues(raw: RawValues, problems: ConfigProblem[]): Partial<FieldValues> {
  const values: Partial<Record<FieldKey, unknown>> = {};
  for (const key of KEYS) {
    const field = FIELDS[key];
    const given = raw.get(key);
    if (given === undefined) {
      if ('required' in field) problems.push({ key, message: `\`${key}\` is missing: ${field.required}.` });
      else values[key] = defaultOf(key);
      continue;
    }
    const parsed: Parsed<unknown> = field.check.parse(given.value);
    if ('problem' in parsed) problems.push({ key, message: end(`\`${key}\`${given.origin} ${parsed.problem}`) });
    else values[key] = parsed.value;
  }
  return values as Partial<FieldValues>;
}

function defaultOf(key: FieldKey): unknown {
  const field = FIELDS[key];
  if (!('default' in field)) return null;
  const parsed: Parsed<unknown> = field.check.parse(field.default);
  if ('problem' in parsed) throw new Error(`config: the default of ${key} does not parse: ${parsed.problem}`);
  return parsed.value;
}

function parseText(text: string, problems: ConfigProblem[]): Record<string, unknown> {
  try {
    return parseToml(text) as Record<string, unknown>;
  } catch (err) {
    const where = err instanceof TomlError ? ` at line ${err.line}, column ${err.column}` : '';
    problems.push({
      key: '',
      message:
        `The config file is not valid TOML${where}: ` +
        'fix the syntax there (strings need "quotes", sections look like [sheet]).',
    });
    return {};
  }
}

function collectFile(table: Record<string, unknown>, raw: RawValues, problems: ConfigProblem[]): void {
  for (const [section, body] of Object.entries(table)) {
    if (body === null || typeof body !== 'object' || Array.isArray(body) || body instanceof Date) {
      const message = `\`${section}\` must be a section like [${section}], not a value${suggest(section, SECTIONS)}`;
      problems.push({ key: section, message: end(message) });
      continue;
    }
    if (!SECTIONS.includes(section)) {
      problems.push({ key: section, message: end(`Unknown section [${section}]${suggest(section, SECTIONS)}`) });
      continue;
    }
    for (const [name, value] of Object.entries(body)) {
      const key = `${section}.${name}`;
      if (!isKey(key)) problems.push({ key, message: end(`Unknown key \`${key}\`${suggest(key, KEYS)}`) });
      else raw.set(key, { value, origin: '' });
    }
  }
}

function collectEnv(env: Record<string, string | undefined>, raw: RawValues, problems: ConfigProblem[]): void {
  const byEnv = new Map(KEYS.map((k) => [envName(k), k]));
  for (const [name, value] of Object.entries(env)) {
    if (!name.startsWith(ENV_PREFIX) || value === undefined || name === SECRET_ENV) continue;
    const key = byEnv.get(name);
    if (key) raw.set(key, { value, origin: ` (from ${name})` });
    else {
      const message = `Unknown environment variable ${name}${suggest(name, [...byEnv.keys(), SECRET_ENV])}`;
      problems.push({ key: name, message: end(message) });
    }
  }
}

function isKey(key: string): key is FieldKey {
  return (KEYS as string[]).includes(key);
}

function secretSource(
  values: Partial<FieldValues>,
  env: Record<string, string | undefined>,
  problems: ConfigProblem[],
): SecretSource | null {
  if (env[SECRET_ENV] !== undefined) return { from: 'env', name: SECRET_ENV };
  const file = values['sheet.secret_file'];
  if (typeof file === 'string') return { from: 'file', path: file };
  if (!problems.some((p) => p.key === 'sheet.secret_file')) {
    problems.push({
      key: 'sheet.secret_file',
      message:
        "`sheet.secret_file` is missing: set it to the file holding the secret from the sheet's " +
        `Teleport → Set up menu, or set ${SECRET_ENV}.`,
    });
  }
  return null;
}

function build(v: FieldValues, secret: SecretSource): RelayConfig {
  return deepFreeze({
    teleport: {
      addr: v['teleport.addr'],
      identity: v['teleport.identity'],
      refreshIdentity: v['teleport.refresh_identity'],
      refreshIdentityIntervalMs: v['teleport.refresh_identity_interval'],
      mode: v['teleport.mode'],
      connectionUpgrade: v['teleport.connection_upgrade'],
    },
    sheet: { url: v['sheet.url'], secret, webUrl: v['sheet.web_url'], timeoutMs: v['sheet.timeout'] },
    relay: {
      id: v['relay.id'],
      heartbeatIntervalMs: v['relay.heartbeat_interval'],
      resyncIntervalMs: v['relay.resync_interval'],
      batchLingerMs: v['relay.batch_linger'],
      shutdownTimeoutMs: v['relay.shutdown_timeout'],
    },
    usage: {
      enabled: v['usage.enabled'],
      lookBackMs: v['usage.look_back'],
      intervalMs: v['usage.interval'],
      kinds: v['usage.kinds'],
    },
    http: { host: v['http.listen'].host, port: v['http.listen'].port },
    log: { severity: v['log.severity'], output: v['log.output'] },
  });
}

function warnings(v: Partial<FieldValues>, env: Record<string, string | undefined>): string[] {
  const out: string[] = [];
  if (env[SECRET_ENV] !== undefined && typeof v['sheet.secret_file'] === 'string') {
    out.push(`${SECRET_ENV} is set, so \`sheet.secret_file\` is ignored.`);
  }
  return out;
}

function end(sentence: string): string {
  return /[.?]$/.test(sentence) ? sentence : `${sentence}.`;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
