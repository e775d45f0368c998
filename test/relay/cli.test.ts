import { until } from '../until.js';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../relay/src/config/parse.js';
import { startWebApp, type WebApp } from '../gas/web-front.js';
import { createCluster, issueIdentity, writeIdentityFile, type TestCluster } from '../teleport/pki.js';
import { startFakeTeleport, type FakeTeleport } from '../teleport/server.js';
import { relayToml } from './relay-toml.js';
import { SheetStandIn } from './sheet-stand-in.js';

// The command line as an operator runs it: a real process, real exit codes, stdout/stderr.

const REPO = new URL('../../', import.meta.url).pathname;
const TSX = new URL('node_modules/tsx/dist/loader.mjs', `file://${REPO}`).href;
const CLI = join(REPO, 'relay/src/cli.ts');
const SECRET = 'cli-test-secret-'.padEnd(64, 'y');
let cluster: TestCluster;
let dir: string;
const cleanups: (() => Promise<unknown> | void)[] = [];

beforeAll(async () => {
  cluster = await createCluster('cli.example.com');
});

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function launch(
  args: string[],
  env: Record<string, string> = {},
): { child: ChildProcess; done: Promise<Run>; stdout: () => string } {
  const child = spawn(process.execPath, ['--import', TSX, CLI, ...args], {
    cwd: dir ?? REPO,
    env: { PATH: process.env.PATH!, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  const done = new Promise<Run>((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr })));
  cleanups.push(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });
  return { child, done, stdout: () => stdout };
}

const run = (args: string[], env?: Record<string, string>) => launch(args, env).done;

