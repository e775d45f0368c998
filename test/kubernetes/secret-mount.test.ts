import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createCluster,
  issueIdentity,
  writeMachineIdDir,
  type IssuedIdentity,
  type TestCluster,
} from '../teleport/pki.js';
import { SecretVolume } from './atomic-writer.js';
import { CredentialStore, RelayMetrics, silentLogger, systemClock, type Credentials } from './relay-code.js';

// The relay's identity Secret, as tbot's kubernetes_secret output fills it and the kubelet mounts it.
let cluster: TestCluster;
let dir: string;

beforeAll(async () => {
  cluster = await createCluster('example.teleport.sh');
  dir = await mkdtemp(join(tmpdir(), 'secret-mount-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The keys tbot writes to its Secret: the identity output's files, without ssh_config. */
async function tbotSecret(id: IssuedIdentity): Promise<Record<string, string>> {
  const scratch = await mkdtemp(join(dir, 'tbot-'));
  await writeMachineIdDir(scratch, id);
  const names = (await readdir(scratch)).filter((name) => name !== 'ssh_config');
  const files: Record<string, string> = { '.write-test': '' };
  for (const name of names) files[name] = await readFile(join(scratch, name), 'utf8');
  return files;
}

function store(path: string, intervalMs: number, metrics: RelayMetrics): CredentialStore {
  return new CredentialStore({ path, refresh: true, intervalMs, clock: systemClock, logger: silentLogger(), metrics });
}

/** Renews into the volume; `keep` are keys left from `previous` (tbot's writes caught half done). */
async function renewal(
  s: CredentialStore,
  volume: SecretVolume,
  mixed?: { previous: IssuedIdentity; keep: string[] },
): Promise<{ id: IssuedIdentity; next: Credentials }> {
  const id = await issueIdentity(cluster, { user: 'bot-teleport-sheets', roles: ['access-plugin'] });
  const changed = new Promise<Credentials>((resolve) => {
    const off = s.onChange((c) => (off(), resolve(c)));
  });
  const files = await tbotSecret(id);
  const old = mixed ? await tbotSecret(mixed.previous) : {};
  for (const key of mixed?.keep ?? []) files[key] = old[key]!;
  await volume.update(files);
  return { id, next: await changed };
}

async function reloads(metrics: RelayMetrics, result: string): Promise<number> {
  return (await metrics.identityReloads.get()).values.find((v) => v.labels.result === result)?.value ?? 0;
}

describe('an identity Secret mounted as a folder and renewed by the kubelet', () => {
  it('takes each new certificate as soon as ..data flips, and never sees a half-renewed identity', async () => {
    const volume = new SecretVolume(join(dir, 'identity'));
    const first = await issueIdentity(cluster, { user: 'bot-teleport-sheets', roles: ['access-plugin'] });
    await volume.update(await tbotSecret(first));
    const metrics = new RelayMetrics();
    // An hour between timed reloads: only the watch on the folder can see these renewals in time.
    const s = store(volume.dir, 3_600_000, metrics);
    try {
      const initial = await s.start();
      expect(initial.certPem.trim()).toBe(first.certPem.trim());
      let seen = initial.fingerprint;
      for (let i = 0; i < 2; i++) {
        const { id, next } = await renewal(s, volume);
        expect(next.certPem.trim()).toBe(id.certPem.trim());
        expect(next.fingerprint).not.toBe(seen);
        expect(s.current().fingerprint).toBe(next.fingerprint);
        expect(await volume.generations()).toHaveLength(1);
        seen = next.fingerprint;
      }
      expect(await reloads(metrics, 'changed')).toBeGreaterThanOrEqual(2);
      expect(await reloads(metrics, 'error')).toBe(0);
    } finally {
      s.stop();
    }
  });

  it('takes the new certificate at the next timed reload when pointed at the identity file in the mount', async () => {
    const volume = new SecretVolume(join(dir, 'identity-file'));
    await volume.update(await tbotSecret(await issueIdentity(cluster, { user: 'bot', roles: ['access-plugin'] })));
    const s = store(join(volume.dir, 'identity'), 200, new RelayMetrics());
    try {
      const initial = await s.start();
      const { id, next } = await renewal(s, volume);
      expect(next.certPem.trim()).toBe(id.certPem.trim());
      expect(next.fingerprint).not.toBe(initial.fingerprint);
    } finally {
      s.stop();
    }
  });

  it('takes the identity key when the kubelet caught tbot between its writes of the other keys', async () => {
    const volume = new SecretVolume(join(dir, 'identity-mixed'));
    const first = await issueIdentity(cluster, { user: 'bot-teleport-sheets', roles: ['access-plugin'] });
    await volume.update(await tbotSecret(first));
    const metrics = new RelayMetrics();
    const s = store(volume.dir, 3_600_000, metrics);
    try {
      await s.start();
      // tbot writes the CAs and `identity` before `tlscert` and `key`: those are still the old ones.
      const { id, next } = await renewal(s, volume, { previous: first, keep: ['tlscert', 'key', 'key.pub'] });
      expect(next.certPem.trim()).toBe(id.certPem.trim());
      expect(await reloads(metrics, 'error')).toBe(0);
    } finally {
      s.stop();
    }
  });
});
