import { chmod, chown, mkdir, mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CredentialStore, loadCredentials } from '../../../relay/src/teleport/credentials.js';
import type { Credentials } from '../../../relay/src/teleport/identity-file.js';
import { RelayMetrics } from '../../../relay/src/metrics.js';
import { systemClock } from '../../../relay/src/timing/clock.js';
import { SecretVolume } from '../../kubernetes/atomic-writer.js';
import {
  createCluster,
  issueIdentity,
  writeIdentityFile,
  writeMachineIdDir,
  type TestCluster,
} from '../../teleport/pki.js';
import { identityFileText } from '../../teleport/identity-file.js';
import { until } from '../../until.js';
import { capturingLogger } from './harness.js';

// The credential store against what lands on disk: a worse identity must not replace a good one,
// a Secret renewed the kubelet's way must be seen at once, a missing file must be named, and a
// private key others can read must be refused.

const HOUR = 3_600_000;
let cluster: TestCluster;
let dir: string;
const stores: CredentialStore[] = [];

beforeAll(async () => {
  cluster = await createCluster('example.com');
  dir = await mkdtemp(join(tmpdir(), 'credential-hardening-'));
});
afterEach(() => {
  for (const s of stores.splice(0)) s.stop();
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const issue = (notBefore: number, notAfter: number) =>
  issueIdentity(cluster, {
    user: 'access-plugin',
    roles: ['access-plugin'],
    notBefore: new Date(notBefore),
    notAfter: new Date(notAfter),
  });

/** A store that re-reads only when its files change (the timed reload is an hour away). */
function watchingStore(path: string) {
  const metrics = new RelayMetrics();
  const log = capturingLogger();
  const store = new CredentialStore({
    path,
    refresh: true,
    intervalMs: HOUR,
    clock: systemClock,
    logger: log.logger,
    metrics,
  });
  stores.push(store);
  const reloads = async (result: string) =>
    (await metrics.identityReloads.get()).values.find((v) => v.labels.result === result)?.value ?? 0;
  return { store, log, reloads };
}

const changed = (store: CredentialStore) =>
  new Promise<Credentials>((resolve) => {
    const off = store.onChange((c) => (off(), resolve(c)));
  });

describe('a reload never trades good credentials for worse ones', () => {
  it('keeps valid credentials when an expired identity is written over them', async () => {
    const path = join(dir, 'expired-over-good');
    await writeIdentityFile(path, await issue(Date.now() - 60_000, Date.now() + HOUR));
    const { store, log, reloads } = watchingStore(path);
    const good = await store.start();
    await writeIdentityFile(path, await issue(Date.now() - 2 * HOUR, Date.now() - HOUR));
    await until(
      'an expired identity rejected',
      () => reloads('rejected_expired'),
      (n) => n === 1,
    );
    expect(store.current().fingerprint).toBe(good.fingerprint);
    expect(await reloads('changed')).toBe(0);
    expect(log.lines.find((l) => l.result === 'rejected_expired')?.msg).toMatch(/keeping the current .*expired/);
  });

  it('keeps the current credentials when an older, still valid identity reappears', async () => {
    const path = join(dir, 'older-over-newer');
    const older = await issue(Date.now() - 30 * 60_000, Date.now() + HOUR);
    await writeIdentityFile(path, await issue(Date.now() - 60_000, Date.now() + 2 * HOUR));
    const { store, reloads } = watchingStore(path);
    const newer = await store.start();
    await writeIdentityFile(path, older);
    await until(
      'an older identity rejected',
      () => reloads('rejected_older'),
      (n) => n === 1,
    );
    expect(store.current().fingerprint).toBe(newer.fingerprint);
    // A real renewal afterwards is taken as usual.
    const next = changed(store);
    await writeIdentityFile(path, await issue(Date.now(), Date.now() + 3 * HOUR));
    expect((await next).fingerprint).not.toBe(newer.fingerprint);
  });
});

describe('teleport.identity naming the file inside a mounted Secret', () => {
  it('takes a renewal as soon as the kubelet swaps ..data (the key itself is never touched)', async () => {
    const volume = new SecretVolume(join(dir, 'mount'));
    const first = await issue(Date.now() - 60_000, Date.now() + HOUR);
    await volume.update({ identity: identityFileText(first) });
    const { store } = watchingStore(join(volume.dir, 'identity'));
    const initial = await store.start();
    const next = changed(store);
    const renewed = await issue(Date.now(), Date.now() + 2 * HOUR);
    await volume.update({ identity: identityFileText(renewed) });
    const taken = await next;
    expect(taken.fingerprint).not.toBe(initial.fingerprint);
    expect(taken.certPem.trim()).toBe(renewed.certPem.trim());
  });
});

describe('an identity that is not where it is expected', () => {
  it('names the missing `identity` key of a mounted Secret, and what the Secret holds', async () => {
    const volume = new SecretVolume(join(dir, 'wrong-key'));
    await volume.update({ 'tls.crt': 'x' });
    for (const path of [volume.dir, join(volume.dir, 'identity')]) {
      await expect(loadCredentials(path)).rejects.toMatchObject({
        code: 'not_found',
        message: expect.stringMatching(/Secret mounted at .*wrong-key has no key `identity` \(it holds `tls\.crt`\)/),
        fix: expect.stringContaining('under the key `identity`'),
      });
    }
  });

  it('names the `identity` file a Machine ID folder lacks, and how to get one', async () => {
    const folder = join(dir, 'tbot-empty');
    await mkdir(folder);
    await writeFile(join(folder, 'tlscert'), 'x', { mode: 0o600 });
    await expect(loadCredentials(folder)).rejects.toMatchObject({
      code: 'not_found',
      message: expect.stringMatching(/folder .*tbot-empty has no `identity` file \(nor tbot's key, tlscert/),
      fix: expect.stringContaining(join(folder, 'identity')),
    });
  });
});

describe('a private key others can read', () => {
  it.each([0o640, 0o660, 0o644, 0o440])('is refused in an identity file (mode %o), naming chmod 600', async (mode) => {
    const path = join(dir, `open-identity-${mode.toString(8)}`);
    await writeIdentityFile(path, await issue(Date.now() - 60_000, Date.now() + HOUR));
    await chmod(path, mode);
    await expect(loadCredentials(path)).rejects.toMatchObject({
      code: 'too_open',
      message: expect.stringContaining(path),
      fix: expect.stringContaining(`chmod 600 ${path}`),
    });
  });

  it('is refused as tbot’s separate key file; a mounted Secret’s 0440 root-owned keys are read', async () => {
    const folder = join(dir, 'tbot-open');
    await writeMachineIdDir(folder, await issue(Date.now() - 60_000, Date.now() + HOUR));
    await rm(join(folder, 'identity'));
    await chmod(join(folder, 'key'), 0o640);
    await expect(loadCredentials(folder)).rejects.toMatchObject({ code: 'too_open' });
    const volume = new SecretVolume(join(dir, 'mounted-0440'));
    await volume.update({ identity: identityFileText(await issue(Date.now() - 60_000, Date.now() + HOUR)) });
    // The kubelet's files: root's, group-readable through the relay's own group, behind ..data.
    // Only root can make root-owned files: elsewhere the exception cannot be staged.
    if (process.getuid?.() === 0) {
      await expect(loadCredentials(volume.dir)).resolves.toMatchObject({ user: 'access-plugin' });
      // The same mount with a group the relay is not in: refused.
      await chown(await realpath(join(volume.dir, 'identity')), 0, 4242);
      await expect(loadCredentials(volume.dir)).rejects.toMatchObject({ code: 'too_open' });
    }
  });
});
