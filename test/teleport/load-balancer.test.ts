// The load balancer stand-in behaves as Teleport's docs and client code describe an L7 load balancer in front
// of Teleport's Proxy: TLS with its own certificate and no ALPN, /webapi/connectionupgrade switching
// to WebSocket or the legacy raw upgrade, the stream forwarded untouched, 404 and 502 otherwise.
import { createServer, type AddressInfo, type Server } from 'node:net';
import { connect as tlsConnect, type TLSSocket } from 'node:tls';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createWebCa } from '../net/web-pki.js';
import { startLoadBalancer, type LoadBalancer, type UpgradeType } from './load-balancer.js';

let lb: LoadBalancer | null = null;
let echo: Server | null = null;
afterEach(async () => {
  await lb?.close();
  echo?.close();
  lb = echo = null;
});

async function setUp(accepts?: UpgradeType[], upstreamUp = true): Promise<{ ca: string }> {
  const ca = await createWebCa();
  const cert = await ca.issue(['lb.example.test', '127.0.0.1']);
  echo = createServer((s) => s.pipe(s));
  await new Promise<void>((resolve) => echo!.listen(0, '127.0.0.1', resolve));
  const port = (echo.address() as AddressInfo).port;
  if (!upstreamUp) await new Promise<void>((resolve) => echo!.close(() => resolve()));
  lb = await startLoadBalancer({ ...cert, upstream: `127.0.0.1:${port}`, ...(accepts ? { accepts } : {}) });
  return { ca: ca.certPem };
}

function tls(ca: string, alpn?: string[]): Promise<TLSSocket> {
  return new Promise((resolve, reject) => {
    const s = tlsConnect({ host: '127.0.0.1', port: lb!.port, ca, ...(alpn ? { ALPNProtocols: alpn } : {}) });
    s.once('secureConnect', () => resolve(s)).once('error', reject);
  });
}

function readUntil(s: TLSSocket, marker: string): Promise<string> {
  return new Promise((resolve) => {
    let text = '';
    const onData = (d: Buffer) => {
      text += d.toString('latin1');
      if (text.includes(marker)) {
        s.off('data', onData);
        resolve(text);
      }
    };
    s.on('data', onData);
  });
}

function openWebSocket(ca: string): Promise<WebSocket | number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`wss://127.0.0.1:${lb!.port}/webapi/connectionupgrade`, 'alpn', { ca });
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.once('error', reject);
  });
}

describe('L7 load balancer stand-in', () => {
  it('terminates TLS with its own certificate and negotiates no ALPN, whatever the client offers', async () => {
    const { ca } = await setUp();
    const s = await tls(ca, ['teleport-reversetunnel', 'h2']);
    expect(s.alpnProtocol).toBe(false);
    s.destroy();
  });

  it('speaking only http/1.1, it refuses other ALPN offers with the no_application_protocol alert', async () => {
    const ca = await createWebCa();
    lb = await startLoadBalancer({ ...(await ca.issue(['127.0.0.1'])), upstream: '127.0.0.1:9', onlyHttp11: true });
    await expect(tls(ca.certPem, ['teleport-reversetunnel'])).rejects.toMatchObject({
      code: 'ERR_SSL_TLSV1_ALERT_NO_APPLICATION_PROTOCOL',
    });
  });

  it('upgrades to WebSocket with subprotocol alpn and forwards binary frames both ways', async () => {
    const { ca } = await setUp();
    const ws = (await openWebSocket(ca)) as WebSocket;
    expect(ws.protocol).toBe('alpn');
    const back = new Promise<Buffer>((resolve) =>
      ws.once('message', (data, isBinary) => isBinary && resolve(data as Buffer)),
    );
    ws.send(Buffer.from('inner tls bytes'));
    expect((await back).toString()).toBe('inner tls bytes');
    expect(lb!.upgrades.websocket).toBe(1);
    const closed = new Promise((resolve) => ws.once('close', resolve));
    lb!.dropAll();
    await closed;
  });

  it('can announce a frame of any length on its WebSocket upgrades (a hostile peer)', async () => {
    const { ca } = await setUp();
    const ws = (await openWebSocket(ca)) as WebSocket;
    const failed = new Promise<Error>((resolve) => ws.once('error', resolve));
    lb!.announceFrame(2 ** 40);
    expect((await failed).message).toMatch(/payload/i);
  });

  it('answers the legacy upgrade (Upgrade: alpn) with the raw stream after a 101', async () => {
    const { ca } = await setUp();
    const s = await tls(ca);
    const head = readUntil(s, '\r\n\r\n');
    s.write(
      'GET /webapi/connectionupgrade HTTP/1.1\r\nHost: lb\r\n' +
        'Upgrade: alpn\r\nX-Teleport-Upgrade: alpn\r\nConnection: Upgrade\r\n\r\n',
    );
    expect(await head).toMatch(/^HTTP\/1\.1 101 Switching Protocols\r\n[\s\S]*Upgrade: alpn\r\n/);
    const echoed = readUntil(s, 'raw');
    s.write('raw');
    expect(await echoed).toBe('raw');
    expect(lb!.upgrades.alpn).toBe(1);
    s.destroy();
  });

  it('answers 404 to a WebSocket upgrade when the Proxy behind predates it (before 15.1)', async () => {
    const { ca } = await setUp(['alpn']);
    expect(await openWebSocket(ca)).toBe(404);
  });

  it('answers 404 without an upgrade header, and 502 when the Proxy behind is down', async () => {
    const { ca } = await setUp(undefined, false);
    const s = await tls(ca);
    const first = readUntil(s, '\r\n\r\n');
    s.write('GET /webapi/connectionupgrade HTTP/1.1\r\nHost: lb\r\nConnection: Upgrade\r\nUpgrade: h2c\r\n\r\n');
    expect(await first).toMatch(/^HTTP\/1\.1 404 /);
    expect(await openWebSocket(ca)).toBe(502);
  });
});
