// @peculiar/x509 resolves its services through tsyringe, which needs the Reflect metadata API.
import 'reflect-metadata';
import { createPrivateKey, randomUUID, webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import { createSshCa, userCertificateLine, type SshCa } from './ssh.js';

export { identityFileText, writeIdentityFile, writeMachineIdDir, type IdentityFileOptions } from './identity-file.js';

const crypto = webcrypto;
type CryptoKey = webcrypto.CryptoKey;
type CryptoKeyPair = webcrypto.CryptoKeyPair;
x509.cryptoProvider.set(crypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

export type KeyType = 'rsa' | 'ecdsa' | 'ed25519';

export interface TestCluster {
  name: string;
  caCertPem: string;
  caKeyPem: string;
  serverCertPem: string;
  serverKeyPem: string;
  /** SSH user and host CAs, for the identity file's SSH certificate and `@cert-authority` lines. */
  sshUserCa: SshCa;
  sshHostCa: SshCa;
}

export interface IssuedIdentity {
  user: string;
  roles: string[];
  keyType: KeyType;
  keyPem: string;
  certPem: string;
  notBefore: Date;
  notAfter: Date;
  cluster: TestCluster;
  /** `<type>-cert-v01@openssh.com AAAA…` for the same key. */
  sshCertLine: string;
}

const HOUR = 3_600_000;
const ecdsa = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const ecdsaSha256 = { name: 'ECDSA', hash: 'SHA-256' } as const;
const caKeys = new Map<string, Promise<CryptoKey>>();

function keyAlgorithm(
  keyType: KeyType,
): webcrypto.RsaHashedKeyGenParams | webcrypto.EcKeyGenParams | webcrypto.Algorithm {
  if (keyType === 'rsa')
    return {
      name: 'RSASSA-PKCS1-v1_5',
      modulusLength: 2048,
      publicExponent: new Uint8Array([1, 0, 1]),
      hash: 'SHA-256',
    };
  if (keyType === 'ecdsa') return ecdsa;
  return { name: 'Ed25519' };
}

async function generateKeys(keyType: KeyType): Promise<CryptoKeyPair> {
  return (await crypto.subtle.generateKey(keyAlgorithm(keyType), true, ['sign', 'verify'])) as CryptoKeyPair;
}

/** Teleport's key encodings: PKCS#1 for RSA, PKCS#8 for the rest (SEC1 on request). */
async function privateKeyPem(key: CryptoKey, keyType: KeyType): Promise<string> {
  const der = Buffer.from(await crypto.subtle.exportKey('pkcs8', key));
  const keyObject = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  const type = keyType === 'rsa' ? 'pkcs1' : 'pkcs8';
  return keyObject.export({ type, format: 'pem' }).toString();
}

function caKey(cluster: TestCluster): Promise<CryptoKey> {
  const cached = caKeys.get(cluster.caKeyPem);
  if (cached) return cached;
  const der = createPrivateKey(cluster.caKeyPem).export({ type: 'pkcs8', format: 'der' });
  const key = crypto.subtle.importKey('pkcs8', der, ecdsa, false, ['sign']);
  caKeys.set(cluster.caKeyPem, key);
  return key;
}

function distinguishedName(o: string[], cn: string): x509.JsonName {
  return o.length > 0 ? [{ O: o }, { CN: [cn] }] : [{ CN: [cn] }];
}

async function signLeaf(
  cluster: TestCluster,
  o: {
    subject: x509.JsonName;
    publicKey: CryptoKey;
    notBefore: Date;
    notAfter: Date;
    extensions: x509.Extension[];
  },
): Promise<string> {
  const ca = new x509.X509Certificate(cluster.caCertPem);
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: randomSerial(),
    subject: o.subject,
    issuer: ca.subjectName.toString(),
    notBefore: o.notBefore,
    notAfter: o.notAfter,
    publicKey: o.publicKey,
    signingKey: await caKey(cluster),
    signingAlgorithm: ecdsaSha256,
    extensions: [...o.extensions, await x509.AuthorityKeyIdentifierExtension.create(ca.publicKey)],
  });
  return cert.toString('pem') + '\n';
}

function randomSerial(): string {
  return '01' + Buffer.from(webcrypto.getRandomValues(new Uint8Array(15))).toString('hex');
}

/** A cluster: its TLS CA (Subject CN=O=<name>) and the Auth Service's server certificate. */
export async function createCluster(name: string): Promise<TestCluster> {
  const caKeys = await generateKeys('ecdsa');
  const now = Date.now();
  const caCert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomSerial(),
    name: [{ O: [name] }, { CN: [name] }],
    notBefore: new Date(now - HOUR),
    notAfter: new Date(now + 10 * 365 * 24 * HOUR),
    keys: caKeys,
    signingAlgorithm: ecdsaSha256,
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(caKeys.publicKey),
    ],
  });
  const partial = {
    name,
    caCertPem: caCert.toString('pem') + '\n',
    caKeyPem: await privateKeyPem(caKeys.privateKey, 'ecdsa'),
    sshUserCa: createSshCa(),
    sshHostCa: createSshCa(),
  };
  const serverKeys = await generateKeys('ecdsa');
  const serverCertPem = await signLeaf(
    { ...partial, serverCertPem: '', serverKeyPem: '' },
    {
      subject: distinguishedName(['Auth'], `${randomUUID()}.${name}`),
      publicKey: serverKeys.publicKey,
      notBefore: new Date(now - HOUR),
      notAfter: new Date(now + 365 * 24 * HOUR),
      extensions: [
        new x509.SubjectAlternativeNameExtension([
          { type: 'dns', value: 'teleport.cluster.local' },
          { type: 'dns', value: '*.teleport.cluster.local' },
          { type: 'dns', value: 'localhost' },
          { type: 'ip', value: '127.0.0.1' },
        ]),
        new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth, x509.ExtendedKeyUsage.clientAuth]),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      ],
    },
  );
  return { ...partial, serverCertPem, serverKeyPem: await privateKeyPem(serverKeys.privateKey, 'ecdsa') };
}

/** A client identity as `tctl auth sign` issues it: Subject CN=<user>, O=<roles>, one key for TLS and SSH. */
export async function issueIdentity(
  cluster: TestCluster,
  opts: {
    user: string;
    roles: string[];
    keyType?: KeyType;
    notBefore?: Date;
    notAfter?: Date;
  },
): Promise<IssuedIdentity> {
  const keyType = opts.keyType ?? 'ecdsa';
  const notBefore = opts.notBefore ?? new Date(Date.now() - 60_000);
  const notAfter = opts.notAfter ?? new Date(Date.now() + HOUR);
  const keys = await generateKeys(keyType);
  const usage = x509.KeyUsageFlags.digitalSignature | (keyType === 'rsa' ? x509.KeyUsageFlags.keyEncipherment : 0);
  const certPem = await signLeaf(cluster, {
    subject: distinguishedName(opts.roles, opts.user),
    publicKey: keys.publicKey,
    notBefore,
    notAfter,
    extensions: [
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.clientAuth]),
      new x509.KeyUsagesExtension(usage, true),
    ],
  });
  const keyPem = await privateKeyPem(keys.privateKey, keyType);
  const sshCertLine = userCertificateLine({
    keyPem,
    ca: cluster.sshUserCa,
    user: opts.user,
    roles: opts.roles,
    notBefore,
    notAfter,
  });
  return {
    user: opts.user,
    roles: [...opts.roles],
    keyType,
    keyPem,
    certPem,
    notBefore,
    notAfter,
    cluster,
    sshCertLine,
  };
}
