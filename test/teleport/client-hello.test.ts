import * as net from 'node:net';
import * as tls from 'node:tls';
import { describe, expect, it } from 'vitest';
import { parseClientHello } from './client-hello.js';

/** The first bytes a real Node TLS client sends, captured on a plain TCP listener. */
async function captureHello(options: tls.ConnectionOptions): Promise<Buffer> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const captured = new Promise<Buffer>((resolve) => {
    server.once('connection', (socket) => {
      let data = Buffer.alloc(0);
      socket.on('data', (chunk: Buffer) => {
        data = Buffer.concat([data, chunk]);
        if (parseClientHello(data).kind !== 'incomplete') {
          resolve(data);
          socket.destroy();
        }
      });
    });
  });
  const client = tls.connect({ host: '127.0.0.1', port: (server.address() as net.AddressInfo).port, ...options });
  client.on('error', () => undefined);
  const hello = await captured;
  client.destroy();
  server.close();
  return hello;
}

/** The same handshake bytes re-cut into TLS records of at most `size` bytes each. */
function refragment(hello: Buffer, size: number): Buffer {
  const records: Buffer[] = [];
  let offset = 0;
  const payload = hello.subarray(5, 5 + hello.readUInt16BE(3));
  while (offset < payload.length) {
    const part = payload.subarray(offset, offset + size);
    const header = Buffer.from([22, 3, 1, 0, 0]);
    header.writeUInt16BE(part.length, 3);
    records.push(header, part);
    offset += size;
  }
  return Buffer.concat(records);
}

const route = 'teleport-auth@6578616d706c652e636f6d.teleport.cluster.local';

describe('parseClientHello', () => {
  it('reads the ALPN list in order and the server name', async () => {
    const hello = await captureHello({ ALPNProtocols: [route, 'h2'], servername: 'teleport.cluster.local' });
    expect(parseClientHello(hello)).toEqual({
      kind: 'hello',
      alpn: [route, 'h2'],
      serverName: 'teleport.cluster.local',
    });
  });

  it('reports no ALPN when the client offers none', async () => {
    const hello = await captureHello({ servername: 'example.com' });
    expect(parseClientHello(hello)).toMatchObject({ kind: 'hello', alpn: [] });
  });

  it('waits for every TCP chunk of a hello split at any byte', async () => {
    const hello = await captureHello({ ALPNProtocols: [route, 'h2'] });
    for (let cut = 0; cut < hello.length; cut += 1) {
      expect(parseClientHello(hello.subarray(0, cut)).kind).toBe('incomplete');
    }
    expect(parseClientHello(hello)).toMatchObject({ kind: 'hello', alpn: [route, 'h2'] });
  });

  it('joins a hello spread over several TLS records', async () => {
    const hello = refragment(await captureHello({ ALPNProtocols: [route, 'h2'] }), 37);
    const firstRecordEnd = 5 + hello.readUInt16BE(3);
    expect(parseClientHello(hello.subarray(0, firstRecordEnd)).kind).toBe('incomplete');
    expect(parseClientHello(hello)).toMatchObject({ kind: 'hello', alpn: [route, 'h2'] });
  });

  it('calls plain text, other record types and other handshake messages invalid', () => {
    expect(parseClientHello(Buffer.from('GET / HTTP/1.1\r\n\r\n')).kind).toBe('invalid');
    expect(parseClientHello(Buffer.from([21, 3, 3, 0, 2, 2, 40])).kind).toBe('invalid');
    expect(parseClientHello(Buffer.from([22, 3, 3, 0, 4, 2, 0, 0, 0])).kind).toBe('invalid');
    expect(parseClientHello(Buffer.from([22, 3, 3, 0, 6, 1, 0, 0, 2, 3, 3])).kind).toBe('invalid');
  });
});
