import { X509Certificate, createPrivateKey, createPublicKey } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createCluster,
  identityFileText,
  issueIdentity,
  writeIdentityFile,
  writeMachineIdDir,
  type KeyType,
  type TestCluster,
} from './pki.js';

let cluster: TestCluster;
let dir: string;

beforeAll(async () => {
  cluster = await createCluster('example.com');
  dir = await mkdtemp(join(tmpdir(), 'teleport-pki-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const pemBlocks = (text: string): string[] => text.match(/-----BEGIN ([A-Z ]+)-----/g) ?? [];

describe('createCluster', () => {
  it('makes a CA named after the cluster and a server certificate for teleport.cluster.local', () => {
    const ca = new X509Certificate(cluster.caCertPem);
    expect(ca.subject.split('\n').sort()).toEqual(['CN=example.com', 'O=example.com']);
    expect(ca.ca).toBe(true);
    const server = new X509Certificate(cluster.serverCertPem);
    expect(server.verify(ca.publicKey)).toBe(true);
    expect(server.subjectAltName).toBe(
      'DNS:teleport.cluster.local, DNS:*.teleport.cluster.local, DNS:localhost, IP Address:127.0.0.1',
    );
    expect(server.checkHost('teleport.cluster.local')).toBe('teleport.cluster.local');
  });
});

describe('issueIdentity', () => {
  it.each<[KeyType, string, string]>([
    ['rsa', 'RSA PRIVATE KEY', 'ssh-rsa-cert-v01@openssh.com '],
    ['ecdsa', 'PRIVATE KEY', 'ecdsa-sha2-nistp256-cert-v01@openssh.com '],
    ['ed25519', 'PRIVATE KEY', 'ssh-ed25519-cert-v01@openssh.com '],
  ])('issues a %s identity the way tctl auth sign does', async (keyType, pemType, sshPrefix) => {
    const id = await issueIdentity(cluster, { user: 'access-plugin', roles: ['access-plugin', 'auditor'], keyType });
    expect(id.keyPem.startsWith(`-----BEGIN ${pemType}-----\n`)).toBe(true);
    const cert = new X509Certificate(id.certPem);
    expect(cert.subject.split('\n')).toEqual(expect.arrayContaining(['CN=access-plugin']));
    expect(cert.subject).toMatch(/O=access-plugin/);
    expect(cert.subject).toMatch(/auditor/);
    expect(cert.issuer.split('\n').sort()).toEqual(['CN=example.com', 'O=example.com']);
    expect(cert.verify(new X509Certificate(cluster.caCertPem).publicKey)).toBe(true);
    expect(cert.checkPrivateKey(createPrivateKey(id.keyPem))).toBe(true);
    expect(id.sshCertLine.startsWith(sshPrefix)).toBe(true);
  });

  it('uses the validity it is given, so tests can make expired certificates', async () => {
    const notBefore = new Date('2020-01-01T00:00:00Z');
    const notAfter = new Date('2020-01-02T00:00:00Z');
    const cert = new X509Certificate(
      (await issueIdentity(cluster, { user: 'u', roles: [], notBefore, notAfter })).certPem,
    );
    expect(new Date(cert.validFrom).getTime()).toBe(notBefore.getTime());
    expect(new Date(cert.validTo).getTime()).toBe(notAfter.getTime());
  });
});

describe('identity files', () => {
  it("lays out key, SSH certificate, TLS certificate, @cert-authority lines and CA in Teleport's order", async () => {
    const id = await issueIdentity(cluster, { user: 'access-plugin', roles: ['access-plugin'] });
    const lines = identityFileText(id).split('\n');
    const sshLine = lines.findIndex((l) => l.startsWith('ecdsa-sha2-nistp256-cert-v01@openssh.com '));
    const authority = lines.findIndex((l) =>
      l.startsWith('@cert-authority teleport.example.com,example.com,*.example.com ssh-ed25519 '),
    );
    const certs = lines.flatMap((l, i) => (l === '-----BEGIN CERTIFICATE-----' ? [i] : []));
    expect(lines[0]).toBe('-----BEGIN PRIVATE KEY-----');
    expect(sshLine).toBeGreaterThan(0);
    expect(certs[0]).toBeGreaterThan(sshLine);
    expect(authority).toBeGreaterThan(certs[0]!);
    expect(certs[1]).toBeGreaterThan(authority);
  });

  it('moves the non-PEM lines when shuffled, keeping the PEM blocks in order, and can write SEC1 keys', async () => {
    const id = await issueIdentity(cluster, { user: 'access-plugin', roles: ['access-plugin'] });
    const text = identityFileText(id, { order: 'shuffled', ecKeyAsSec1: true });
    expect(text.startsWith('@cert-authority ')).toBe(true);
    expect(pemBlocks(text)).toEqual([
      '-----BEGIN EC PRIVATE KEY-----',
      '-----BEGIN CERTIFICATE-----',
      '-----BEGIN CERTIFICATE-----',
    ]);
    const sec1 = text.slice(text.indexOf('-----BEGIN EC'), text.indexOf('-----END EC PRIVATE KEY-----') + 29);
    expect(createPublicKey(sec1).export({ format: 'jwk' })).toEqual(
      createPublicKey(id.keyPem).export({ format: 'jwk' }),
    );
  });

  it('writes the identity file with mode 0600', async () => {
    const id = await issueIdentity(cluster, { user: 'access-plugin', roles: ['access-plugin'] });
    const path = join(dir, 'auth.pem');
    await writeIdentityFile(path, id);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(await readFile(path, 'utf8')).toBe(identityFileText(id));
  });

  it("writes tbot's output folder and rewrites its files in place on renewal", async () => {
    const out = join(dir, 'machine-id');
    const first = await issueIdentity(cluster, { user: 'bot-relay', roles: ['access-plugin'] });
    await writeMachineIdDir(out, first);
    const inode = (await stat(join(out, 'key'))).ino;
    const second = await issueIdentity(cluster, { user: 'bot-relay', roles: ['access-plugin'] });
    await writeMachineIdDir(out, second);
    expect((await stat(join(out, 'key'))).ino).toBe(inode);
    expect(await readFile(join(out, 'identity'), 'utf8')).toBe(identityFileText(second));
    expect(await readFile(join(out, 'key'), 'utf8')).toBe(second.keyPem);
    expect(await readFile(join(out, 'tlscert'), 'utf8')).toBe(second.certPem);
    expect(await readFile(join(out, 'key-cert.pub'), 'utf8')).toBe(second.sshCertLine + '\n');
    expect((await readFile(join(out, 'key.pub'), 'utf8')).startsWith('ecdsa-sha2-nistp256 AAAA')).toBe(true);
    for (const ca of ['teleport-host-ca.crt', 'teleport-user-ca.crt', 'teleport-database-ca.crt']) {
      expect(await readFile(join(out, ca), 'utf8')).toBe(cluster.caCertPem);
    }
    expect(await readFile(join(out, 'known_hosts'), 'utf8')).toMatch(/^@cert-authority /);
    expect(await readFile(join(out, 'ssh_config'), 'utf8')).toContain('CertificateFile');
  });
});
