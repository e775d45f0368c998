// A stop that arrives while the relay is still making its connection to Teleport: the probe for the
// connection upgrade, the CONNECT through an outbound proxy, the upgrade's handshake. Each of those
// steps has its own timeout (10-15 s); the session's signal must end them at once, so that stop()
// returns and nothing of the relay is left (no timer, no socket) well before any of them would fire.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { App } from '../../relay/src/app.js';
import { parseConfig } from '../../relay/src/config/parse.js';
import { silentLogger } from '../../relay/src/log.js';
import { startWebApp } from '../gas/web-front.js';
import { createCluster, issueIdentity, writeIdentityFile } from '../teleport/pki.js';
import { until } from '../until.js';
import { SheetStandIn } from './sheet-stand-in.js';

const SECRET = 'mid-connection-secret-'.padEnd(64, 'm');
/** Far below the steps' own timeouts (10 s for the probe, 15 s for the others). */
const PROMPTLY_MS = 3_000;
const cleanups: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Takes connections and the bytes sent on them, and never answers: a hung proxy or load balancer. */
async function startSilentServer(): Promise<{ port: number; received: () => number }> {
  const sockets = new Set<Socket>();
  let received = 0;
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('data', (chunk: Buffer) => (received += chunk.length)).on('error', () => socket.destroy());
    socket.once('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  );
  return { port: (server.address() as AddressInfo).port, received: () => received };
}

function aliveByKind(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const kind of process.getActiveResourcesInfo())
    if (kind !== 'PipeWrap') counts.set(kind, (counts.get(kind) ?? 0) + 1);
  return counts;
}

/** The kinds of which more are alive now than in `baseline`, with how many more. */
function beyond(baseline: Map<string, number>): string[] {
  return [...aliveByKind()]
    .filter(([kind, n]) => n > (baseline.get(kind) ?? 0))
    .map(([kind, n]) => `${kind} +${n - (baseline.get(kind) ?? 0)}`);
}

interface Case {
  name: string;
  teleport: (silentPort: number) => Record<string, string>;
  env?: (silentPort: number) => Record<string, string>;
}

const cases: Case[] = [
  {
    name: "the connection upgrade's probe",
    teleport: (port) => ({ addr: `127.0.0.1:${port}`, mode: 'proxy', connection_upgrade: 'auto' }),
  },
  {
    name: 'the CONNECT through an outbound proxy',
    teleport: () => ({ addr: 'teleport.example.test:443', mode: 'proxy', connection_upgrade: 'never' }),
    env: (port) => ({ HTTPS_PROXY: `http://127.0.0.1:${port}` }),
  },
  {
    name: "the connection upgrade's TLS handshake",
    teleport: (port) => ({ addr: `127.0.0.1:${port}`, mode: 'proxy', connection_upgrade: 'always' }),
  },
];

describe('a stop while the relay is still connecting to Teleport', () => {
  it.each(cases)('ends $name at once: stop() returns and leaves nothing', async (c) => {
    const dir = await mkdtemp(join(tmpdir(), 'relay-mid-connection-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const cluster = await createCluster('example.com');
    const identity = await issueIdentity(cluster, { user: 'access-plugin', roles: ['access-plugin'] });
    await writeIdentityFile(join(dir, 'identity'), identity);
    await writeFile(join(dir, 'secret'), SECRET, { mode: 0o600 });
    const web = await startWebApp(new SheetStandIn(SECRET).handler);
    cleanups.push(() => web.close());
    const silent = await startSilentServer();
    // The relay reads HTTPS_PROXY from its environment, as `start` does.
    const env = c.env?.(silent.port) ?? {};
    Object.assign(process.env, env);
    cleanups.push(() => {
      for (const key of Object.keys(env)) delete process.env[key];
    });
    const parsed = parseConfig(
      {
        teleport: { ...c.teleport(silent.port), identity: join(dir, 'identity') },
        sheet: { url: web.url, secret_file: join(dir, 'secret') },
        relay: { shutdown_timeout: '1s' },
        http: { listen: '127.0.0.1:0' },
      },
      {},
    );
    if (!parsed.ok) throw new Error(parsed.problems.map((p) => p.message).join('\n'));
    const baseline = aliveByKind();
    const app = new App({ config: parsed.config, secret: SECRET, version: '1', logger: silentLogger() });
    await app.start();
    await until('the relay to be stuck in its first step', () => silent.received() > 0);

    let stopped = false;
    void app.stop().then(() => (stopped = true));
    await until('stop() to return', () => stopped, Boolean, { timeoutMs: PROMPTLY_MS });
    const left = await until(
      'nothing of the relay left',
      () => beyond(baseline),
      (l) => l.length === 0,
      { timeoutMs: PROMPTLY_MS },
    ).catch((err: Error) => err.message);
    expect(left).toEqual([]);
  });
});
