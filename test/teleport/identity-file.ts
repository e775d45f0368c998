import { createPrivateKey } from 'node:crypto';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { IssuedIdentity } from './pki.js';
import { certAuthorityLine, publicKeyLine } from './ssh.js';

export interface IdentityFileOptions {
  /** 'teleport': Teleport's layout. 'shuffled': PEM blocks keep their relative order (Teleport's
   *  parser assigns them by order) but the SSH and `@cert-authority` lines move around them. */
  order?: 'teleport' | 'shuffled';
  /** ECDSA key as SEC1 `EC PRIVATE KEY` instead of PKCS#8. */
  ecKeyAsSec1?: boolean;
}

const PROXY_HOST = 'teleport.example.com';

function keyText(id: IssuedIdentity, ecKeyAsSec1: boolean): string {
  if (!ecKeyAsSec1 || id.keyType !== 'ecdsa') return id.keyPem;
  return createPrivateKey(id.keyPem).export({ type: 'sec1', format: 'pem' }).toString();
}

function caLines(id: IssuedIdentity): string[] {
  return [certAuthorityLine(id.cluster.sshHostCa, id.cluster.name, PROXY_HOST)];
}

/** The text of `tctl auth sign --format=file` (also tbot's `identity`). */
export function identityFileText(id: IssuedIdentity, opts: IdentityFileOptions = {}): string {
  const key = keyText(id, opts.ecKeyAsSec1 ?? false);
  const ssh = id.sshCertLine + '\n';
  const authorities = caLines(id)
    .map((line) => line + '\n')
    .join('');
  if (opts.order === 'shuffled') {
    return authorities + key + id.certPem + ssh + id.cluster.caCertPem;
  }
  return key + ssh + id.certPem + authorities + id.cluster.caCertPem;
}

export async function writeIdentityFile(path: string, id: IssuedIdentity, opts?: IdentityFileOptions): Promise<void> {
  await writeFile(path, identityFileText(id, opts), { mode: 0o600 });
  await chmod(path, 0o600);
}

function sshConfig(id: IssuedIdentity, dir: string): string {
  return [
    `# Teleport-generated SSH config for cluster ${id.cluster.name}`,
    `Host *.${id.cluster.name} ${PROXY_HOST}`,
    `    UserKnownHostsFile "${join(dir, 'known_hosts')}"`,
    `    IdentityFile "${join(dir, 'key')}"`,
    `    CertificateFile "${join(dir, 'key-cert.pub')}"`,
    '',
  ].join('\n');
}

/** tbot's identity output. Each file is rewritten in place (truncate + write), as tbot does,
 *  so a reader racing a renewal can see an empty file or a key that does not match the cert. */
export async function writeMachineIdDir(dir: string, id: IssuedIdentity): Promise<void> {
  await mkdir(dir, { recursive: true });
  const files: [string, string][] = [
    ['key', id.keyPem],
    ['key.pub', publicKeyLine(id.keyPem) + '\n'],
    ['tlscert', id.certPem],
    ['key-cert.pub', id.sshCertLine + '\n'],
    ['teleport-host-ca.crt', id.cluster.caCertPem],
    ['teleport-user-ca.crt', id.cluster.caCertPem],
    ['teleport-database-ca.crt', id.cluster.caCertPem],
    ['known_hosts', caLines(id).join('\n') + '\n'],
    ['ssh_config', sshConfig(id, dir)],
    ['identity', identityFileText(id)],
  ];
  for (const [name, text] of files) {
    await writeFile(join(dir, name), text, { mode: 0o600 });
  }
}
