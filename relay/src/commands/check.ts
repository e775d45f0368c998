import { parseArgs } from 'node:util';
import { systemClock } from '../timing/clock.js';
import type { RelayConfig } from '../config/parse.js';
import { connectTeleport, type PingInfo, type TeleportClient } from '../teleport/connection.js';
import { errorSentence } from '../errors.js';
import { webUrlFromProxyAddr } from '../delivery/header.js';
import { loadCredentials } from '../teleport/credentials.js';
import { fromGrpcError, TeleportError, USAGE_PERMISSION_FIX } from '../teleport/errors.js';
import { ASSUMED_EVENT } from '../usage/events.js';
import { validityError, type Credentials } from '../teleport/identity-file.js';
import { silentLogger } from '../log.js';
import { RelayMetrics } from '../metrics.js';
import { loadSecret } from '../delivery/secret.js';
import { createSheetClient } from '../delivery/sheet-client.js';
import { connectionSettings, createTeleportSide } from '../teleport/side.js';
import { proxyFor } from '../proxy/environment.js';
import { relayVersion } from '../version.js';
import { describeCells, explainSignature, explainVerdict } from '../delivery/explain.js';
import { sendOneHeartbeat } from './heartbeat.js';
import { EXIT_FAILED, EXIT_OK, type CliIo } from './io.js';
import { loadConfig } from './load-config.js';

// `check`: proves every link of the chain once and prints a ✓/✗ checklist; exits non-zero on
// any ✗. A link that cannot be tried because an earlier one failed is shown as skipped (–).

const STEP_TIMEOUT_MS = 20_000;
const STEPS = [
  'config',
  'secret',
  'credentials',
  'connection',
  'ping',
  'list',
  'watch',
  'usage',
  'web app',
  'heartbeat',
  'signature',
  'capacity',
] as const;
type Step = (typeof STEPS)[number];

class Checklist {
  failed = false;
  private readonly done = new Set<Step>();
  constructor(private readonly io: CliIo) {}
  pass(step: Step, detail: string): void {
    this.line('✓', step, detail);
  }
  fail(step: Step, detail: string): void {
    this.failed = true;
    this.line('✗', step, detail);
  }
  /** Works without it, but a feature is missing: said, without failing the check. */
  warn(step: Step, detail: string): void {
    this.line('!', step, detail);
  }
  skip(step: Step, reason: string): void {
    this.line('–', step, `skipped (${reason})`);
  }
  skipRest(reason: string): void {
    for (const step of STEPS) if (!this.done.has(step)) this.skip(step, reason);
  }
  private line(mark: string, step: Step, detail: string): void {
    this.done.add(step);
    this.io.out(`${mark} ${step}: ${detail}`);
  }
}

export async function checkCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({ args, options: { config: { type: 'string' } } });
  const list = new Checklist(io);
  const loaded = await loadConfig(values.config, io.cwd, io.env);
  if (!loaded.ok) {
    list.fail(
      'config',
      [
        `${loaded.origin} has ${loaded.problems.length} problem(s):`,
        ...loaded.problems.map((p) => `    ${p.message}`),
      ].join('\n'),
    );
    list.skipRest('needs a valid config');
    return EXIT_FAILED;
  }
  list.pass('config', `${loaded.origin} is valid${loaded.warnings.map((w) => ` (${w})`).join('')}`);
  const secret = await step(list, 'secret', async () => {
    const s = await loadSecret(loaded.config.sheet.secret, io.env);
    const where =
      loaded.config.sheet.secret.from === 'file' ? loaded.config.sheet.secret.path : loaded.config.sheet.secret.name;
    return { value: s.secret, detail: `read from ${where}${s.warnings.map((w) => ` (${w})`).join('')}` };
  });
  const ping = await checkTeleport(loaded.config, list);
  if (secret !== null) await checkSheet(loaded.config, secret, ping, list);
  list.skipRest('needs the links above');
  return list.failed ? EXIT_FAILED : EXIT_OK;
}

