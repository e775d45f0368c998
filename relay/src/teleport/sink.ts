import type { Request } from '../../../proto/contract.js';

/**
 * Where the Teleport side hands what it learns. After every (re)connection it calls snapshot()
 * with the full listing (the outbox then enqueues an upsert per request and a closing sync);
 * stream events that arrived while listing are handed over after it, in order.
 */
export interface RequestSink {
  snapshot(requests: readonly Request[]): void;
  put(request: Request): void;
  remove(id: string): void;
}
