// Shared pieces of the Teleport-side tests: a recording sink that folds what the source hands it
import { pino } from 'pino';
// into the state a sheet would end with, and the contract Request the stand-in's model implies.
import type { Request } from '../../../proto/contract.js';
import type { RequestSink } from '../../../relay/src/teleport/sink.js';
import type { StandInRequest } from '../../teleport/server.js';

export type SinkCall =
  { kind: 'snapshot'; ids: string[] } | { kind: 'put'; id: string } | { kind: 'remove'; id: string };

export class RecordingSink implements RequestSink {
  readonly state = new Map<string, Request>();
  readonly calls: SinkCall[] = [];
  private readonly watchers = new Set<() => void>();

  snapshot(requests: readonly Request[]): void {
    this.state.clear();
    for (const r of requests) this.state.set(r.id, r);
    this.record({ kind: 'snapshot', ids: requests.map((r) => r.id) });
  }

  put(request: Request): void {
    this.state.set(request.id, request);
    this.record({ kind: 'put', id: request.id });
  }

  remove(id: string): void {
    this.state.delete(id);
    this.record({ kind: 'remove', id });
  }

  snapshots(): number {
    return this.calls.filter((c) => c.kind === 'snapshot').length;
  }

  /** Resolves once the predicate holds after some sink call (or at once). */
  until(predicate: () => boolean): Promise<void> {
    return new Promise((resolve) => {
      const check = () => {
        if (!predicate()) return;
        this.watchers.delete(check);
        resolve();
      };
      this.watchers.add(check);
      check();
    });
  }

  private record(call: SinkCall): void {
    this.calls.push(call);
    for (const check of [...this.watchers]) check();
  }
}

const iso = (d: Date | null) => (d === null ? null : d.toISOString());

/** What the relay should make of a stand-in request (the pending expiry falls back to the access expiry). */
export function expectedRequest(r: StandInRequest): Request {
  const unresolved = r.state === 'PENDING' || r.state === 'NONE';
  return {
    id: r.id,
    user: r.user,
    roles: r.roles,
    resources: r.resources,
    state: r.state,
    reason: r.reason,
    resolveReason: r.resolveReason,
    created: r.created.toISOString(),
    requestExpires: iso(r.requestExpires) ?? (unresolved ? r.accessExpires.toISOString() : null),
    accessExpires: r.accessExpires.toISOString(),
    suggestedReviewers: r.suggestedReviewers,
    reviews: r.reviews.map((v) => ({
      author: v.author,
      state: v.state,
      reason: v.reason,
      created: v.created.toISOString(),
    })),
    promotedTo: r.state === 'PROMOTED' ? r.promotedTo : null,
    assumeStart: iso(r.assumeStart),
    maxDuration: iso(r.maxDuration),
  };
}

export function expectedState(requests: StandInRequest[]): Map<string, Request> {
  return new Map(requests.map((r) => [r.id, expectedRequest(r)]));
}

/** A pino logger whose lines tests can wait on (an observation, not a sleep). */
export function capturingLogger(): {
  logger: import('pino').Logger;
  lines: Record<string, unknown>[];
  until(predicate: (line: Record<string, unknown>) => boolean): Promise<Record<string, unknown>>;
} {
  const lines: Record<string, unknown>[] = [];
  const waiters = new Set<() => void>();
  const stream = {
    write(chunk: string) {
      lines.push(JSON.parse(chunk) as Record<string, unknown>);
      for (const w of [...waiters]) w();
    },
  };
  return {
    logger: pino({ level: 'debug' }, stream),
    lines,
    until(predicate) {
      return new Promise((resolve) => {
        const check = () => {
          const hit = lines.find(predicate);
          if (!hit) return;
          waiters.delete(check);
          resolve(hit);
        };
        waiters.add(check);
        check();
      });
    },
  };
}
