import { ProxyDispatcher } from './proxy-dispatcher.js';

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
let environmentDispatcher: ProxyDispatcher | null = null;

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

export async function guardedFetch(url: string, init: RequestInit, sheetUrl: string): Promise<GuardedReply> {
  // HTTPS_PROXY / NO_PROXY apply here as they do to the connection to Teleport.
  const dispatcher = (environmentDispatcher ??= new ProxyDispatcher());
  const options = { ...init, redirect: 'manual', dispatcher } as RequestInit;
  let response = await fetch(url, options);
  if (REDIRECTS.has(response.status)) {
    const to = redirectTarget(response.status, response.headers.get('location'), url, sheetUrl);
    await response.body?.cancel();
    if (!to) return { kind: 'rejected', code: 'redirect', status: response.status };
    const { signal } = init;
    response = await fetch(to, {
      method: 'GET',
      redirect: 'manual',
      dispatcher,
      ...(signal ? { signal } : {}),
    } as RequestInit);
    if (REDIRECTS.has(response.status)) {
      await response.body?.cancel();
      return { kind: 'rejected', code: 'redirect', status: response.status };
    }
  }
  const body = await readCapped(response);
  if (body === null) return { kind: 'rejected', code: 'too_large', status: response.status };
  return { kind: 'response', status: response.status, contentType: response.headers.get('content-type') ?? '', body };
}

/** The body as text, or null (and the rest left unread) when it is over MAX_REPLY_BYTES. */
async function readCapped(response: Response): Promise<string | null> {
  if (Number(response.headers.get('content-length') ?? 0) > MAX_REPLY_BYTES) {
    await response.body?.cancel();
    return null;
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_REPLY_BYTES) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}
