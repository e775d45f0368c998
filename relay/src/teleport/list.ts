// Lists every access request: ListAccessRequests page by page, or the legacy streaming
// GetAccessRequestsV2 when the server does not implement the paged call.
import type { Request } from '../../../proto/contract.js';
import { fromGrpcError, TeleportError, type Principal } from './errors.js';
import { toRequest } from './request.js';
import type { AuthApi, WireAccessRequest } from './api.js';

/** Teleport's own default page (Limit 0 means 1000; above 16000 is refused). */
const PAGE_LIMIT = 1000;
const CALL_TIMEOUT_MS = 60_000;

// Each page is turned into Requests as it arrives: a decoded message weighs several times its
// Request, so holding a whole cluster's messages until the last page was the listing's peak.
async function listPaged(api: AuthApi, signal: AbortSignal | undefined): Promise<Request[]> {
  const all: Request[] = [];
  let startKey = '';
  for (;;) {
    const page = await api.listAccessRequests(startKey, PAGE_LIMIT, signal, CALL_TIMEOUT_MS);
    for (const wire of page.AccessRequests) all.push(toRequest(wire));
    if (!page.NextKey) return all;
    if (page.NextKey === startKey)
      throw new TeleportError('unknown', `ListAccessRequests returned the same page key twice (${startKey})`);
    startKey = page.NextKey;
  }
}

function listLegacy(api: AuthApi, signal: AbortSignal | undefined): Promise<Request[]> {
  return new Promise((resolve, reject) => {
    const all: Request[] = [];
    const call = api.getAccessRequestsV2(signal, CALL_TIMEOUT_MS);
    call.on('data', (r: WireAccessRequest) => all.push(toRequest(r)));
    call.on('error', reject);
    call.on('end', () => resolve(all));
  });
}

export async function listAccessRequests(
  api: AuthApi,
  signal: AbortSignal | undefined,
  who?: Principal,
): Promise<Request[]> {
  try {
    return await listPaged(api, signal);
  } catch (err) {
    const e = fromGrpcError(err, 'ListAccessRequests', who);
    if (e.code !== 'unimplemented') throw e;
    try {
      return await listLegacy(api, signal);
    } catch (legacyErr) {
      throw fromGrpcError(legacyErr, 'GetAccessRequestsV2', who);
    }
  }
}
