// Contract §2, steps 1–3, in that order and before anything touches the sheet. Step 4, the nonce,
// needs the script lock and so is replay.ts's, under it. The platform's pieces (HMAC, clock,
// secrets) are injected so this stays pure.
import {
  MAX_BODY_BYTES,
  NONCE_PATTERN,
  ROTATION_GRACE_SECONDS,
  SIG_PATTERN,
  TS_PATTERN,
  TS_WINDOW_SECONDS,
  signingString,
  type ErrorCode,
} from '../../../proto/contract.js';

export interface Secrets {
  current: string | null;
  previous: string | null;
  /** Unix seconds of the last rotation; the previous secret is accepted for ROTATION_GRACE_SECONDS after it. */
  rotatedAt: number | null;
}

export interface SignedRequest {
  body: unknown;
  ts: unknown;
  nonce: unknown;
  sig: unknown;
}

export interface VerifyDeps {
  nowSeconds(): number;
  secrets(): Secrets;
  hmacHex(key: string, message: string): string;
}

/** A request whose signature holds, with its ts and nonce for the replay check. */
export interface Signed {
  body: string;
  ts: number;
  nonce: string;
}

export type Verification = ({ ok: true } & Signed) | { ok: false; error: ErrorCode; message: string };

export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** Compares two equal-length hex strings without an early exit. */
export function constantTimeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

export function acceptedKeys(secrets: Secrets, nowSeconds: number): string[] {
  const keys: string[] = [];
  if (secrets.current) keys.push(secrets.current);
  const inGrace = secrets.rotatedAt !== null && nowSeconds - secrets.rotatedAt <= ROTATION_GRACE_SECONDS;
  if (secrets.previous && inGrace) keys.push(secrets.previous);
  return keys;
}

function refuse(error: ErrorCode, message: string): Verification {
  return { ok: false, error, message };
}

export function verify(req: SignedRequest, deps: VerifyDeps): Verification {
  const { body, ts, nonce, sig } = req;
  if (typeof body !== 'string' || body === '') return refuse('bad_request', 'missing body');
  if (body.length > MAX_BODY_BYTES || utf8Length(body) > MAX_BODY_BYTES) return refuse('bad_request', 'body too large');
  if (typeof ts !== 'string' || !TS_PATTERN.test(ts)) return refuse('bad_request', 'missing or malformed ts');
  if (typeof nonce !== 'string' || !NONCE_PATTERN.test(nonce))
    return refuse('bad_request', 'missing or malformed nonce');
  if (typeof sig !== 'string' || !SIG_PATTERN.test(sig)) return refuse('bad_request', 'missing or malformed sig');

  const now = deps.nowSeconds();
  if (Math.abs(now - Number(ts)) > TS_WINDOW_SECONDS) return refuse('clock_skew', 'ts outside the accepted window');

  const message = signingString(ts, nonce, body);
  let matched = false;
  for (const key of acceptedKeys(deps.secrets(), now)) {
    if (constantTimeEqual(deps.hmacHex(key, message), sig)) matched = true;
  }
  if (!matched) return refuse('bad_signature', 'signature does not match');
  return { ok: true, body, ts: Number(ts), nonce };
}
