import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSecret, SecretError } from '../../../relay/src/delivery/secret.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'relay-secret-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('loadSecret', () => {
  it('reads a 0600 file without its trailing newline, with no warning', async () => {
    const path = join(dir, 'ok');
    await writeFile(path, `${'s'.repeat(40)}\n`, { mode: 0o600 });
    expect(await loadSecret({ from: 'file', path }, {})).toEqual({ secret: 's'.repeat(40), warnings: [] });
  });

  it('warns about a short secret', async () => {
    const path = join(dir, 'short');
    await writeFile(path, 'short', { mode: 0o600 });
    const { warnings } = await loadSecret({ from: 'file', path }, {});
    expect(warnings).toEqual([
      `The secret in ${path} is shorter than 32 characters: generate a new one from the sheet's Set up menu.`,
    ]);
  });

  it.each([0o640, 0o660, 0o644, 0o604])(
    'refuses a secret file others can read (mode %o), naming chmod 600',
    async (mode) => {
      const path = join(dir, `open-${mode.toString(8)}`);
      await writeFile(path, 's'.repeat(40));
      await chmod(path, mode);
      const err = await loadSecret({ from: 'file', path }, {}).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(SecretError);
      expect(err).toMatchObject({
        code: 'too_open',
        message: expect.stringContaining(path),
        fix: expect.stringMatching(/chmod 600 .*TELEPORT_SHEETS_SHEET_SECRET/),
      });
    },
  );

  it('reads the environment variable', async () => {
    const env = { TELEPORT_SHEETS_SHEET_SECRET: 'e'.repeat(64) };
    expect((await loadSecret({ from: 'env', name: 'TELEPORT_SHEETS_SHEET_SECRET' }, env)).secret).toBe('e'.repeat(64));
  });

  it('refuses a missing file and an empty secret, with codes', async () => {
    await expect(loadSecret({ from: 'file', path: join(dir, 'none') }, {})).rejects.toMatchObject({
      code: 'not_found',
    });
    const empty = join(dir, 'empty');
    await writeFile(empty, '\n', { mode: 0o600 });
    await expect(loadSecret({ from: 'file', path: empty }, {})).rejects.toMatchObject({ code: 'empty' });
    await expect(loadSecret({ from: 'env', name: 'TELEPORT_SHEETS_SHEET_SECRET' }, {})).rejects.toMatchObject({
      code: 'empty',
    });
  });
});

describe('loadSecret errors', () => {
  it('refuses a folder, with the fix naming the key', async () => {
    const err = await loadSecret({ from: 'file', path: dir }, {}).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(SecretError);
    expect(err).toMatchObject({ code: 'not_a_file', fix: expect.stringContaining('sheet.secret_file') });
  });
});