async function checkTeleport(config: RelayConfig, list: Checklist): Promise<PingInfo | null> {
  const credentials = await step(list, 'credentials', async () => {
    const c = await loadCredentials(config.teleport.identity);
    const invalid = validityError(c, Date.now());
    if (invalid) throw invalid;
    return { value: c, detail: describeCredentials(c) };
  });
  if (!credentials) {
    for (const s of ['connection', 'ping', 'list', 'watch', 'usage'] as const) list.skip(s, 'needs usable credentials');
    return null;
  }
  const client = await step(list, 'connection', async () => {
    const c = await connectTeleport({
      ...connectionSettings(config.teleport),
      credentials,
      logger: silentLogger(),
    });
    return { value: c, detail: `connected to ${config.teleport.addr} (${c.path})` };
  });
  if (!client) {
    for (const s of ['ping', 'list', 'watch', 'usage'] as const) list.skip(s, 'needs a connection');
    return null;
  }
  try {
    return await checkCalls(config, client, list);
  } finally {
    client.close();
  }
}

async function checkCalls(config: RelayConfig, client: TeleportClient, list: Checklist): Promise<PingInfo | null> {
  const ping = await step(list, 'ping', async () => {
    const p = await client.ping(AbortSignal.timeout(STEP_TIMEOUT_MS));
    const links = p.advancedAccessWorkflows
      ? ''
      : ' (this edition does not report Access Request links; set sheet.web_url if links do not open)';
    return {
      value: p,
      detail: `cluster ${p.clusterName}, Teleport ${p.serverVersion}, proxy ${p.proxyPublicAddr || 'unknown'}${links}`,
    };
  });
  if (!ping) {
    for (const s of ['list', 'watch', 'usage'] as const) list.skip(s, 'needs Ping');
    return null;
  }
  const listed = await step(list, 'list', async () => {
    const requests = await client.listAccessRequests(AbortSignal.timeout(STEP_TIMEOUT_MS));
    return { value: true, detail: `allowed to list access requests (${requests.length} now)` };
  });
  if (listed) await step(list, 'watch', () => watchOnce(config));
  else list.skip('watch', 'needs permission to list');
  await checkUsage(config, client, list);
  return ping;
}

/** Reads the last minute of the audit log once; without the `event` rule, says what to grant. */
async function checkUsage(config: RelayConfig, client: TeleportClient, list: Checklist): Promise<void> {
  if (!config.usage.enabled) return list.pass('usage', 'off (usage.enabled = false): the sheet shows no usage');
  const now = Date.now();
  try {
    const window = { from: now - 60_000, to: now, types: [ASSUMED_EVENT] };
    await client.readAuditLog(window, () => undefined, AbortSignal.timeout(STEP_TIMEOUT_MS));
    list.pass('usage', 'allowed to read the audit log (usage is shown)');
  } catch (err) {
    const e = fromGrpcError(err, 'GetEvents');
    if (e.code === 'permission_denied') list.warn('usage', `not shown: ${USAGE_PERMISSION_FIX}`);
    else list.warn('usage', `not shown for now: ${errorSentence(e)}`);
  }
}

