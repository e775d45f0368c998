import type { Request } from '../../../proto/contract.js';
import { opProblem } from '../../../proto/op-rules.js';
import type { Logger } from '../log.js';
import type { RelayMetrics } from '../metrics.js';
import type { RequestSink } from '../teleport/sink.js';
import { timesOutOfRange } from '../teleport/request.js';
import type { Outbox } from './outbox.js';

// The door to the outbox: every op is checked with the contract's own rules (proto/op-rules.ts,
// the sheet's parser uses the same) before it is queued. The sheet refuses a whole batch for one
// bad op, and the outbox would send that batch forever, so an op the sheet would refuse is set
// aside here instead (logged with its id, counted); the next full listing brings it again.

export class Admission implements RequestSink {
  constructor(
    private readonly outbox: Outbox,
    private readonly metrics: RelayMetrics,
    private readonly logger: Logger,
  ) {}

  snapshot(requests: readonly Request[]): void {
    const admitted: Request[] = [];
    const alsoLive: string[] = [];
    for (const request of requests) {
      if (this.admits(request)) admitted.push(request);
      // Set aside, it still exists in Teleport: its row must not be marked EXPIRED, so its id
      // stays in the sync whenever the sheet would accept it there.
      else if (validId(request.id)) alsoLive.push(request.id);
    }
    this.outbox.snapshot(admitted, alsoLive);
  }

  put(request: Request): void {
    if (this.admits(request)) this.outbox.put(request);
  }

  remove(id: string): void {
    if (validId(id)) this.outbox.remove(id);
    else this.setAside(id, 'delete', opProblem({ op: 'delete', id }) ?? '');
  }

  private admits(request: Request): boolean {
    const odd = timesOutOfRange(request);
    if (odd.length > 0) {
      this.metrics.timesOutOfRange.inc(odd.length);
      this.logger.warn(
        { request_id: request.id, fields: odd },
        'Teleport sent a time outside 1970–9999; the sheet gets null (or 1970-01-01 where a time is required)',
      );
    }
    const problem = opProblem({ op: 'upsert', request });
    if (problem === null) return true;
    this.setAside(request.id, 'upsert', problem);
    return false;
  }

  private setAside(id: string, op: 'upsert' | 'delete', problem: string): void {
    this.metrics.opsSetAside.inc({ reason: 'invalid' });
    this.logger.error(
      { request_id: id.slice(0, 300), op, problem },
      'an op the sheet would refuse was set aside; the next full listing tries it again',
    );
  }
}

function validId(id: string): boolean {
  return opProblem({ op: 'delete', id }) === null;
}
