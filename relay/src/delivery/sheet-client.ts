import { createHmac, randomBytes } from 'node:crypto';
import { signingString, signingStringV2 } from '../../../proto/contract.js';
import { systemClock, type Clock } from '../timing/clock.js';
import { inScope } from '../timing/scope.js';
import { OutboundProxyError } from '../proxy/environment.js';
import { OutboundAgents } from '../proxy/http-agents.js';
import { guardedFetch, type GuardedReply, type GuardedRequest } from './guarded-fetch.js';

// One job: sign a body, POST it to the web app, follow Google's 302 with a GET (only that one:
// guarded-fetch.ts) and return what came back. Judging the reply is reply.ts's job; which
// signature to use, signature.ts's.

export type SendResult =
  GuardedReply | { kind: 'transport'; code: 'timeout' | 'reset' | 'refused' | 'dns' | 'tls' | 'proxy' | 'network' };

/** Contract §1 (v1, the sheet-wide secret) or §11 (v2, the cluster in the query and the signature). */
export type Signature = { version: 1 } | { version: 2; cluster: string };

export interface SheetClient {
  /** Rejects only when `signal` aborts; every other failure is a SendResult. */
  send(body: string, signature: Signature, signal?: AbortSignal): Promise<SendResult>;
  /** Closes the pooled connections; for when nothing more will be sent. */
  close(): void;
}

export interface SheetClientOptions {
  url: string;
  secret: string;
  clock?: Clock;
  /** Per attempt, the redirect included. Apps Script may hold a call ~30 s waiting for its lock. */
  timeoutMs?: number;
}

export const DEFAULT_SEND_TIMEOUT_MS = 90_000;

export function sign(secret: string, signature: Signature, ts: string, nonce: string, body: string): string {
  const message =
    signature.version === 2 ? signingStringV2(signature.cluster, ts, nonce, body) : signingString(ts, nonce, body);
  return createHmac('sha256', Buffer.from(secret, 'utf8')).update(message, 'utf8').digest('hex');
}

function query(signature: Signature, ts: string, nonce: string, sig: string): string {
  const cluster = signature.version === 2 ? `cluster=${encodeURIComponent(signature.cluster)}&` : '';
  return `?${cluster}ts=${ts}&nonce=${nonce}&sig=${sig}`;
}

/** A fresh nonce for every POST: 18 random bytes → 24 base64url characters. */
export function newNonce(): string {
  return randomBytes(18).toString('base64url');
}

export function createSheetClient(options: SheetClientOptions): SheetClient {
  const clock = options.clock ?? systemClock;
  const timeoutMs = options.timeoutMs ?? DEFAULT_SEND_TIMEOUT_MS;
  // HTTPS_PROXY / NO_PROXY apply here as they do to the connection to Teleport.
  const agents = new OutboundAgents();
  return {
    async send(body, signature, signal) {
      const ts = String(Math.floor(clock.now() / 1000));
      const nonce = newNonce();
      const url = options.url + query(signature, ts, nonce, sign(options.secret, signature, ts, nonce, body));
      return inScope(signal ? [signal] : [], async (attempt) => {
        let timedOut = false;
        clock.sleep(timeoutMs, attempt.signal).then(
          () => {
            timedOut = true;
            attempt.end();
          },
          () => undefined,
        );
        try {
          const headers = { 'content-type': 'application/json' };
          const init: GuardedRequest = { method: 'POST', headers, body, signal: attempt.signal };
          return await guardedFetch(agents, url, init, options.url);
        } catch (err) {
          if (signal?.aborted) throw signal.reason;
          return { kind: 'transport', code: timedOut ? 'timeout' : transportCode(err) };
        }
      });
    },
    close: () => agents.close(),
  };
}

function transportCode(err: unknown): Extract<SendResult, { kind: 'transport' }>['code'] {
  if (err instanceof OutboundProxyError) return 'proxy';
  const code = String((err as { code?: unknown })?.code ?? '');
  if (code === 'ECONNRESET' || code === 'EPIPE') return 'reset';
  if (code === 'ECONNREFUSED') return 'refused';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'dns';
  if (code === 'ETIMEDOUT') return 'timeout';
  if (/CERT|TLS|SSL|SELF_SIGNED/.test(code)) return 'tls';
  return 'network';
}
