// Parses a Teleport identity file (tctl auth sign / tsh login --out / tbot's `identity`) into
// the TLS material the relay needs. Blocks are classified by label and content, not position:
// the certificate whose public key matches the private key is the client certificate, every
// other certificate is a CA. Non-PEM lines (the SSH certificate, @cert-authority) are ignored.
import { X509Certificate, createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { CredentialsError } from './errors.js';

export type KeyType = 'rsa' | 'ecdsa' | 'ed25519';

export interface Credentials {
  keyPem: string;
  certPem: string;
  caPems: string[];
  clusterName: string;
  user: string;
  roles: string[];
  notBefore: Date;
  notAfter: Date;
  keyType: KeyType;
  /** SHA-256 fingerprint of the client certificate: changes with every renewal. */
  fingerprint: string;
}

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----\r?\n([\s\S]*?)-----END \1-----/g;
const KEY_LABELS = new Set(['RSA PRIVATE KEY', 'PRIVATE KEY', 'EC PRIVATE KEY']);

interface PemBlock {
  label: string;
  pem: string;
}

function pemBlocks(text: string): PemBlock[] {
  return [...text.matchAll(PEM_BLOCK)].map((m) => ({ label: m[1]!, pem: `${m[0].replace(/\r\n/g, '\n')}\n` }));
}

function spki(key: KeyObject): Buffer {
  return key.export({ type: 'spki', format: 'der' });
}

function parseKey(blocks: PemBlock[]): { pem: string; key: KeyObject } {
  const keys = blocks.filter((b) => KEY_LABELS.has(b.label));
  if (keys.length !== 1)
    throw new CredentialsError('malformed', `the identity holds ${keys.length} private keys; expected exactly one`);
  try {
    return { pem: keys[0]!.pem, key: createPrivateKey(keys[0]!.pem) };
  } catch (cause) {
    throw new CredentialsError('malformed', 'the private key in the identity cannot be read', { cause });
  }
}

function parseCertificates(blocks: PemBlock[]): { pem: string; cert: X509Certificate }[] {
  return blocks
    .filter((b) => b.label === 'CERTIFICATE')
    .map((b) => {
      try {
        return { pem: b.pem, cert: new X509Certificate(b.pem) };
      } catch (cause) {
        throw new CredentialsError('malformed', 'a certificate in the identity cannot be read', { cause });
      }
    });
}

function keyTypeOf(key: KeyObject): KeyType {
  switch (key.asymmetricKeyType) {
    case 'rsa':
      return 'rsa';
    case 'ec':
      return 'ecdsa';
    case 'ed25519':
      return 'ed25519';
    default:
      throw new CredentialsError('malformed', `unsupported private key type ${key.asymmetricKeyType ?? 'unknown'}`);
  }
}

/**
 * Attribute values of a distinguished name as Node prints it: one RDN per line, and the values
 * of a multi-valued RDN joined by ` + ` (Go's x509 puts every role into one such O=... RDN).
 */
export function nameValues(dn: string, attribute: string): string[] {
  return dn
    .split('\n')
    .flatMap((line) => line.split(' + '))
    .map((pair) => pair.split(/=(.*)/s))
    .filter(([k]) => k === attribute)
    .map(([, v]) => v ?? '');
}

export function parseIdentityFile(text: string): Credentials {
  const blocks = pemBlocks(text);
  const { pem: keyPem, key } = parseKey(blocks);
  const certs = parseCertificates(blocks);
  if (certs.length === 0) throw new CredentialsError('malformed', 'the identity holds no TLS certificate');
  const ownSpki = spki(createPublicKey(key));
  const client = certs.find((c) => spki(c.cert.publicKey).equals(ownSpki));
  if (!client)
    throw new CredentialsError(
      'mismatch',
      'no certificate in the identity matches its private key (a renewal may be half-written)',
    );
  const caPems = certs.filter((c) => c !== client).map((c) => c.pem);
  if (caPems.length === 0) throw new CredentialsError('malformed', 'the identity holds no CA certificate');
  const { cert } = client;
  return {
    keyPem,
    certPem: client.pem,
    caPems,
    clusterName: nameValues(cert.issuer, 'CN')[0] ?? '',
    user: nameValues(cert.subject, 'CN')[0] ?? '',
    roles: nameValues(cert.subject, 'O'),
    notBefore: new Date(cert.validFrom),
    notAfter: new Date(cert.validTo),
    keyType: keyTypeOf(key),
    fingerprint: cert.fingerprint256,
  };
}

/** Null while the certificate is valid at `nowMs`, else why it is not. */
export function validityError(c: Credentials, nowMs: number): CredentialsError | null {
  if (nowMs >= c.notAfter.getTime()) {
    return new CredentialsError(
      'expired',
      `the Teleport certificate for ${c.user} expired at ${c.notAfter.toISOString()}`,
    );
  }
  if (nowMs < c.notBefore.getTime()) {
    return new CredentialsError(
      'not_yet_valid',
      `the Teleport certificate for ${c.user} is not valid before ${c.notBefore.toISOString()} (check the clock)`,
    );
  }
  return null;
}

export type ReplacementRefusal = 'rejected_expired' | 'rejected_not_yet_valid' | 'rejected_older';

/**
 * Why `next` (read from disk) must not replace `current`, or null when it may: it must be valid
 * now, and, while the current certificate is still valid, not issued before it (a restored
 * backup or a stale copy must not undo a renewal). Issue order is notBefore, then notAfter.
 */
export function replacementRefusal(
  next: Credentials,
  current: Credentials | null,
  nowMs: number,
): { result: ReplacementRefusal; why: string } | null {
  const invalid = validityError(next, nowMs);
  if (invalid) {
    return { result: invalid.code === 'expired' ? 'rejected_expired' : 'rejected_not_yet_valid', why: invalid.message };
  }
  if (!current || validityError(current, nowMs)) return null;
  const [nb, cnb] = [next.notBefore.getTime(), current.notBefore.getTime()];
  if (nb < cnb || (nb === cnb && next.notAfter.getTime() < current.notAfter.getTime())) {
    return {
      result: 'rejected_older',
      why:
        `the certificate on disk (valid ${next.notBefore.toISOString()} to ${next.notAfter.toISOString()}) ` +
        `is older than the one in use (valid from ${current.notBefore.toISOString()})`,
    };
  }
  return null;
}
