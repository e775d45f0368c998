// Reads a TLS ClientHello from the first bytes of a connection without terminating TLS, the way
// Teleport's proxy picks a route from the first ALPN protocol (RFC 8446 §4.1.2, RFC 7301).

export type HelloParse =
  | { kind: 'incomplete' }
  | { kind: 'invalid'; reason: string }
  | { kind: 'hello'; alpn: string[]; serverName: string | null };

const RECORD_HANDSHAKE = 22;
const HANDSHAKE_CLIENT_HELLO = 1;
const EXT_SERVER_NAME = 0;
const EXT_ALPN = 16;
/** A ClientHello bigger than this is not one we will wait for. */
const MAX_HELLO_BYTES = 64 * 1024;

class Reader {
  private offset = 0;
  constructor(private readonly buf: Buffer) {}

  get remaining(): number {
    return this.buf.length - this.offset;
  }

  take(n: number): Buffer {
    if (n > this.remaining) throw new RangeError('truncated');
    const out = this.buf.subarray(this.offset, this.offset + n);
    this.offset += n;
    return out;
  }

  u8(): number {
    return this.take(1).readUInt8(0);
  }
  u16(): number {
    return this.take(2).readUInt16BE(0);
  }
  vector8(): Buffer {
    return this.take(this.u8());
  }
  vector16(): Buffer {
    return this.take(this.u16());
  }
}

/** The handshake bytes carried by the leading TLS records, or why they are not TLS. */
function handshakeBytes(data: Buffer): { bytes: Buffer; complete: boolean } | string {
  const parts: Buffer[] = [];
  let offset = 0;
  while (offset + 5 <= data.length) {
    if (data[offset] !== RECORD_HANDSHAKE) return `record type ${data[offset]} is not handshake`;
    if (data[offset + 1] !== 3) return 'not a TLS record';
    const length = data.readUInt16BE(offset + 3);
    if (offset + 5 + length > data.length) break;
    parts.push(data.subarray(offset + 5, offset + 5 + length));
    offset += 5 + length;
  }
  const bytes = Buffer.concat(parts);
  if (bytes.length >= 4 && bytes.length >= 4 + bytes.readUIntBE(1, 3)) return { bytes, complete: true };
  return { bytes, complete: false };
}

function readExtensions(r: Reader): { alpn: string[]; serverName: string | null } {
  const result = { alpn: [] as string[], serverName: null as string | null };
  if (r.remaining === 0) return result;
  const extensions = new Reader(r.vector16());
  while (extensions.remaining > 0) {
    const type = extensions.u16();
    const data = new Reader(extensions.vector16());
    if (type === EXT_ALPN) {
      const list = new Reader(data.vector16());
      while (list.remaining > 0) result.alpn.push(list.vector8().toString('latin1'));
    } else if (type === EXT_SERVER_NAME) {
      const list = new Reader(data.vector16());
      if (list.u8() === 0) result.serverName = list.vector16().toString('latin1');
    }
  }
  return result;
}

export function parseClientHello(data: Buffer): HelloParse {
  if (data.length > 0 && data[0] !== RECORD_HANDSHAKE) return { kind: 'invalid', reason: 'not a TLS handshake record' };
  const handshake = handshakeBytes(data);
  if (typeof handshake === 'string') return { kind: 'invalid', reason: handshake };
  if (!handshake.complete) {
    return data.length > MAX_HELLO_BYTES
      ? { kind: 'invalid', reason: 'ClientHello too large' }
      : { kind: 'incomplete' };
  }
  try {
    const message = new Reader(handshake.bytes);
    if (message.u8() !== HANDSHAKE_CLIENT_HELLO)
      return { kind: 'invalid', reason: 'first handshake message is not ClientHello' };
    const body = new Reader(message.take(message.take(3).readUIntBE(0, 3)));
    body.take(2 + 32); // legacy_version, random
    body.vector8(); // legacy_session_id
    if (body.vector16().length % 2 !== 0) return { kind: 'invalid', reason: 'odd cipher suite list' };
    body.vector8(); // legacy_compression_methods
    return { kind: 'hello', ...readExtensions(body) };
  } catch {
    return { kind: 'invalid', reason: 'malformed ClientHello' };
  }
}
