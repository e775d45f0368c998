// Google's web app HTTP front over real sockets: POST /exec runs doPost and answers 302 to a
// one-off echo URL whose GET returns the output; errors come back as 200 HTML pages; a fault
// plan reproduces quota pages, hangs, resets, lost replies and gateway errors.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { FakeHtmlOutput } from './html.js';
import { FakeTextOutput } from './content.js';
import { GasRuntime } from './runtime.js';
import { doEvent, type DoPostEvent } from './web-event.js';
import { errorPage, movedPage, noOutputPage, signInPage, statusPage } from './web-pages.js';

export type { DoPostEvent } from './web-event.js';

export interface WebAppOutput {
  content: string;
  mimeType: string;
}
/** A plain stand-in for the script; `request.method` tells doGet from doPost. */
export type WebAppHandler = (
  e: DoPostEvent,
  request: { method: 'GET' | 'POST' },
) => WebAppOutput | Promise<WebAppOutput>;

export type Fault =
  | { kind: 'html_error' }
  | { kind: 'timeout' }
  | { kind: 'reset' }
  | { kind: 'lost_reply' }
  | { kind: 'status'; status: number };

/** Consulted for every request to /exec; `n` counts requests of that method from 1. */
export interface FaultPlan {
  (request: { method: string; n: number }): Fault | null;
}

export interface WebApp {
  readonly url: string;
  readonly posts: number;
  setFaults(plan: FaultPlan | null): void;
  close(): Promise<void>;
}

type Outcome = { kind: 'text'; output: WebAppOutput } | { kind: 'html'; html: string };

async function runTarget(target: GasRuntime | WebAppHandler, method: 'GET' | 'POST', e: DoPostEvent): Promise<Outcome> {
  try {
    if (!(target instanceof GasRuntime)) {
      const output = await target(e, { method });
      const valid = output !== null && typeof output === 'object' && typeof output.content === 'string';
      return valid ? { kind: 'text', output } : { kind: 'html', html: noOutputPage() };
    }
    const result = target.unwrap(target.invoke(method === 'POST' ? 'doPost' : 'doGet', 'webapp', e));
    if (result instanceof FakeTextOutput)
      return { kind: 'text', output: { content: result.getContent(), mimeType: result.getMimeType() } };
    if (result instanceof FakeHtmlOutput) return { kind: 'html', html: result.getContent() };
    return { kind: 'html', html: noOutputPage() };
  } catch (err) {
    const code = (err as { code?: unknown } | null)?.code;
    if (code === 'timeout' || code === 'killed') return { kind: 'html', html: noOutputPage() };
    return { kind: 'html', html: errorPage(err) };
  }
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' }).end(html);
}

/** What the front keeps between requests. */
interface Front {
  readonly target: GasRuntime | WebAppHandler;
  readonly execPath: string;
  readonly outputs: Map<string, WebAppOutput>;
  readonly counts: Record<string, number>;
  faults: FaultPlan | null;
  origin: string;
}

const QUOTA_MESSAGE =
  'Service invoked too many times in a short time: exec qps. Try Utilities.sleep(1000) between calls.';

async function exec(
  front: Front,
  req: IncomingMessage,
  res: ServerResponse,
  method: 'GET' | 'POST',
  query: string,
): Promise<void> {
  front.counts[method] = (front.counts[method] ?? 0) + 1;
  const fault = front.faults?.({ method, n: front.counts[method]! }) ?? null;
  const body = method === 'POST' ? await readBody(req) : null;
  if (fault?.kind === 'timeout') return;
  if (fault?.kind === 'reset') return void req.socket.resetAndDestroy();
  if (fault?.kind === 'html_error') return sendHtml(res, 200, errorPage(new Error(QUOTA_MESSAGE)));
  if (fault?.kind === 'status') return sendHtml(res, fault.status, statusPage(fault.status));
  const outcome = await runTarget(front.target, method, doEvent(query, body, req.headers['content-type']));
  if (fault?.kind === 'lost_reply') return void req.socket.resetAndDestroy();
  if (outcome.kind === 'html') return sendHtml(res, 200, outcome.html);
  const key = randomBytes(32).toString('base64url');
  front.outputs.set(key, outcome.output);
  const location = `${replyOrigin(front, req)}/macros/echo?user_content_key=${key}`;
  res.writeHead(302, { location, 'content-type': 'text/html; charset=UTF-8' }).end(movedPage(location));
}

/**
 * Where the 302 points: this front's own origin, or, when it was reached under another name (behind
 * a TLS front such as test/net/tls-front.ts), https on that name, so the GET comes back the same way.
 */
function replyOrigin(front: Front, req: IncomingMessage): string {
  const host = req.headers.host;
  return host && host !== new URL(front.origin).host ? `https://${host}` : front.origin;
}

function echo(front: Front, res: ServerResponse, method: string, params: URLSearchParams): void {
  if (method !== 'GET' && method !== 'HEAD') return sendHtml(res, 405, statusPage(405));
  const output = front.outputs.get(params.get('user_content_key') ?? '');
  if (!output) return sendHtml(res, 404, statusPage(404));
  res
    .writeHead(200, { 'content-type': `${output.mimeType}; charset=utf-8` })
    .end(method === 'HEAD' ? undefined : output.content);
}

async function route(front: Front, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', front.origin);
  const method = req.method ?? 'GET';
  if (url.pathname === front.execPath) {
    if (method === 'POST' || method === 'GET') return exec(front, req, res, method, url.search.slice(1));
    return sendHtml(res, method === 'HEAD' ? 403 : 405, statusPage(method === 'HEAD' ? 403 : 405));
  }
  if (url.pathname.startsWith(`${front.execPath}/`)) return sendHtml(res, 200, signInPage());
  if (url.pathname === '/macros/echo') return echo(front, res, method, url.searchParams);
  sendHtml(res, 404, statusPage(404));
}

export async function startWebApp(
  target: GasRuntime | WebAppHandler,
  options: { deploymentId?: string; faults?: FaultPlan | null } = {},
): Promise<WebApp> {
  const deploymentId = options.deploymentId ?? `AKfycb${randomBytes(24).toString('base64url')}`;
  const front: Front = {
    target,
    execPath: `/macros/s/${deploymentId}/exec`,
    outputs: new Map(),
    counts: {},
    faults: options.faults ?? null,
    origin: '',
  };
  const sockets = new Set<Socket>();

  const server = createServer((req, res) => {
    route(front, req, res).catch((err: unknown) => {
      if (!res.headersSent) sendHtml(res, 500, errorPage(err));
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  front.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: `${front.origin}${front.execPath}`,
    get posts() {
      return front.counts['POST'] ?? 0;
    },
    setFaults(plan) {
      front.faults = plan;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
