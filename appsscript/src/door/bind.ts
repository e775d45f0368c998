// Contract §11: which cluster a verified batch may write. A v2 batch belongs to the cluster whose
// secret signed it, and its body must say the same; a v1 batch, signed with the sheet-wide secret,
// may name only a cluster the owner has not enrolled (nor removed): an enrolled cluster's rows,
// links and relay record are for its own relay alone.
import type { ErrorReply } from '../../../proto/contract.js';
import type { ParseResult } from './parse.js';
import { errorReply } from './reply.js';
import type { Signed } from './verify.js';

/** The refusal of a batch whose body names a cluster its signature does not cover, else null. */
export function bindCluster(
  signed: Pick<Signed, 'cluster'>,
  parsed: ParseResult,
  isBound: (cluster: string) => boolean,
): ErrorReply | null {
  // A body that does not parse is refused as such, after the nonce (§2 step 5).
  if (!parsed.ok) return null;
  const named = parsed.batch.cluster;
  if (signed.cluster !== null) {
    return named === signed.cluster ? null : errorReply('bad_request', 'body.cluster differs from the query cluster');
  }
  return isBound(named) ? errorReply('bad_signature', 'this cluster signs with its own secret (v2)') : null;
}