/** Runs the real watch loop until its first snapshot (INIT received and listed), then stops it. */
async function watchOnce(config: RelayConfig): Promise<{ value: true; detail: string }> {
  const { credentials, source } = createTeleportSide({
    config: { ...config.teleport, refreshIdentity: false },
    clock: systemClock,
    logger: silentLogger(),
    metrics: new RelayMetrics(),
  });
  await credentials.start();
  const stop = new AbortController();
  const snapshot = new Promise<boolean>((resolve) => {
    const off = source.onSnapshot(() => {
      off();
      resolve(true);
    });
    systemClock.sleep(STEP_TIMEOUT_MS, stop.signal).then(
      () => resolve(false),
      () => undefined,
    );
  });
  const running = source
    .run({ snapshot: () => undefined, put: () => undefined, remove: () => undefined }, stop.signal)
    .catch(() => undefined);
  const ok = await snapshot;
  stop.abort();
  await running;
  credentials.stop();
  if (ok) return { value: true, detail: 'allowed to watch access requests (stream initialised)' };
  const last = source.status().lastError;
  throw new TeleportError(
    (last?.code ?? 'init_timeout') as TeleportError['code'],
    last ? last.message : `no stream within ${STEP_TIMEOUT_MS / 1000} s`,
    { fix: last?.fix },
  );
}

async function checkSheet(config: RelayConfig, secret: string, ping: PingInfo | null, list: Checklist): Promise<void> {
  const client = createSheetClient({ url: config.sheet.url, secret, timeoutMs: 60_000 });
  const webUrl =
    config.sheet.webUrl ??
    webUrlFromProxyAddr(ping?.proxyPublicAddr || config.teleport.addr) ??
    'https://teleport.invalid';
  const header = {
    cluster: ping?.clusterName ?? 'check',
    webUrl,
    relay: `${config.relay.id ?? 'check'}/${relayVersion()}`,
  };
  const { result, verdict, signature } = await sendOneHeartbeat(client, header, { check: 1 }).finally(() =>
    client.close(),
  );
  if (result.kind === 'transport') {
    list.fail('web app', `${explainVerdict(verdict)}${sheetProxyNote(config.sheet.url)}`);
    return;
  }
  if (result.kind === 'rejected') {
    list.fail(
      'web app',
      `${new URL(config.sheet.url).host} answered HTTP ${result.status}: ${explainVerdict(verdict)}`,
    );
    return;
  }
  list.pass('web app', `${new URL(config.sheet.url).host} answered (HTTP ${result.status})`);
  if (verdict.kind !== 'delivered') {
    list.fail('heartbeat', explainVerdict(verdict));
    return;
  }
  list.pass('heartbeat', 'a signed heartbeat was accepted');
  list.pass('signature', explainSignature(signature, header.cluster));
  if (verdict.cells === undefined)
    list.skip('capacity', 'this reply carried no grid cells: the sheet reports them hourly, or predates contract §12');
  else list.pass('capacity', describeCells(verdict.cells));
}

/** Which proxy the POST went through, so a proxy failure names it (never its credentials). */
function sheetProxyNote(url: string): string {
  const u = new URL(url);
  const scheme = u.protocol === 'http:' ? 'http' : 'https';
  try {
    const port = Number(u.port) || (scheme === 'http' ? 80 : 443);
    const proxy = proxyFor({ host: u.hostname, port }, scheme, process.env);
    return proxy ? ` (through the proxy ${proxy.name})` : '';
  } catch (err) {
    return ` (${errorSentence(err)})`;
  }
}

/** Runs one link; an error becomes ✗ with its sentence and fix, and null for what depends on it. */
async function step<T>(
  list: Checklist,
  name: Step,
  run: () => Promise<{ value: T; detail: string }>,
): Promise<T | null> {
  try {
    const { value, detail } = await run();
    list.pass(name, detail);
    return value;
  } catch (err) {
    list.fail(name, errorSentence(err));
    return null;
  }
}

function describeCredentials(c: Credentials): string {
  const hours = (c.notAfter.getTime() - Date.now()) / 3_600_000;
  const left =
    hours >= 48
      ? `${Math.floor(hours / 24)} days`
      : hours >= 1
        ? `${Math.floor(hours)} h`
        : `${Math.max(0, Math.floor(hours * 60))} min`;
  const who = `user ${c.user}, roles ${c.roles.join(', ') || 'none'}, cluster ${c.clusterName}`;
  return `${who}, valid until ${c.notAfter.toISOString()} (${left} left)`;
}
