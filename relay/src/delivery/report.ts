import type { Op, SignatureVersion } from '../../../proto/contract.js';
import type { Logger } from '../log.js';
import type { RelayMetrics } from '../metrics.js';
import { explainReason, explainSignature } from './explain.js';
import type { Verdict } from './reply.js';

// What each outcome of a delivery attempt tells the logs and the metrics. The loop decides what
// happens next; this only reports it.

export type Delivered = Extract<Verdict, { kind: 'delivered' }>;
export type Failed = Exclude<Verdict, { kind: 'delivered' }>;

export function reportDelivered(metrics: RelayMetrics, verdict: Delivered): void {
  metrics.batches.inc();
  metrics.opsApplied.inc(verdict.applied);
  metrics.opsStale.inc(verdict.stale);
  metrics.sheetFull.set(0);
  if (verdict.cells !== undefined) metrics.sheetGridCells.set(verdict.cells);
}

export function reportFailure(metrics: RelayMetrics, log: Logger, verdict: Failed): void {
  metrics.deliveryFailures.inc({ reason: verdict.reason });
  if (verdict.kind === 'refused') {
    const fix = explainReason(verdict.reason);
    log.error({ reason: verdict.reason, fix }, `the sheet refused the batch: ${fix}; retrying`);
  } else if (verdict.reason === 'full') {
    metrics.sheetFull.set(1);
    const fix = explainReason('full');
    log.error({ reason: 'full', fix }, `the sheet is full: ${fix}`);
  } else log.warn({ reason: verdict.reason }, 'delivery to the sheet failed; retrying');
}

export function reportSetAside(metrics: RelayMetrics, log: Logger, op: Op, ids: string[]): void {
  metrics.opsSetAside.inc({ reason: 'refused' });
  log.error(
    { op: op.op, request_ids: ids, ...(op.op === 'sync' ? { ids: op.ids.length } : {}) },
    'the sheet refuses this op on its own (bad_request) while it takes other batches: set aside so the ' +
      'queue moves on; the next full listing tries it again',
  );
}

/** Once per switch (and at start when v2 cannot be named): the signature the relay now signs with. */
export function reportSignature(metrics: RelayMetrics, log: Logger, version: SignatureVersion, cluster: string): void {
  metrics.signatureVersion.set(version);
  const signature = explainSignature(version, cluster);
  if (version === 1) log.warn({ signature: 'v1', cluster }, `signing ${signature}`);
  else log.info({ signature: 'v2', cluster }, `the sheet now takes signature ${signature}: signing v2`);
}