/** The port of /healthz, /readyz and /metrics, from the relay's log line announcing them. */
function servingPort(relay: ReturnType<typeof launch>): Promise<number> {
  const port = () => Number(/"port":(\d+),"msg":"serving/.exec(relay.stdout())?.[1] ?? 0);
  return until('the relay serving', port, (p) => p > 0, { show: () => relay.stdout() });
}

type Roles = Record<string, { accessRequest: ('list' | 'read')[]; event?: ('list' | 'read')[] }>;

async function world(options: { roles?: Roles; relay?: Record<string, string> } = {}) {
  dir = await mkdtemp(join(tmpdir(), 'relay-cli-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  await writeIdentityFile(
    join(dir, 'identity'),
    await issueIdentity(cluster, { user: 'access-plugin', roles: ['access-plugin'] }),
  );
  await writeFile(join(dir, 'secret'), `${SECRET}\n`, { mode: 0o600 });
  const teleport: FakeTeleport = await startFakeTeleport({
    cluster,
    ...(options.roles ? { roles: options.roles } : {}),
  });
  cleanups.push(() => teleport.close());
  const sheet = new SheetStandIn(SECRET);
  const web: WebApp = await startWebApp(sheet.handler);
  cleanups.push(() => web.close());
  await writeFile(
    join(dir, 'relay.toml'),
    relayToml({
      teleport: { addr: teleport.address, identity: join(dir, 'identity'), mode: 'auth' },
      sheet: { url: web.url, secret_file: join(dir, 'secret') },
      relay: { batch_linger: '10ms', ...options.relay },
      http: { listen: '127.0.0.1:0' },
    }),
  );
  return { teleport, sheet, web };
}

describe('teleport-sheets-relay', () => {
  it('configure prints an example that validates', async () => {
    const { code, stdout } = await run(['configure']);
    expect(code).toBe(0);
    expect(parseConfig(stdout, {}).ok).toBe(true);
  });

  it('version prints the package version', async () => {
    const { code, stdout } = await run(['version']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^teleport-sheets-relay \d+\.\d+\.\d+ \(node v20/);
  });

  it('answers usage errors with exit code 2', async () => {
    expect((await run([])).code).toBe(2);
    expect((await run(['frobnicate'])).stderr).toContain('Unknown command "frobnicate"');
    const badFlag = await run(['start', '--confg', 'x']);
    expect(badFlag.code).toBe(2);
    expect(badFlag.stderr).toContain("Unknown option '--confg'");
  });

  it('check prints ✗ for a bad config, skips the rest, and exits 1', async () => {
    dir = await mkdtemp(join(tmpdir(), 'relay-cli-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    await writeFile(join(dir, 'bad.toml'), '[sheet]\nurl = "http://example.com/exec"\n');
    const { code, stdout } = await run(['check', '--config', 'bad.toml']);
    expect(code).toBe(1);
    expect(stdout).toContain('✗ config:');
    expect(stdout).toContain('`sheet.url` must be https (plain http only to a loopback address).');
    expect(stdout).toContain('– heartbeat: skipped');
  });

  it('check proves every link with ✓ and exits 0', async () => {
    const { teleport, sheet } = await world();
    teleport.createRequest();
    sheet.cells = 1_234_567;
    const { code, stdout } = await run(['check', '--config', 'relay.toml']);
    expect(
      stdout
        .split('\n')
        .filter(Boolean)
        .map((line) => line.split(':')[0]),
    ).toEqual([
      '✓ config',
      '✓ secret',
      '✓ credentials',
      '✓ connection',
      '✓ ping',
      '✓ list',
      '✓ watch',
      '! usage',
      '✓ web app',
      '✓ heartbeat',
      '✓ signature',
      '✓ capacity',
    ]);
    expect(stdout).toContain('allowed to list access requests (1 now)');
    expect(stdout).toContain('✓ signature: v2, the secret of cluster cli.example.com (contract §11)');
    expect(stdout).toContain('✓ capacity: grid cells 1,234,567 of 10,000,000 (12 %)');
    // The guide's role has no `event` rule: usage is optional, so it is said, not failed.
    expect(stdout).toMatch(/^! usage: not shown: grant `event: \[list, read\]` .* or set `usage.enabled = false`$/m);
    expect(code).toBe(0);
    expect(sheet.heartbeats).toHaveLength(1);
  });

  it('check shows a sheet from before §11 took signature v1, and how to move to v2', async () => {
    const { sheet } = await world();
    sheet.signatures = 'v1';
    const { code, stdout } = await run(['check', '--config', 'relay.toml']);
    expect(stdout).toContain('✓ heartbeat');
    expect(stdout).toMatch(/✓ signature: v1, the sheet-wide secret \(the sheet refused v2 .*Add cluster…/);
    expect(stdout).toMatch(/– capacity: skipped \(this reply carried no grid cells/);
    expect(code).toBe(0);
    expect(sheet.posts.map((p) => p.signature)).toEqual([1]);
  });

  it('check reports a full sheet with its fix', async () => {
    const { sheet } = await world();
    sheet.full = true;
    const { code, stdout } = await run(['check', '--config', 'relay.toml']);
    expect(code).toBe(1);
    expect(stdout).toMatch(/✗ heartbeat: full: .*Teleport → Archive…/);
    expect(stdout).toContain('– signature: skipped');
    expect(sheet.heartbeats).toHaveLength(0);
  });

  it('check says usage is shown when the role has the event rule, and off when configured so', async () => {
    await world({ roles: { 'access-plugin': { accessRequest: ['list', 'read'], event: ['list', 'read'] } } });
    const { code, stdout } = await run(['check', '--config', 'relay.toml']);
    expect(stdout).toContain('✓ usage: allowed to read the audit log');
    expect(code).toBe(0);
    const off = await run(['check', '--config', 'relay.toml'], { TELEPORT_SHEETS_USAGE_ENABLED: 'false' });
    expect(off.stdout).toContain('✓ usage: off (usage.enabled = false)');
  });

  it('check names the missing permission and exits 1', async () => {
    await world({ roles: { 'access-plugin': { accessRequest: [] } } });
    const { code, stdout } = await run(['check', '--config', 'relay.toml']);
    expect(code).toBe(1);
    expect(stdout).toMatch(/✗ list: .*access_request/);
    expect(stdout).toContain('✓ heartbeat');
  });

  it('check reports a refused signature with its fix', async () => {
    const { sheet } = await world();
    sheet.secret = 'rotated';
    const { code, stdout } = await run(['check', '--config', 'relay.toml']);
    expect(code).toBe(1);
    expect(stdout).toContain('✓ web app');
    expect(stdout).toMatch(/✗ heartbeat: bad_signature: .*Set up/);
  });

  it('start runs from ./relay.toml, becomes ready, and exits 0 by itself on SIGTERM after flushing', async () => {
    const { teleport, sheet } = await world();
    const request = teleport.createRequest();
    const relay = launch(['start']);
    const port = await servingPort(relay);
    await until(
      'readiness',
      async () => (await fetch(`http://127.0.0.1:${port}/readyz`)).status,
      (s) => s === 200,
      {
        intervalMs: 20,
      },
    );
    expect(sheet.live()).toEqual([`${request.id} PENDING/0`]);
    relay.child.kill('SIGTERM');
    const { code, stdout } = await relay.done;
    expect(code).toBe(0);
    expect(stdout).toContain('"flushed":true');
    expect(stdout).not.toContain(SECRET);
  });

  it('start exits 0 by itself after shutdown_timeout when the sheet hangs, saying what was not delivered', async () => {
    const { teleport, web } = await world({ relay: { shutdown_timeout: '500ms' } });
    const relay = launch(['start']);
    const port = await servingPort(relay);
    await until(
      'the relay ready',
      async () => (await fetch(`http://127.0.0.1:${port}/readyz`)).status,
      (s) => s === 200,
    );
    let hanging = 0;
    web.setFaults(({ method }) => (method === 'POST' ? (hanging++, { kind: 'timeout' }) : null));
    teleport.createRequest();
    await until(
      'a POST hanging at the sheet',
      () => hanging,
      (n) => n > 0,
    );
    relay.child.kill('SIGTERM');
    const { code, stdout } = await relay.done;
    expect(code).toBe(0);
    expect(stdout).toMatch(/"flushed":false,"undelivered":[1-9]/);
  });

  it('smoke sends one signed heartbeat and reports the verdict', async () => {
    const { sheet, web } = await world();
    const ok = await run(['smoke', '--url', web.url, '--secret-file', join(dir, 'secret')]);
    expect(ok).toMatchObject({ code: 0, stdout: expect.stringContaining('✓ signed heartbeat accepted') });
    expect(sheet.heartbeats).toHaveLength(1);

    sheet.signatures = 'v2';
    const asCluster = await run(['smoke', '--url', web.url, '--secret-file', join(dir, 'secret'), '--cluster', 'prod']);
    expect(asCluster.stdout).toContain('signature v2, the secret of cluster prod');
    expect(sheet.lastHeader?.cluster).toBe('prod');
    sheet.signatures = 'both';

    sheet.secret = 'something else';
    const refused = await run(['smoke', '--url', web.url, '--secret-file', join(dir, 'secret')]);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toMatch(/✗ heartbeat not accepted: bad_signature/);

    const insecure = await run([
      'smoke',
      '--url',
      'http://example.com/macros/s/x/exec',
      '--secret-file',
      join(dir, 'secret'),
    ]);
    expect(insecure.code).toBe(2);
    expect(insecure.stderr).toContain('must be https');

    const missing = await run(['smoke', '--url', web.url, '--secret-file', join(dir, 'nope')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('does not exist');
  });
});
