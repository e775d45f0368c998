// Finding 4, attacked through a real relay process: a web front at sheet.url that redirects the
// signed POST elsewhere (307 re-POST, 302 to a foreign origin) or answers a reply too big to read.
// Each stranger answers a well-formed contract reply, so only the relay's rules keep the batch from
// counting as delivered; nothing may reach the stranger and the huge reply must not be read whole.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { until } from '../until.js';
import { Chain } from './chain.js';
import type { RelayProcess } from './relay-process.js';
import { newRequest, seededRandom } from './workload.js';

type Mode = '307' | '302' | 'huge';
const HUGE_BYTES = 64 * 1024 * 1024;

interface Site {
  url: string;
  /** Requests received, as "METHOD path (bytes)". */
  seen: string[];
  /** Huge replies: how many were written to the end, and how many the client cut off. */
  finished: number;
  cutOff: number;
  server: Server;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c)).on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

function opCount(body: string): number {
  try {
    return (JSON.parse(body) as { ops?: unknown[] }).ops?.length ?? 0;
  } catch {
    return 0;
  }
}

/** A contract reply that accepts `n` ops. */
function okReply(n: number): string {
  return JSON.stringify({ ok: true, applied: n, stale: 0, resync: false });
}

/** Spaces, then a valid reply: JSON.parse accepts it, so only a size limit stops it. */
function streamHuge(site: Site, res: ServerResponse, n: number): void {
  res.writeHead(200, { 'content-type': 'application/json' });
  const chunk = Buffer.alloc(64 * 1024, ' ');
  let sent = 0;
  res.once('close', () => (res.writableFinished ? site.finished++ : site.cutOff++));
  const pump = (): void => {
    while (sent < HUGE_BYTES) {
      sent += chunk.length;
      if (!res.write(chunk)) return void res.once('drain', pump);
    }
    res.end(okReply(n));
  };
  pump();
}

async function startSite(handle: (site: Site, req: IncomingMessage, res: ServerResponse, body: string) => void) {
  const site = { seen: [], finished: 0, cutOff: 0 } as unknown as Site;
  site.server = createServer((req, res) => {
    void readBody(req).then((body) => {
      site.seen.push(`${req.method} ${req.url} (${body.length})`);
      handle(site, req, res, body);
    });
  });
  await new Promise<void>((resolve) => site.server.listen(0, '127.0.0.1', resolve));
  site.url = `http://127.0.0.1:${(site.server.address() as AddressInfo).port}`;
  return site;
}

let chain: Chain | null = null;
const sites: Site[] = [];
afterEach(async () => {
  await chain?.close();
  for (const s of sites.splice(0)) {
    s.server.closeAllConnections();
    await new Promise((resolve) => s.server.close(resolve));
  }
  chain = null;
});

async function metric(relay: RelayProcess, name: string, reason?: string): Promise<number> {
  const text = (await relay.get('/metrics').catch(() => ({ body: '' }))).body;
  const label = reason ? `\\{reason="${reason}"\\}` : '';
  return Number(new RegExp(`^${name}${label} (\\d+)`, 'm').exec(text)?.[1] ?? 0);
}

/** Waits until the relay either delivered a batch or failed one for `reason`. */
async function outcome(relay: RelayProcess, reason: string): Promise<{ delivered: number; failed: number }> {
  return until(
    `a batch delivered or failed for ${reason}`,
    async () => ({
      delivered: await metric(relay, 'teleport_sheets_batches_delivered_total'),
      failed: await metric(relay, 'teleport_sheets_delivery_failures_total', reason),
    }),
    ({ delivered, failed }) => delivered > 0 || failed > 0,
    { intervalMs: 100 },
  );
}

async function attack(mode: Mode): Promise<{ relay: RelayProcess; stranger: Site; front: Site }> {
  chain = await Chain.start();
  for (let i = 0; i < 3; i++) newRequest(chain.teleport, seededRandom(40 + i));
  const stranger = await startSite((_site, req, res, body) => {
    const n = req.method === 'POST' ? opCount(body) : Number(new URL(req.url!, 'http://x').searchParams.get('n'));
    res.writeHead(200, { 'content-type': 'application/json' }).end(okReply(n));
  });
  const front = await startSite((site, _req, res, body) => {
    const n = opCount(body);
    if (mode === 'huge') return streamHuge(site, res, n);
    const location = mode === '307' ? `${stranger.url}/steal` : `${stranger.url}/macros/echo?n=${n}`;
    res.writeHead(Number(mode), { location }).end();
  });
  sites.push(stranger, front);
  const relay = await chain.startRelay({ sheetUrl: `${front.url}/macros/s/hostile/exec` });
  return { relay, stranger, front };
}

describe('end to end: a hostile web front at sheet.url (finding 4)', () => {
  it('a 307 to another origin is not followed: the signed body is never re-POSTed there', async () => {
    const { relay, stranger, front } = await attack('307');
    expect(await outcome(relay, 'redirect')).toMatchObject({ delivered: 0 });
    expect(await metric(relay, 'teleport_sheets_delivery_failures_total', 'redirect')).toBeGreaterThan(0);
    expect(front.seen.length).toBeGreaterThan(0);
    expect(stranger.seen).toEqual([]);
  });

  it('a 302 to a foreign origin is not followed: a stranger’s JSON never counts as delivered', async () => {
    const { relay, stranger } = await attack('302');
    expect(await outcome(relay, 'redirect')).toMatchObject({ delivered: 0 });
    expect(await metric(relay, 'teleport_sheets_delivery_failures_total', 'redirect')).toBeGreaterThan(0);
    expect(stranger.seen).toEqual([]);
  });

  it('a 64 MiB reply is cut off after 64 KiB, not read whole, and is a failed attempt', async () => {
    const { relay, front } = await attack('huge');
    expect(await outcome(relay, 'too_large')).toMatchObject({ delivered: 0 });
    expect(await metric(relay, 'teleport_sheets_delivery_failures_total', 'too_large')).toBeGreaterThan(0);
    await new Promise<void>((resolve) => {
      const poll = (): void => void (front.cutOff > 0 ? resolve() : setTimeout(poll, 50));
      poll();
    });
    expect(front.finished).toBe(0);
  });
});
