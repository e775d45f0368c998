import { createPrivateKey, createPublicKey, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';

// OpenSSH wire encodings (RFC 4251 strings, PROTOCOL.certkeys), enough to give the identity file
// and the Machine ID folder real SSH lines: a user certificate signed by the cluster's user CA,
// the public key, and `@cert-authority` lines for the host CA.

export interface SshCa {
  privateKeyPem: string;
  publicBlob: Buffer;
}

export function createSshCa(): SshCa {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return {
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicBlob: publicBlob(publicKey),
  };
}

function sshString(data: Buffer | string): Buffer {
  const body = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const len = Buffer.alloc(4);
  len.writeUInt32BE(body.length);
  return Buffer.concat([len, body]);
}

function uint32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
}

function uint64(n: bigint): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigUInt64BE(n);
  return b;
}

function mpint(base64url: string): Buffer {
  let bytes = Buffer.from(base64url, 'base64url');
  while (bytes.length > 1 && bytes[0] === 0) bytes = bytes.subarray(1);
  if (bytes.length > 0 && (bytes[0]! & 0x80) !== 0) bytes = Buffer.concat([Buffer.from([0]), bytes]);
  return sshString(bytes);
}

/** The key's type name and its public fields, in wire order, for a plain key or a certificate. */
function keyParts(key: KeyObject): { type: string; fields: Buffer[] } {
  const jwk = key.export({ format: 'jwk' });
  if (jwk.kty === 'OKP') return { type: 'ssh-ed25519', fields: [sshString(Buffer.from(jwk.x!, 'base64url'))] };
  if (jwk.kty === 'EC') {
    const point = Buffer.concat([Buffer.from([4]), Buffer.from(jwk.x!, 'base64url'), Buffer.from(jwk.y!, 'base64url')]);
    return { type: 'ecdsa-sha2-nistp256', fields: [sshString('nistp256'), sshString(point)] };
  }
  return { type: 'ssh-rsa', fields: [mpint(jwk.e!), mpint(jwk.n!)] };
}

function publicBlob(key: KeyObject): Buffer {
  const { type, fields } = keyParts(key);
  return Buffer.concat([sshString(type), ...fields]);
}

/** `<type> <base64>` as in key.pub. */
export function publicKeyLine(keyPem: string): string {
  const key = createPublicKey(keyPem);
  return `${keyParts(key).type} ${publicBlob(key).toString('base64')}`;
}

function extensions(roles: string[]): Buffer {
  const entries: [string, string][] = [
    ['permit-agent-forwarding', ''],
    ['permit-port-forwarding', ''],
    ['permit-pty', ''],
    ['teleport-roles', JSON.stringify({ version: 'v1', roles })],
  ];
  return Buffer.concat(
    entries.map(([name, data]) => Buffer.concat([sshString(name), sshString(data === '' ? '' : sshString(data))])),
  );
}

/** A user certificate line such as `ssh-ed25519-cert-v01@openssh.com AAAA… user@cluster`. */
export function userCertificateLine(o: {
  keyPem: string;
  ca: SshCa;
  user: string;
  roles: string[];
  notBefore: Date;
  notAfter: Date;
}): string {
  const { type, fields } = keyParts(createPublicKey(o.keyPem));
  const certType = `${type}-cert-v01@openssh.com`;
  const body = Buffer.concat([
    sshString(certType),
    sshString(randomBytes(32)),
    ...fields,
    uint64(BigInt(Date.now())),
    uint32(1),
    sshString(o.user),
    sshString(Buffer.concat([sshString(o.user), sshString('-teleport-internal-join')])),
    uint64(BigInt(Math.floor(o.notBefore.getTime() / 1000))),
    uint64(BigInt(Math.floor(o.notAfter.getTime() / 1000))),
    sshString(''),
    sshString(extensions(o.roles)),
    sshString(''),
    sshString(o.ca.publicBlob),
  ]);
  const signature = sign(null, body, createPrivateKey(o.ca.privateKeyPem));
  const cert = Buffer.concat([body, sshString(Buffer.concat([sshString('ssh-ed25519'), sshString(signature)]))]);
  return `${certType} ${cert.toString('base64')}`;
}

/** known_hosts / identity-file line trusting the cluster's host CA. */
export function certAuthorityLine(ca: SshCa, cluster: string, proxyHost: string): string {
  const key = ca.publicBlob.toString('base64');
  return `@cert-authority ${proxyHost},${cluster},*.${cluster} ssh-ed25519 ${key} type=host`;
}
