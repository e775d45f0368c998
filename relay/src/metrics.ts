import { Counter, Gauge, Registry, collectDefaultMetrics } from 'prom-client';

/** Every metric the relay exports, on its own registry (so tests can make as many as they like). */
export class RelayMetrics {
  readonly registry = new Registry();

  readonly events = new Counter({
    name: 'teleport_sheets_events_total',
    help: 'Teleport watch events received, by type (init, put, delete).',
    labelNames: ['type'] as const,
    registers: [this.registry],
  });
  readonly reconnects = new Counter({
    name: 'teleport_sheets_reconnects_total',
    help: 'Watch stream (re)connections attempted after a failure, by reason.',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });
  readonly resyncs = new Counter({
    name: 'teleport_sheets_resyncs_total',
    help: 'Full listings sent with a closing sync, by trigger (connect, interval, sheet).',
    labelNames: ['trigger'] as const,
    registers: [this.registry],
  });
  readonly syncsTooLarge = new Counter({
    name: 'teleport_sheets_syncs_too_large_total',
    help: 'Listings sent without their closing sync because its id list does not fit one POST.',
    registers: [this.registry],
  });
  readonly streamUp = new Gauge({
    name: 'teleport_sheets_stream_up',
    help: '1 while the watch stream is initialised, else 0.',
    registers: [this.registry],
  });
  readonly identityExpiry = new Gauge({
    name: 'teleport_sheets_identity_expiry_timestamp_seconds',
    help: 'When the current Teleport certificate expires (unix seconds).',
    registers: [this.registry],
  });
  readonly identityReloads = new Counter({
    name: 'teleport_sheets_identity_reloads_total',
    help:
      'Identity reload attempts, by result (changed, unchanged, error; rejected_expired, ' +
      'rejected_not_yet_valid, rejected_older: a worse certificate on disk, the current one kept).',
    labelNames: ['result'] as const,
    registers: [this.registry],
  });

  readonly opsApplied = new Counter({
    name: 'teleport_sheets_ops_applied_total',
    help: 'Ops the sheet reported applied.',
    registers: [this.registry],
  });
  readonly opsStale = new Counter({
    name: 'teleport_sheets_ops_stale_total',
    help: 'Upserts the sheet skipped as older than its row.',
    registers: [this.registry],
  });
  readonly batches = new Counter({
    name: 'teleport_sheets_batches_delivered_total',
    help: 'Batches the sheet accepted.',
    registers: [this.registry],
  });
  readonly deliveryFailures = new Counter({
    name: 'teleport_sheets_delivery_failures_total',
    help: 'Failed delivery attempts, by reason.',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });
  readonly timesOutOfRange = new Counter({
    name: 'teleport_sheets_times_out_of_range_total',
    help: 'Teleport times outside 1970–9999 sent to the sheet as null (contract §7).',
    registers: [this.registry],
  });
  readonly opsSetAside = new Counter({
    name: 'teleport_sheets_ops_set_aside_total',
    help:
      'Ops set aside so the queue moves on, by reason: invalid (fails the contract when queued), ' +
      'refused (the sheet refused it as bad_request on its own). The next full listing retries them.',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });
  readonly outboxDepth = new Gauge({
    name: 'teleport_sheets_outbox_depth',
    help: 'Ops waiting for delivery.',
    registers: [this.registry],
  });
  readonly oldestUndeliveredAge = new Gauge({
    name: 'teleport_sheets_oldest_undelivered_age_seconds',
    help: 'Age of the oldest op not yet delivered (0 when the outbox is empty).',
    registers: [this.registry],
  });

  constructor(options: { processMetrics?: boolean } = {}) {
    if (options.processMetrics) collectDefaultMetrics({ register: this.registry });
  }
}
