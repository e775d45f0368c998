// Lists every access request: ListAccessRequests page by page, or the legacy streaming
// GetAccessRequestsV2 when the server does not implement the paged call.
import type { Request } from '../../../proto/contract.js';
import { fromGrpcError, TeleportError, type Principal } from './errors.js';
import { toRequest } from './request.js';
import type { AuthApi, WireAccessRequest } from './api.js';

/** Teleport's own default page (Limit 0 means 1000; above 16000 is refused). */
const PAGE_LIMIT = 1000;
const CALL_TIMEOUT_MS = 60_000;

// A listing is held whole until its snapshot is handed over, so what a broken or hostile server
// sends is bounded here rather than by the relay's memory: more requests than a sheet could hold
// (10,000,000 cells), or more pages than such a listing needs, are refused with a coded error.
export const MAX_LISTED_REQUESTS = 100_000;
export const MAX_LIST_PAGES = 1_000;
const TOO_LARGE_FIX =
  'a listing this large is more than a sheet can hold: delete requests Teleport no longer needs ' +
  '(tctl requests rm), or check that the address in teleport.addr is a Teleport Auth Service or Proxy';

function tooLarge(what: string): TeleportError {
  return new TeleportError('too_large', `the listing of access requests was cut off: ${what}`, {
    fix: TOO_LARGE_FIX,
  });
}

/** Collects a listing's requests, refusing any past MAX_LISTED_REQUESTS. */
class Listing {
  readonly all: Request[] = [];

  add(wire: WireAccessRequest): void {
    if (this.all.length >= MAX_LISTED_REQUESTS)
      throw tooLarge(`Teleport sent more than ${MAX_LISTED_REQUESTS} requests`);
    this.all.push(toRequest(wire));
  }
}

// Each page is turned into Requests as it arrives: a decoded message weighs several times its
// Request, so holding a whole cluster's messages until the last page was the listing's peak.
async function listPaged(api: AuthApi, signal: AbortSignal | undefined): Promise<Request[]> {
  const listing = new Listing();
  let startKey = '';
  for (let pages = 1; ; pages++) {
    const page = await api.listAccessRequests(startKey, PAGE_LIMIT, signal, CALL_TIMEOUT_MS);
    for (const wire of page.AccessRequests) listing.add(wire);
    if (!page.NextKey) return listing.all;
    if (page.NextKey === startKey)
      throw new TeleportError('unknown', `ListAccessRequests returned the same page key twice (${startKey})`);
    if (pages >= MAX_LIST_PAGES) throw tooLarge(`ListAccessRequests had more than ${MAX_LIST_PAGES} pages`);
    startKey = page.NextKey;
  }
}

function listLegacy(api: AuthApi, signal: AbortSignal | undefined): Promise<Request[]> {
  return new Promise((resolve, reject) => {
    const listing = new Listing();
    const call = api.getAccessRequestsV2(signal, CALL_TIMEOUT_MS);
    call.on('data', (r: WireAccessRequest) => {
      try {
        listing.add(r);
      } catch (err) {
        call.cancel();
        reject(err as Error);
      }
    });
    call.on('error', reject);
    call.on('end', () => resolve(listing.all));
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
