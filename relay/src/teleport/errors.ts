// Every failure on the Teleport side becomes a TeleportError with a code; the reconnect loop
// decides on the code alone, and only the edge turns it into a sentence with the fix.
import { status as GrpcStatus } from '@grpc/grpc-js';
import { RelayError } from '../errors.js';
import type { FileProblem } from '../file-access.js';

export type TeleportErrorCode =
  | 'permission_denied'
  | 'unavailable'
  | 'init_timeout'
  | 'unimplemented'
  | 'credentials'
  | 'invalid_argument'
  | 'too_large'
  | 'unknown';

export class TeleportError extends RelayError<TeleportErrorCode> {
  /** The gRPC status code when the error came from a call. */
  readonly grpcCode: number | undefined;

  constructor(
    code: TeleportErrorCode,
    message: string,
    options: { fix?: string; grpcCode?: number; cause?: unknown } = {},
  ) {
    super(code, message, options);
    this.grpcCode = options.grpcCode;
  }
}

export type CredentialsErrorCode = FileProblem | 'malformed' | 'mismatch' | 'expired' | 'not_yet_valid' | 'too_open';

/** The identity cannot be used; its fix is renewing it unless a better one is given. */
export class CredentialsError extends RelayError<CredentialsErrorCode> {
  constructor(code: CredentialsErrorCode, message: string, options: { fix?: string; cause?: unknown } = {}) {
    super(code, message, { ...options, fix: options.fix ?? CREDENTIALS_FIX });
  }
}

export const PERMISSION_FIX =
  "the relay's role needs `list` and `read` on `access_request` " +
  '(the access-plugin role: rules: resources [access_request] verbs [list, read])';

export const USAGE_PERMISSION_FIX =
  "grant `event: [list, read]` in the relay's role (rules: resources [event] verbs [list, read]) " +
  'to show usage, or set `usage.enabled = false`';

export const CREDENTIALS_FIX =
  'renew the identity (`tctl auth sign --user=access-plugin --format=file --out=<path>`) ' +
  'or check that tbot is running and writing to the configured folder';

/** Who the relay is, for error messages that name the role to fix. */
export interface Principal {
  user: string;
  roles: string[];
}

interface GrpcLikeError {
  code?: unknown;
  details?: unknown;
  message?: unknown;
}

const RETRYABLE = new Set<number>([
  GrpcStatus.UNAVAILABLE,
  GrpcStatus.DEADLINE_EXCEEDED,
  GrpcStatus.INTERNAL,
  GrpcStatus.CANCELLED,
  GrpcStatus.RESOURCE_EXHAUSTED,
  GrpcStatus.ABORTED,
]);

/** Classifies a failed gRPC call by its status code (never its text). */
export function fromGrpcError(err: unknown, call: string, who?: Principal): TeleportError {
  if (err instanceof TeleportError) return err;
  const e = (err ?? {}) as GrpcLikeError;
  const grpcCode = typeof e.code === 'number' ? e.code : undefined;
  const detail = typeof e.details === 'string' && e.details ? e.details : String(e.message ?? err);
  const options = { grpcCode, cause: err };
  if (grpcCode === GrpcStatus.PERMISSION_DENIED) {
    const identity = who ? ` (user ${who.user}, roles ${who.roles.join(', ') || 'none'})` : '';
    return new TeleportError('permission_denied', `${call} was denied${identity}: ${detail}`, {
      ...options,
      fix: PERMISSION_FIX,
    });
  }
  if (grpcCode === GrpcStatus.UNAUTHENTICATED) {
    return new TeleportError('credentials', `${call} was not authenticated: ${detail}`, {
      ...options,
      fix: CREDENTIALS_FIX,
    });
  }
  if (grpcCode === GrpcStatus.UNIMPLEMENTED)
    return new TeleportError('unimplemented', `${call} is not implemented by this server: ${detail}`, options);
  if (grpcCode === GrpcStatus.INVALID_ARGUMENT)
    return new TeleportError('invalid_argument', `${call} was refused: ${detail}`, options);
  if (grpcCode !== undefined && RETRYABLE.has(grpcCode))
    return new TeleportError('unavailable', `${call} failed: ${detail}`, options);
  return new TeleportError('unknown', `${call} failed: ${detail}`, options);
}
