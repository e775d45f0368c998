import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import { GRID_CELL_LIMIT } from '../../proto/contract.js';

/** Every metric the relay exports, on its own registry (so tests can make as many as they like). */
export class RelayMetrics {
  readonly registry = new Registry();

  readonly events = this.counter('events_total', 'Teleport watch events received, by type (init, put, delete).', [
    'type',
  ]);
  readonly reconnects = this.counter(
    'reconnects_total',
    'Watch stream (re)connections attempted after a failure, by reason.',
    ['reason'],
  );
  readonly resyncs = this.counter(
    'resyncs_total',
    'Full listings sent with a closing sync, by trigger (connect, interval, sheet).',
    ['trigger'],
  );
  readonly syncsTooLarge = this.counter(
    'syncs_too_large_total',
    'Listings sent without their closing sync because its id list does not fit one POST.',
  );
  readonly streamUp = this.gauge('stream_up', '1 while the watch stream is initialised, else 0.');
  readonly identityExpiry = this.gauge(
    'identity_expiry_timestamp_seconds',
    'When the current Teleport certificate expires (unix seconds).',
  );
  readonly identityReloads = this.counter(
    'identity_reloads_total',
    'Identity reload attempts, by result (changed, unchanged, error; rejected_expired, ' +
      'rejected_not_yet_valid, rejected_older: a worse certificate on disk, the current one kept).',
    ['result'],
  );

  readonly opsApplied = this.counter('ops_applied_total', 'Ops the sheet reported applied.');
  readonly opsStale = this.counter('ops_stale_total', 'Upserts the sheet skipped as older than its row.');
  readonly batches = this.counter('batches_delivered_total', 'Batches the sheet accepted.');
  readonly deliveryFailures = this.counter('delivery_failures_total', 'Failed delivery attempts, by reason.', [
    'reason',
  ]);
  readonly timesOutOfRange = this.counter(
    'times_out_of_range_total',
    'Teleport times outside 1970–9999 sent to the sheet as null (contract §7).',
  );
  readonly opsSetAside = this.counter(
    'ops_set_aside_total',
    'Ops set aside so the queue moves on, by reason: invalid (fails the contract when queued), ' +
      'refused (the sheet refused it as bad_request on its own). The next full listing retries them.',
    ['reason'],
  );
  readonly signatureVersion = this.gauge(
    'signature_version',
    "The signature the relay signs with (contract §11): 2, its cluster's own secret; 1, the sheet-wide secret " +
      'of a sheet that predates per-cluster secrets or has not enrolled the cluster.',
  );
  readonly sheetGridCells = this.gauge(
    'sheet_grid_cells',
    'Grid cells the spreadsheet uses, as its latest reply reported them (contract §12; 0 until one does). ' +
      'Google refuses to grow a spreadsheet past teleport_sheets_sheet_grid_cells_limit.',
  );
  readonly sheetGridCellsLimit = this.gauge(
    'sheet_grid_cells_limit',
    "Google's limit on a spreadsheet's grid cells (every tab's rows × columns).",
  );
  readonly sheetFull = this.gauge(
    'sheet_full',
    '1 while the sheet answers full (at its cell limit): nothing is applied, every op is kept and ' +
      'retried every 5 minutes.',
  );
  readonly outboxDepth = this.gauge('outbox_depth', 'Ops waiting for delivery.');
  readonly oldestUndeliveredAge = this.gauge(
    'oldest_undelivered_age_seconds',
    'Age of the oldest op not yet delivered (0 when the outbox is empty).',
  );

  readonly usageEventsRead = this.counter('usage_events_read_total', 'Audit events read from Teleport for usage.');
  readonly usageEventsMatched = this.counter(
    'usage_events_matched_total',
    'Audit events read that carried a watched access request.',
  );
  readonly usagePages = this.counter('usage_pages_total', 'GetEvents pages read from Teleport.');
  readonly usageReadFailures = this.counter('usage_read_failures_total', 'Failed reads of the audit log, by code.', [
    'code',
  ]);
  readonly usageLastRead = this.gauge(
    'usage_last_read_timestamp_seconds',
    'When the audit log was last read in full (unix seconds; 0 before the first read).',
  );
  readonly usageReading = this.gauge(
    'usage_reading',
    '1 while usage is read from the audit log, 0 when it is off or failing (e.g. no `event` permission).',
  );
  readonly usageTracked = this.gauge('usage_tracked_requests', 'Approved requests whose usage is watched.');

  constructor(options: { processMetrics?: boolean } = {}) {
    if (options.processMetrics) collectDefaultMetrics({ register: this.registry });
    this.signatureVersion.set(2);
    this.sheetGridCellsLimit.set(GRID_CELL_LIMIT);
  }

  private counter<L extends string = never>(name: string, help: string, labelNames: readonly L[] = []): Counter<L> {
    return new Counter({ name: `teleport_sheets_${name}`, help, labelNames, registers: [this.registry] });
  }

  private gauge(name: string, help: string): Gauge {
    return new Gauge({ name: `teleport_sheets_${name}`, help, registers: [this.registry] });
  }
}
