// One WatchEvents stream for access_request, as a queue the watch loop pulls from. Items are
// never dropped while the loop is busy listing, so events that arrive during a listing are
// applied after its snapshot, in order.
import type { ClientReadableStream } from '@grpc/grpc-js';
import type { Request } from '../../../proto/contract.js';
import type { Clock } from '../timing/clock.js';
import { inScope } from '../timing/scope.js';
import { fromGrpcError, TeleportError, type Principal } from './errors.js';
import { toRequest } from './request.js';
import type { WireEvent } from './api.js';

export type ResyncTrigger = 'connect' | 'interval' | 'sheet';

export type WatchItem =
  | { type: 'init' }
  | { type: 'put'; request: Request }
  | { type: 'delete'; id: string }
  | { type: 'resync'; trigger: ResyncTrigger };

const KIND = 'access_request';

export function toWatchItem(event: WireEvent): WatchItem | null {
  if (event.Type === 'INIT') return { type: 'init' };
  if (event.Type === 'PUT' && event.AccessRequest) {
    return { type: 'put', request: toRequest(event.AccessRequest) };
  }
  const header = event.ResourceHeader;
  if (event.Type === 'DELETE' && header && header.Kind === KIND && header.Metadata?.Name) {
    return { type: 'delete', id: header.Metadata.Name };
  }
  return null;
}

export class WatchStream {
  private readonly items: WatchItem[] = [];
  private failure: TeleportError | null = null;
  private waiter: (() => void) | null = null;

  constructor(
    private readonly call: ClientReadableStream<WireEvent>,
    who?: Principal,
    signal?: AbortSignal,
  ) {
    // Do not count on the call reporting its own cancellation.
    signal?.addEventListener('abort', () => this.close(), { once: true });
    call.on('data', (event: WireEvent) => {
      const item = toWatchItem(event);
      if (item) this.push(item);
    });
    call.on('error', (err) => this.fail(fromGrpcError(err, 'WatchEvents', who)));
    call.on('end', () => this.fail(new TeleportError('unavailable', 'the WatchEvents stream ended')));
  }

  push(item: WatchItem): void {
    this.items.push(item);
    this.notify();
  }

  /** The next item in arrival order; rejects once the stream has failed and its items are drained. */
  async next(): Promise<WatchItem> {
    for (;;) {
      const item = this.items.shift();
      if (item) return item;
      if (this.failure) throw this.failure;
      await new Promise<void>((resolve) => (this.waiter = resolve));
    }
  }

  /** Waits for the INIT event; anything else first, or nothing within timeoutMs, is an error. */
  init(timeoutMs: number, clock: Clock, signal: AbortSignal): Promise<void> {
    return inScope([signal], async (scope) => {
      const timeout = clock.sleep(timeoutMs, scope.signal).then(() => {
        throw new TeleportError('init_timeout', `no INIT event on the WatchEvents stream within ${timeoutMs} ms`);
      });
      timeout.catch(() => undefined);
      const first = await Promise.race([this.next(), timeout]);
      if (first.type !== 'init')
        throw new TeleportError('unknown', `the WatchEvents stream began with ${first.type}, not INIT`);
    });
  }

  close(): void {
    this.call.cancel();
    this.fail(new TeleportError('unavailable', 'the WatchEvents stream was closed'));
  }

  private fail(err: TeleportError): void {
    this.failure ??= err;
    this.notify();
  }

  private notify(): void {
    const waiter = this.waiter;
    this.waiter = null;
    waiter?.();
  }
}
