import { spawn } from 'node:child_process';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCluster, issueIdentity, writeIdentityFile } from '../teleport/pki.js';
import { relayToml } from './relay-toml.js';

// Secret files others can read, as an operator meets them: `check` marks them ✗ and `start`
// refuses to run, both naming the file and `chmod 600`; the environment variable still works.

const REPO = new URL('../../', import.meta.url).pathname;
const TSX = new URL('node_modules/tsx/dist/loader.mjs', `file://${REPO}`).href;
const CLI = join(REPO, 'relay/src/cli.ts');
const SECRET = 'cli-permissions-secret-'.padEnd(64, 'q');
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'relay-perms-'));
  const cluster = await createCluster('perms.example.com');
  await writeIdentityFile(
    join(dir, 'identity'),
    await issueIdentity(cluster, { user: 'access-plugin', roles: ['access-plugin'] }),
  );
  await writeFile(join(dir, 'secret'), SECRET, { mode: 0o600 });
  // Nothing listens at either address: only the local links are under test.
  const toml = (secretFile: boolean) =>
    relayToml({
      teleport: { addr: '127.0.0.1:1', identity: join(dir, 'identity'), mode: 'auth' },
      sheet: { url: 'http://127.0.0.1:1/exec', secret_file: secretFile ? join(dir, 'secret') : undefined },
      http: { listen: '127.0.0.1:0' },
    });
  await writeFile(join(dir, 'relay.toml'), toml(true), { mode: 0o600 });
  await writeFile(join(dir, 'env.toml'), toml(false), { mode: 0o600 });
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function run(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; out: string }> {
  const child = spawn(process.execPath, ['--import', TSX, CLI, ...args], {
    cwd: dir,
    env: { PATH: process.env.PATH!, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, out })));
}

describe('secret files readable by group or others', () => {
  it('check shows the secret and the identity as ✗, naming each file and chmod 600', async () => {
    await chmod(join(dir, 'secret'), 0o640);
    await chmod(join(dir, 'identity'), 0o660);
    try {
      const { code, out } = await run(['check', '--config', 'relay.toml']);
      expect(code).toBe(1);
      expect(out).toMatch(new RegExp(`✗ secret: The secret file ${join(dir, 'secret')} is readable by its group`));
      expect(out).toContain(`chmod 600 ${join(dir, 'secret')}`);
      expect(out).toMatch(/✗ credentials: The Teleport identity .* is readable by its group \(mode 0660\)/);
      expect(out).toContain(`chmod 600 ${join(dir, 'identity')}`);
    } finally {
      await chmod(join(dir, 'secret'), 0o600);
      await chmod(join(dir, 'identity'), 0o600);
    }
  });

  it('start refuses a world-readable secret file and exits non-zero', async () => {
    await chmod(join(dir, 'secret'), 0o644);
    try {
      const { code, out } = await run(['start', '--config', 'relay.toml']);
      expect(code).not.toBe(0);
      expect(out).toContain(`The secret file ${join(dir, 'secret')} is readable by every user on the host`);
    } finally {
      await chmod(join(dir, 'secret'), 0o600);
    }
  });

  it('check still reads the secret from the environment variable', async () => {
    const { out } = await run(['check', '--config', 'env.toml'], { TELEPORT_SHEETS_SHEET_SECRET: SECRET });
    expect(out).toMatch(/✓ secret: read from TELEPORT_SHEETS_SHEET_SECRET/);
    expect(out).toMatch(/✓ credentials:/);
  });
});
