import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { NONCE_PATTERN } from '../../../proto/contract.js';
import { createSheetClient, newNonce, sign } from '../../../relay/src/delivery/sheet-client.js';
import type { Clock } from '../../../relay/src/timing/clock.js';
import { startWebApp } from '../../gas/web-front.js';
import { VECTOR, VECTOR_V2 } from '../../contract-vector.js';
import { until } from '../../until.js';

const V1 = { version: 1 } as const;

const cleanups: (() => Promise<void>)[] = [];

/** A sleep that never ends by itself, only when its signal aborts. */
function untilAbort(signal?: AbortSignal): Promise<void> {
  return new Promise((_resolve, reject) => signal?.addEventListener('abort', () => reject(signal.reason)));
}
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(
    () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/macros/s/x/exec`;
}

describe('sheet client', () => {
  it('signs the contract test vectors, v1 (§1) and v2 (§11)', () => {
    expect(sign(VECTOR.secret, V1, VECTOR.ts, VECTOR.nonce, VECTOR.body)).toBe(VECTOR.sig);
    const v2 = { version: 2, cluster: VECTOR_V2.cluster } as const;
    expect(sign(VECTOR_V2.secret, v2, VECTOR_V2.ts, VECTOR_V2.nonce, VECTOR_V2.body)).toBe(VECTOR_V2.sig);
  });

  it('makes fresh nonces the contract accepts', () => {
    const nonces = new Set(Array.from({ length: 100 }, newNonce));
    expect(nonces.size).toBe(100);
    for (const nonce of nonces) expect(nonce).toMatch(NONCE_PATTERN);
  });

  it('signed v2, POSTs the cluster first in the query and signs over it', async () => {
    const seen: Record<string, string>[] = [];
    const web = await startWebApp((e) => {
      seen.push({ ...e.parameter });
      return { content: '{"ok":true,"applied":0,"stale":0,"resync":false}', mimeType: 'application/json' };
    });
    cleanups.push(() => web.close());
    const signature = { version: 2, cluster: 'prod.example.com' } as const;
    await createSheetClient({ url: web.url, secret: 's3cret' }).send('{"v":1}', signature);
    const { cluster, ts, nonce, sig } = seen[0]!;
    expect(Object.keys(seen[0]!)).toEqual(['cluster', 'ts', 'nonce', 'sig']);
    expect(cluster).toBe('prod.example.com');
    expect(sig).toBe(sign('s3cret', signature, ts!, nonce!, '{"v":1}'));
    expect(sig).not.toBe(sign('s3cret', V1, ts!, nonce!, '{"v":1}'));
  });

  it('POSTs to /exec with only ts, nonce and sig, follows the 302 with a GET and returns the reply', async () => {
    const seen: { parameter: Record<string, string>; body: string; type: string }[] = [];
    const web = await startWebApp((e) => {
      seen.push({ parameter: { ...e.parameter }, body: e.postData!.contents, type: e.postData!.type });
      return { content: '{"ok":true,"applied":0,"stale":0,"resync":false}', mimeType: 'application/json' };
    });
    cleanups.push(() => web.close());
    const client = createSheetClient({
      url: web.url,
      secret: 's3cret',
      clock: { now: () => 1_763_900_000_500, sleep: (_ms, signal) => untilAbort(signal) },
    });
    const result = await client.send('{"v":1}', V1);
    expect(result).toEqual({
      kind: 'response',
      status: 200,
      contentType: expect.stringContaining('application/json'),
      body: '{"ok":true,"applied":0,"stale":0,"resync":false}',
    });
    expect(Object.keys(seen[0]!.parameter).sort()).toEqual(['nonce', 'sig', 'ts']);
    expect(seen[0]!.parameter.ts).toBe('1763900000');
    expect(seen[0]!.parameter.sig).toBe(sign('s3cret', V1, '1763900000', seen[0]!.parameter.nonce!, '{"v":1}'));
    expect(seen[0]!.body).toBe('{"v":1}');
    expect(seen[0]!.type).toBe('application/json');
  });

  it('reports a request that never answers as a timeout', async () => {
    const url = await listen(createServer(() => undefined));
    const result = await createSheetClient({ url, secret: 's', timeoutMs: 200 }).send('{}', V1);
    expect(result).toEqual({ kind: 'transport', code: 'timeout' });
  });

  it('times out on the injected clock', async () => {
    let requests = 0;
    const url = await listen(createServer(() => requests++));
    const sleeps: number[] = [];
    let fire = () => {};
    const clock: Clock = {
      now: () => Date.now(),
      sleep: (ms, signal) => {
        sleeps.push(ms);
        return new Promise<void>((resolve, reject) => {
          fire = resolve;
          signal?.addEventListener('abort', () => reject(signal.reason), { once: true });
        });
      },
    };
    const sending = createSheetClient({ url, secret: 's', clock, timeoutMs: 12_345 }).send('{}', V1);
    await until(
      'the request at the server',
      () => requests,
      (n) => n > 0,
    );
    expect(sleeps).toEqual([12_345]);
    fire();
    expect(await sending).toEqual({ kind: 'transport', code: 'timeout' });
  });

  it('reports a destroyed connection as a reset', async () => {
    const url = await listen(createServer((req) => req.socket.destroy()));
    expect(await createSheetClient({ url, secret: 's' }).send('{}', V1)).toEqual({ kind: 'transport', code: 'reset' });
  });

  it('reports a closed port as refused', async () => {
    const server = createServer();
    const url = await listen(server);
    await new Promise<void>((resolve) => server.close(() => resolve()));
    expect(await createSheetClient({ url, secret: 's' }).send('{}', V1)).toEqual({
      kind: 'transport',
      code: 'refused',
    });
  });

  it("reports a proxy it cannot reach as the proxy's failure, not the web app's", async () => {
    const closed = createServer();
    const proxy = new URL(await listen(closed)).host;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    process.env.HTTPS_PROXY = `http://${proxy}`;
    cleanups.push(async () => void delete process.env.HTTPS_PROXY);
    const client = createSheetClient({ url: 'https://script.google.com/macros/s/x/exec', secret: 's' });
    expect(await client.send('{}', V1)).toEqual({ kind: 'transport', code: 'proxy' });
  });

  it('rejects only when the caller aborts', async () => {
    const url = await listen(createServer(() => undefined));
    const stop = new AbortController();
    const sending = createSheetClient({ url, secret: 's' }).send('{}', V1, stop.signal);
    stop.abort(new Error('stopping'));
    await expect(sending).rejects.toThrow('stopping');
  });
});
