import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { connectRefused, OutboundProxyError } from '../proxy/environment.js';
import type { OutboundAgents } from '../proxy/http-agents.js';

// What the relay accepts back from the web app. Google answers the POST with a 302 to
// script.googleusercontent.com, where a GET fetches the reply. Nothing else is followed: a 307/308
// would re-POST the signed body to whatever origin it names, and a redirect elsewhere could make a
// stranger's JSON count as delivered. A reply is read up to 64 KiB, never whole.

export const MAX_REPLY_BYTES = 64 * 1024;
/** Where Google's 302 leads; the sheet.url's own origin is also accepted (local runs, stand-ins). */
export const GOOGLE_CONTENT_ORIGIN = 'https://script.googleusercontent.com';

export type GuardedReply =
  | { kind: 'response'; status: number; contentType: string; body: string }
  | { kind: 'rejected'; code: 'redirect' | 'too_large'; status: number };

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** The GET a redirect may lead to, or null when it must not be followed. */
export function redirectTarget(status: number, location: string | null, from: string, sheetUrl: string): URL | null {
  if ((status !== 302 && status !== 303) || !location) return null;
  let to: URL;
  try {
    to = new URL(location, from);
  } catch {
    return null;
  }
  return to.origin === GOOGLE_CONTENT_ORIGIN || to.origin === new URL(sheetUrl).origin ? to : null;
}

export interface GuardedRequest {
  method: 'POST' | 'GET';
  headers?: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
}

export async function guardedFetch(
  agents: OutboundAgents,
  url: string,
  init: GuardedRequest,
  sheetUrl: string,
): Promise<GuardedReply> {
  let response = await send(agents, new URL(url), init);
  if (REDIRECTS.has(response.statusCode ?? 0)) {
    const status = response.statusCode!;
    const to = redirectTarget(status, header(response, 'location'), url, sheetUrl);
    response.destroy();
    if (!to) return { kind: 'rejected', code: 'redirect', status };
    const { signal } = init;
    response = await send(agents, to, { method: 'GET', ...(signal ? { signal } : {}) });
  }
  const status = response.statusCode ?? 0;
  if (REDIRECTS.has(status)) {
    response.destroy();
    return { kind: 'rejected', code: 'redirect', status };
  }
  const body = await readCapped(response);
  if (body === null) return { kind: 'rejected', code: 'too_large', status };
  return { kind: 'response', status, contentType: header(response, 'content-type') ?? '', body };
}

/**
 * One request, resolved with the response's head. Through a proxy, anything that goes wrong before
 * the tunnel is up is the proxy's doing, and says so; a refused CONNECT never reaches the caller as
 * if the web app had answered it.
 */
async function send(agents: OutboundAgents, url: URL, init: GuardedRequest): Promise<IncomingMessage> {
  const { agent, proxy } = await agents.routeTo(url);
  return new Promise((resolve, reject) => {
    let tunneled = proxy === null;
    const { method, headers = {}, signal } = init;
    const request = url.protocol === 'http:' ? httpRequest : httpsRequest;
    const req = request(url, { method, headers, agent, ...(signal ? { signal } : {}) }, resolve);
    req.once('proxyConnect', ({ statusCode, statusText }: { statusCode: number; statusText: string }) => {
      tunneled = statusCode === 200;
      if (!tunneled) req.destroy(connectRefused(proxy!, url.host, `${statusCode} ${statusText}`));
    });
    req.on('error', (err) => {
      if (tunneled || err instanceof OutboundProxyError || signal?.aborted) return reject(err);
      const message = `the proxy ${proxy!.name} did not tunnel to ${url.host}: ${err.message}`;
      reject(new OutboundProxyError('unreachable', message, { cause: err }));
    });
    req.end(init.body);
  });
}

function header(response: IncomingMessage, name: string): string | null {
  const value = response.headers[name];
  return (Array.isArray(value) ? value[0] : value) ?? null;
}

/** The body as text, or null (and the rest left unread) when it is over MAX_REPLY_BYTES. */
async function readCapped(response: IncomingMessage): Promise<string | null> {
  if (Number(header(response, 'content-length') ?? 0) > MAX_REPLY_BYTES) {
    response.destroy();
    return null;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of response as AsyncIterable<Buffer>) {
    size += chunk.byteLength;
    if (size > MAX_REPLY_BYTES) {
      response.destroy();
      return null;
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
