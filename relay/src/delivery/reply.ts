import { ERROR_CODES, type ErrorCode } from '../../../proto/contract.js';
import type { SendResult } from './sheet-client.js';

// The retry policy as one pure table. Apps Script cannot set status codes and reports its own
// failures as HTML pages with status 200, so only a well-formed JSON reply counts as delivered.
// Nothing is ever dropped: every other outcome is retried; "refused" ones are retried too, but
// they will not heal by themselves, so a human must act (explain.ts says how).

export const RETRY_REASONS = [
  'html_page',
  'not_json',
  'bad_shape',
  'count_mismatch',
  'busy',
  'internal',
  'replayed',
  'http_5xx',
  'http_4xx',
  'http_other',
  'timeout',
  'reset',
  'refused',
  'dns',
  'tls',
  'proxy',
  'network',
  'redirect',
  'too_large',
  'full',
] as const;
export const REFUSED_REASONS = ['bad_signature', 'bad_request', 'clock_skew'] as const;
export type RetryReason = (typeof RETRY_REASONS)[number];
export type RefusedReason = (typeof REFUSED_REASONS)[number];
export type FailureReason = RetryReason | RefusedReason;

export type Verdict =
  | { kind: 'delivered'; applied: number; stale: number; resync: boolean; cells?: number; accepts?: number }
  | { kind: 'retry'; reason: RetryReason }
  | { kind: 'refused'; reason: RefusedReason };

export function classifyReply(result: SendResult, opCount: number): Verdict {
  if (result.kind !== 'response') return { kind: 'retry', reason: result.code };
  if (result.status >= 500) return { kind: 'retry', reason: 'http_5xx' };
  if (result.status >= 400) return { kind: 'retry', reason: 'http_4xx' };
  if (result.status !== 200) return { kind: 'retry', reason: 'http_other' };
  if (/html/i.test(result.contentType) || /^\s*</.test(result.body)) return { kind: 'retry', reason: 'html_page' };
  let reply: unknown;
  try {
    reply = JSON.parse(result.body);
  } catch {
    return { kind: 'retry', reason: 'not_json' };
  }
  return classifyJson(reply, opCount);
}

function classifyJson(reply: unknown, opCount: number): Verdict {
  if (!isRecord(reply)) return { kind: 'retry', reason: 'bad_shape' };
  if (reply.ok === true) {
    const { applied, stale, resync } = reply;
    if (!isCount(applied) || !isCount(stale) || typeof resync !== 'boolean')
      return { kind: 'retry', reason: 'bad_shape' };
    if (applied + stale !== opCount) return { kind: 'retry', reason: 'count_mismatch' };
    // §12: optional, but when present a count like the others.
    const { cells } = reply;
    if (cells !== undefined && !isCount(cells)) return { kind: 'retry', reason: 'bad_shape' };
    // §13: a sheet that takes body version 2 says so; anything else is read as version 1.
    const accepts = isCount(reply.accepts) ? { accepts: reply.accepts } : {};
    return { kind: 'delivered', applied, stale, resync, ...(cells === undefined ? {} : { cells }), ...accepts };
  }
  if (
    reply.ok === false &&
    typeof reply.error === 'string' &&
    (ERROR_CODES as readonly string[]).includes(reply.error)
  ) {
    const code = reply.error as ErrorCode;
    if ((REFUSED_REASONS as readonly string[]).includes(code))
      return { kind: 'refused', reason: code as RefusedReason };
    return { kind: 'retry', reason: code as 'busy' | 'internal' | 'replayed' | 'full' };
  }
  return { kind: 'retry', reason: 'bad_shape' };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}
