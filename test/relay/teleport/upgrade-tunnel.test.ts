// The WebSocket of the connection upgrade takes frames up to MAX_FRAME_BYTES from the load balancer:
// the inner TLS passes, and a frame announced larger is refused at its header instead of buffered.
import { connect as tlsConnect, type TLSSocket } from 'node:tls';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_FRAME_BYTES, websocketOver } from '../../../relay/src/teleport/upgrade-tunnel.js';
import { createWebCa } from '../../net/web-pki.js';
import { startLoadBalancer, type LoadBalancer } from '../../teleport/load-balancer.js';
import { until } from '../../until.js';

let lb: LoadBalancer | null = null;
let echo: Server | null = null;
afterEach(async () => {
  await lb?.close();
  echo?.close();
  lb = echo = null;
});

/** The WebSocket stream through a load balancer whose upstream echoes every byte back. */
async function upgraded() {
  const ca = await createWebCa();
  echo = createServer((s) => s.pipe(s));
  await new Promise<void>((resolve) => echo!.listen(0, '127.0.0.1', resolve));
  const upstream = `127.0.0.1:${(echo.address() as AddressInfo).port}`;
  lb = await startLoadBalancer({ ...(await ca.issue(['127.0.0.1'])), upstream });
  const tls = await new Promise<TLSSocket>((resolve, reject) => {
    const s = tlsConnect({ host: '127.0.0.1', port: lb!.port, ca: ca.certPem });
    s.once('secureConnect', () => resolve(s)).once('error', reject);
  });
  return websocketOver(tls, { host: '127.0.0.1', port: lb.port });
}

describe('the WebSocket of the connection upgrade', () => {
  it('carries the inner stream both ways', async () => {
    const stream = await upgraded();
    const back = new Promise<string>((resolve) => stream.once('data', (d: Buffer) => resolve(d.toString())));
    stream.write('inner tls bytes');
    expect(await back).toBe('inner tls bytes');
    stream.destroy();
  });

  it(`refuses a frame announced larger than ${MAX_FRAME_BYTES} bytes at its header`, async () => {
    const stream = await upgraded();
    let failure: Error | null = null;
    stream.on('error', (err: Error) => (failure = err));
    lb!.announceFrame(MAX_FRAME_BYTES + 1);
    const seen = await until('the stream to refuse the frame', () => failure, Boolean, { timeoutMs: 5_000 });
    expect(seen!.message).toMatch(/max payload size exceeded/i);
  });
});
