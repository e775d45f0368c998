import { mkdtemp, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../../relay/src/timing/clock.js';
import { CredentialStore, loadCredentials } from '../../../relay/src/teleport/credentials.js';
import { CredentialsError } from '../../../relay/src/teleport/errors.js';
import { parseIdentityFile, type Credentials } from '../../../relay/src/teleport/identity-file.js';
import { silentLogger } from '../../../relay/src/log.js';
import { RelayMetrics } from '../../../relay/src/metrics.js';
import {
  createCluster,
  identityFileText,
  issueIdentity,
  writeIdentityFile,
  writeMachineIdDir,
  type IssuedIdentity,
  type KeyType,
  type TestCluster,
} from '../../teleport/pki.js';

let cluster: TestCluster;
let dir: string;

beforeAll(async () => {
  cluster = await createCluster('example.com');
  dir = await mkdtemp(join(tmpdir(), 'relay-credentials-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function expectCredentialsOf(c: Credentials, id: IssuedIdentity): void {
  expect(c.user).toBe(id.user);
  expect(c.roles).toEqual(id.roles);
  expect(c.clusterName).toBe('example.com');
  expect(c.keyType).toBe(id.keyType);
  expect(c.certPem.trim()).toBe(id.certPem.trim());
  expect(c.caPems.map((p) => p.trim())).toEqual([cluster.caCertPem.trim()]);
  expect(Math.abs(c.notAfter.getTime() - id.notAfter.getTime())).toBeLessThan(1000);
  expect(c.fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
}

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    return err instanceof CredentialsError ? err.code : 'not a CredentialsError';
  }
  return undefined;
}

describe('parseIdentityFile', () => {
  for (const keyType of ['rsa', 'ecdsa', 'ed25519'] as KeyType[]) {
    it(`reads a ${keyType} identity in Teleport's order, T's shuffled order and reversed block order`, async () => {
      const id = await issueIdentity(cluster, { user: 'access-plugin', roles: ['access-plugin', 'auditor'], keyType });
      expectCredentialsOf(parseIdentityFile(identityFileText(id)), id);
      expectCredentialsOf(parseIdentityFile(identityFileText(id, { order: 'shuffled' })), id);
      const reversed = [
        cluster.caCertPem,
        `@cert-authority *.example.com ssh-ed25519 AAAA type=host\n`,
        id.certPem,
        id.sshCertLine + '\n',
        id.keyPem,
      ].join('');
      expectCredentialsOf(parseIdentityFile(reversed), id);
    });
  }

  it('accepts an ECDSA key in SEC1 form (EC PRIVATE KEY)', async () => {
    const id = await issueIdentity(cluster, { user: 'relay', roles: ['access-plugin'], keyType: 'ecdsa' });
    const text = identityFileText(id, { ecKeyAsSec1: true });
    expect(text).toContain('BEGIN EC PRIVATE KEY');
    expectCredentialsOf(parseIdentityFile(text), id);
  });

  it('refuses a key that matches no certificate, and files missing parts', async () => {
    const a = await issueIdentity(cluster, { user: 'relay', roles: ['access-plugin'] });
    const b = await issueIdentity(cluster, { user: 'relay', roles: ['access-plugin'] });
    expect(codeOf(() => parseIdentityFile(a.keyPem + b.certPem + cluster.caCertPem))).toBe('mismatch');
    expect(codeOf(() => parseIdentityFile(''))).toBe('malformed');
    expect(codeOf(() => parseIdentityFile(a.keyPem + a.certPem))).toBe('malformed');
    expect(codeOf(() => parseIdentityFile(a.certPem + cluster.caCertPem))).toBe('malformed');
    const truncated = identityFileText(a).slice(0, 300);
    expect(codeOf(() => parseIdentityFile(truncated))).toBe('malformed');
  });
});

describe('loadCredentials', () => {
  it('reads an identity file, a Machine ID folder, and a folder without its identity file', async () => {
    const id = await issueIdentity(cluster, { user: 'bot-relay', roles: ['access-plugin'], keyType: 'ed25519' });
    const file = join(dir, 'auth.pem');
    await writeIdentityFile(file, id);
    expectCredentialsOf(await loadCredentials(file), id);

    const tbot = join(dir, 'tbot');
    await writeMachineIdDir(tbot, id);
    expectCredentialsOf(await loadCredentials(tbot), id);
    await unlink(join(tbot, 'identity'));
    expectCredentialsOf(await loadCredentials(tbot), id);
  });

  it('says not_found for a missing path', async () => {
    await expect(loadCredentials(join(dir, 'missing.pem'))).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('CredentialStore', () => {
  function store(path: string, metrics = new RelayMetrics()) {
    return new CredentialStore({
      path,
      refresh: true,
      intervalMs: 60_000,
      clock: systemClock,
      logger: silentLogger(),
      metrics,
    });
  }

  it('refuses to start on an expired certificate', async () => {
    const id = await issueIdentity(cluster, {
      user: 'relay',
      roles: ['access-plugin'],
      notBefore: new Date(Date.now() - 7_200_000),
      notAfter: new Date(Date.now() - 60_000),
    });
    const path = join(dir, 'expired.pem');
    await writeIdentityFile(path, id);
    const s = store(path);
    await expect(s.start()).rejects.toMatchObject({ code: 'expired', message: expect.stringContaining('expired at') });
    s.stop();
  });

  it('picks up a renewal on change, keeps the last good credentials through a half-written file', async () => {
    const path = join(dir, 'rotating.pem');
    const first = await issueIdentity(cluster, { user: 'relay', roles: ['access-plugin'], keyType: 'rsa' });
    await writeIdentityFile(path, first);
    const metrics = new RelayMetrics();
    const s = store(path, metrics);
    try {
      const initial = await s.start();
      expect(initial.keyType).toBe('rsa');
      expect((await metrics.identityExpiry.get()).values[0]?.value).toBe(Math.floor(first.notAfter.getTime() / 1000));

      await writeFile(path, identityFileText(first).slice(0, 400));
      expect(await s.reload()).toBe(false);
      expect(s.current().fingerprint).toBe(initial.fingerprint);
      const other = await issueIdentity(cluster, { user: 'relay', roles: ['access-plugin'] });
      await writeFile(path, first.keyPem + other.certPem + cluster.caCertPem);
      expect(await s.reload()).toBe(false);
      expect(s.current().fingerprint).toBe(initial.fingerprint);
      const errors = (await metrics.identityReloads.get()).values.find((v) => v.labels.result === 'error');
      expect(errors?.value).toBeGreaterThanOrEqual(2);

      const renewed = await issueIdentity(cluster, { user: 'relay', roles: ['access-plugin'], keyType: 'ed25519' });
      const changed = new Promise<Credentials>((resolve) => s.onChange(resolve));
      await writeIdentityFile(path, renewed);
      const next = await changed;
      expect(next.keyType).toBe('ed25519');
      expect(s.current().fingerprint).toBe(next.fingerprint);
      expect(next.fingerprint).not.toBe(initial.fingerprint);
    } finally {
      s.stop();
    }
  });

  it('follows a Machine ID folder rewritten in place', async () => {
    const tbot = join(dir, 'tbot-rotating');
    await writeMachineIdDir(tbot, await issueIdentity(cluster, { user: 'bot-relay', roles: ['access-plugin'] }));
    const s = store(tbot);
    try {
      const initial = await s.start();
      const renewed = await issueIdentity(cluster, { user: 'bot-relay', roles: ['access-plugin'] });
      const changed = new Promise<Credentials>((resolve) => s.onChange(resolve));
      await writeMachineIdDir(tbot, renewed);
      const next = await changed;
      expect(next.fingerprint).not.toBe(initial.fingerprint);
      expect(next.certPem.trim()).toBe(renewed.certPem.trim());
    } finally {
      s.stop();
    }
  });
});
