import { execFileSync, spawn } from 'node:child_process';
import { chmod, chown, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../e2e/relay-process.js';
import { startWebApp, type WebApp } from '../gas/web-front.js';
import { createCluster, issueIdentity, writeIdentityFile } from '../teleport/pki.js';
import { startFakeTeleport, type FakeTeleport } from '../teleport/server.js';
import { relayToml } from './relay-toml.js';
import { SheetStandIn } from './sheet-stand-in.js';

// relay/Dockerfile has no engine to run on here: dockerfile-steps.sh replays its steps from a
// clean copy of the build context and starts the result as the image would, against the
// Teleport stand-in and the web-app front, until /healthz and /readyz answer; then SIGTERM → 0.

const SCRIPT = new URL('./dockerfile-steps.sh', import.meta.url).pathname;
const SECRET = 'docker-steps-secret-'.padEnd(64, 'z');
let dir: string;
let teleport: FakeTeleport;
let web: WebApp;
const sheet = new SheetStandIn(SECRET);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'relay-docker-'));
  const cluster = await createCluster('docker.example.com');
  await writeIdentityFile(
    join(dir, 'identity'),
    await issueIdentity(cluster, { user: 'access-plugin', roles: ['access-plugin'] }),
  );
  await writeFile(join(dir, 'secret'), SECRET);
  teleport = await startFakeTeleport({ cluster });
  web = await startWebApp(sheet.handler);
  // the relay runs as `nobody` when the test runs as root: its mounts are that user's, owner-only
  // (the relay refuses secret files anyone else can read)
  await chmod(dir, 0o755);
  if (process.getuid?.() === 0) {
    const nobody = Number(execFileSync('id', ['-u', 'nobody'], { encoding: 'utf8' }).trim());
    for (const file of ['identity', 'secret']) await chown(join(dir, file), nobody, 0);
  }
  await chmod(join(dir, 'identity'), 0o600);
  await chmod(join(dir, 'secret'), 0o600);
});

afterAll(async () => {
  await web?.close();
  await teleport?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('relay/Dockerfile', () => {
  it('builds from a clean copy, starts unprivileged, passes its HEALTHCHECK, is ready, stops on SIGTERM', async () => {
    const request = teleport.createRequest({ user: 'docker' });
    const port = await freePort();
    await writeFile(
      join(dir, 'relay.toml'),
      relayToml({
        teleport: { addr: teleport.address, identity: join(dir, 'identity'), mode: 'auth' },
        sheet: { url: web.url, secret_file: join(dir, 'secret') },
        http: { listen: `127.0.0.1:${port}` },
      }),
    );
    await chmod(join(dir, 'relay.toml'), 0o644);
    const child = spawn('bash', [SCRIPT, join(dir, 'relay.toml'), String(port)], {
      env: { ...process.env, WAIT_READY: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code, output.slice(-4000)).toBe(0);
    expect(output).toContain('== /healthz ok');
    expect(output).toContain('== /readyz ok');
    expect(output).toContain('== SIGTERM → exit 0');
    expect(sheet.live()).toEqual([`${request.id} PENDING/0`]);
  }, 600_000);
});
