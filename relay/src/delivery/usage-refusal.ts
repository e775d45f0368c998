import type { Logger } from '../log.js';
import type { RelayMetrics } from '../metrics.js';
import type { UsageQueue } from '../usage/queue.js';
import type { OutgoingBatch } from './batch.js';
import type { Outbox } from './outbox.js';
import type { Verdict } from './reply.js';

interface Queues {
  outbox: Outbox;
  usage?: UsageQueue;
  metrics: RelayMetrics;
}

/**
 * A failed batch with usage ops (contract §13): they stay queued, unless the sheet refused the batch
 * as malformed. Then they are dropped (each states all that is known, so the next one for a request
 * makes good) and the rest goes again at once without them. True when the batch is to be retried now.
 */
export function usageRefused(
  o: Queues,
  batch: OutgoingBatch,
  verdict: Exclude<Verdict, { kind: 'delivered' }>,
  log: Logger,
): boolean {
  if (verdict.reason !== 'bad_request') {
    o.usage!.nack();
    return false;
  }
  o.usage!.ack();
  if (batch.fromOutbox) o.outbox.nack();
  o.metrics.opsSetAside.inc({ reason: 'refused' }, batch.usageOps);
  log.error(
    { usage_ops: batch.usageOps },
    'the sheet refused a batch with usage ops (bad_request): sending it without them',
  );
  return true;
}
