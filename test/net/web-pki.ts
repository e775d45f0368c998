// A private "public web" CA for the stand-ins that play load balancers and Google's front door.
// The relay trusts it only through NODE_EXTRA_CA_CERTS, as an operator trusts a corporate CA.
import 'reflect-metadata';
import { createPrivateKey, webcrypto } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import * as x509 from '@peculiar/x509';

const crypto = webcrypto;
x509.cryptoProvider.set(crypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);
const ecdsa = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const signing = { name: 'ECDSA', hash: 'SHA-256' } as const;
const DAY = 24 * 3_600_000;

export interface WebCa {
  certPem: string;
  issue(names: string[]): Promise<{ certPem: string; keyPem: string }>;
  /** Writes the CA certificate for NODE_EXTRA_CA_CERTS and returns the path. */
  writeTo(path: string): Promise<string>;
}

async function keyPem(key: webcrypto.CryptoKey): Promise<string> {
  const der = Buffer.from(await crypto.subtle.exportKey('pkcs8', key));
  return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' })
    .export({ type: 'pkcs8', format: 'pem' })
    .toString();
}

function serial(): string {
  return '01' + Buffer.from(crypto.getRandomValues(new Uint8Array(15))).toString('hex');
}

export async function createWebCa(name = 'Test Web Root CA'): Promise<WebCa> {
  const keys = (await crypto.subtle.generateKey(ecdsa, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
  const now = Date.now();
  const ca = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    name: `CN=${name}`,
    notBefore: new Date(now - DAY),
    notAfter: new Date(now + 365 * DAY),
    keys,
    signingAlgorithm: signing,
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  const certPem = ca.toString('pem') + '\n';
  return {
    certPem,
    async issue(names) {
      const leaf = (await crypto.subtle.generateKey(ecdsa, true, ['sign', 'verify'])) as webcrypto.CryptoKeyPair;
      const cert = await x509.X509CertificateGenerator.create({
        serialNumber: serial(),
        subject: `CN=${names[0]}`,
        issuer: ca.subject,
        notBefore: new Date(now - DAY),
        notAfter: new Date(now + 30 * DAY),
        publicKey: leaf.publicKey,
        signingKey: keys.privateKey,
        signingAlgorithm: signing,
        extensions: [
          new x509.SubjectAlternativeNameExtension(
            names.map((n) => (/^[0-9.]+$/.test(n) ? { type: 'ip', value: n } : { type: 'dns', value: n })),
          ),
          new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
          new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
          await x509.AuthorityKeyIdentifierExtension.create(keys.publicKey),
        ],
      });
      return { certPem: cert.toString('pem') + '\n', keyPem: await keyPem(leaf.privateKey) };
    },
    async writeTo(path) {
      await writeFile(path, certPem);
      return path;
    },
  };
}
