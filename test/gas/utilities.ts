// Utilities: HMAC and digests returning SIGNED bytes (Java's byte), base64, UUIDs, formatDate,
// a minimal Blob. A string hashed without a charset goes through US-ASCII: every non-ASCII
// character becomes '?' (the trap the contract's ASCII-only body avoids).
import { createHash, createHmac, randomUUID } from 'node:crypto';
import { formatJavaDate } from './date-format.js';
import { gasError } from './expose.js';
import { isDate } from './values.js';

export const Charset = { US_ASCII: 'US_ASCII', UTF_8: 'UTF_8' } as const;
export const DigestAlgorithm = {
  MD5: 'MD5',
  SHA_1: 'SHA_1',
  SHA_256: 'SHA_256',
  SHA_384: 'SHA_384',
  SHA_512: 'SHA_512',
} as const;
export const MacAlgorithm = {
  HMAC_MD5: 'HMAC_MD5',
  HMAC_SHA_1: 'HMAC_SHA_1',
  HMAC_SHA_256: 'HMAC_SHA_256',
  HMAC_SHA_384: 'HMAC_SHA_384',
  HMAC_SHA_512: 'HMAC_SHA_512',
} as const;

const NODE_ALGORITHM: Record<string, string> = {
  MD5: 'md5',
  SHA_1: 'sha1',
  SHA_256: 'sha256',
  SHA_384: 'sha384',
  SHA_512: 'sha512',
  HMAC_MD5: 'md5',
  HMAC_SHA_1: 'sha1',
  HMAC_SHA_256: 'sha256',
  HMAC_SHA_384: 'sha384',
  HMAC_SHA_512: 'sha512',
};

function encodeString(s: string, charset: string | undefined): Buffer {
  if (charset === Charset.UTF_8) return Buffer.from(s, 'utf8');
  if (charset !== undefined && charset !== Charset.US_ASCII) throw gasError(`Invalid argument: charset`);
  return Buffer.from(Array.from(s, (ch) => (ch.codePointAt(0)! < 0x80 ? ch.codePointAt(0)! : 0x3f)));
}

function bytesOf(value: unknown, charset: string | undefined, what: string): Buffer {
  if (typeof value === 'string') return encodeString(value, charset);
  if (Array.isArray(value) && value.every((b) => typeof b === 'number'))
    return Buffer.from(value.map((b: number) => b & 0xff));
  throw gasError(`The parameters (${what}) don't match the method signature.`);
}

export function signedBytes(buf: Uint8Array): number[] {
  return Array.from(buf, (b) => (b > 127 ? b - 256 : b));
}

function algorithm(name: unknown): string {
  const node = NODE_ALGORITHM[String(name)];
  if (!node) throw gasError('Invalid argument: algorithm');
  return node;
}

export class FakeBlob {
  constructor(
    private bytes: Buffer,
    private contentType: string | null,
    private name: string | null,
  ) {}
  getBytes(): number[] {
    return signedBytes(this.bytes);
  }
  getDataAsString(charset?: string): string {
    return charset === Charset.US_ASCII ? this.bytes.toString('latin1') : this.bytes.toString('utf8');
  }
  getContentType(): string | null {
    return this.contentType;
  }
  setContentType(contentType: string): this {
    this.contentType = String(contentType);
    return this;
  }
  getName(): string | null {
    return this.name;
  }
  setName(name: string): this {
    this.name = String(name);
    return this;
  }
  setDataFromString(s: string, charset?: string): this {
    this.bytes = bytesOf(s, charset ?? Charset.UTF_8, 'String');
    return this;
  }
}

export class FakeUtilities {
  computeHmacSignature(alg: string, value: unknown, key: unknown, charset?: string): number[] {
    if (typeof value !== typeof key)
      throw gasError("The parameters don't match the method signature for Utilities.computeHmacSignature.");
    const mac = createHmac(algorithm(alg), bytesOf(key, charset, 'key'));
    return signedBytes(mac.update(bytesOf(value, charset, 'value')).digest());
  }

  computeHmacSha256Signature(value: unknown, key: unknown, charset?: string): number[] {
    return this.computeHmacSignature(MacAlgorithm.HMAC_SHA_256, value, key, charset);
  }

  computeDigest(alg: string, value: unknown, charset?: string): number[] {
    return signedBytes(
      createHash(algorithm(alg))
        .update(bytesOf(value, charset, 'value'))
        .digest(),
    );
  }

  base64Encode(data: unknown, charset?: string): string {
    return bytesOf(data, charset ?? Charset.UTF_8, 'data').toString('base64');
  }
  base64EncodeWebSafe(data: unknown, charset?: string): string {
    return this.base64Encode(data, charset).replace(/\+/g, '-').replace(/\//g, '_');
  }
  base64Decode(encoded: string): number[] {
    return signedBytes(Buffer.from(String(encoded), 'base64'));
  }
  base64DecodeWebSafe(encoded: string): number[] {
    return signedBytes(Buffer.from(String(encoded), 'base64url'));
  }
  getUuid(): string {
    return randomUUID();
  }

  formatDate(date: unknown, timeZone: string, format: string): string {
    if (!isDate(date)) throw gasError("The parameters don't match the method signature for Utilities.formatDate.");
    try {
      return formatJavaDate(date.getTime(), String(timeZone), String(format));
    } catch (e) {
      throw gasError(e instanceof Error ? e.message : String(e));
    }
  }

  /** Waiting advances no time in the runtime: the clock is the test's. */
  sleep(_milliseconds: number): void {}

  newBlob(data: unknown, contentType?: string, name?: string): FakeBlob {
    return new FakeBlob(bytesOf(data ?? '', Charset.UTF_8, 'data'), contentType ?? null, name ?? null);
  }
}

export const UTILITIES_ENUMS = { Charset, DigestAlgorithm, MacAlgorithm };
export const UTILITIES_API = [
  'computeHmacSignature',
  'computeHmacSha256Signature',
  'computeDigest',
  'base64Encode',
  'base64EncodeWebSafe',
  'base64Decode',
  'base64DecodeWebSafe',
  'getUuid',
  'formatDate',
  'sleep',
  'newBlob',
] as const;
export const BLOB_API = [
  'getBytes',
  'getDataAsString',
  'getContentType',
  'setContentType',
  'getName',
  'setName',
  'setDataFromString',
] as const;
