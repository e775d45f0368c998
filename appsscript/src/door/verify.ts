// Contract §2, steps 1–3, in that order and before anything touches the sheet. Step 4, the nonce,
// needs the script lock and so is replay.ts's, under it. The platform's pieces (HMAC, clock,
// secrets) are injected so this stays pure. A POST naming a `cluster` is signed v2 with that
// cluster's own secret (§11); one without is signed v1 with the sheet-wide secret, and which
// clusters that may write is bind.ts's, once the body is parsed.
import {
  CLUSTER_PARAM_PATTERN,
  MAX_BODY_BYTES,
  NONCE_PATTERN,
  ROTATION_GRACE_SECONDS,
  SIG_PATTERN,
  TS_PATTERN,
  TS_WINDOW_SECONDS,
  signingString,
  signingStringV2,
  type ErrorCode,
  type SignatureVersion,
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
  /** The query's `cluster`, absent (undefined) for a v1 POST. */
  cluster?: unknown;
}

export interface VerifyDeps {
  nowSeconds(): number;
  /** The sheet-wide secret of §1; none once the owner has retired it. */
  sheetSecrets(): Secrets;
  /** The cluster's own secrets (§11), null when it is not enrolled. */
  clusterSecrets(cluster: string): Secrets | null;
  hmacHex(key: string, message: string): string;
}

/** A request whose signature holds, with its ts and nonce for the replay check. */
export interface Signed {
  body: string;
  ts: number;
  nonce: string;
  signature: SignatureVersion;
  /** The cluster whose secret signed it (v2), null for the sheet-wide secret (v1). */
  cluster: string | null;
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
  const cluster = req.cluster;
  if (cluster !== undefined && (typeof cluster !== 'string' || !CLUSTER_PARAM_PATTERN.test(cluster)))
    return refuse('bad_request', 'malformed cluster');

  const now = deps.nowSeconds();
  if (Math.abs(now - Number(ts)) > TS_WINDOW_SECONDS) return refuse('clock_skew', 'ts outside the accepted window');

  const secrets = cluster === undefined ? deps.sheetSecrets() : deps.clusterSecrets(cluster);
  const message = cluster === undefined ? signingString(ts, nonce, body) : signingStringV2(cluster, ts, nonce, body);
  let matched = false;
  for (const key of secrets ? acceptedKeys(secrets, now) : []) {
    if (constantTimeEqual(deps.hmacHex(key, message), sig)) matched = true;
  }
  if (!matched) return refuse('bad_signature', 'signature does not match');
  const signed = { body, ts: Number(ts), nonce };
  return cluster === undefined
    ? { ok: true, ...signed, signature: 1, cluster: null }
    : { ok: true, ...signed, signature: 2, cluster };
}
