import {
  CONTRACT_VERSION,
  MAX_BODY_BYTES,
  USAGE_BODY_VERSION,
  encodeAsciiJson,
  type Batch,
  type BatchV2,
  type HeartbeatOp,
} from '../../../proto/contract.js';
import type { UsageQueue } from '../usage/queue.js';
import type { BatchHeader } from './header.js';
import type { Outbox } from './outbox.js';

// One POST's body, put together from what is queued: the outbox's ops first, then (for a sheet
// that takes body version 2) usage ops, then the heartbeat when one is due; within the contract's
// op count and byte size.

export type BodyVersion = typeof CONTRACT_VERSION | typeof USAGE_BODY_VERSION;

export interface OutgoingBatch {
  /** Each op as the contract's ASCII JSON. */
  ops: string[];
  /** The requests the upserts and deletes are for. */
  ids: string[];
  body: string;
  fromOutbox: boolean;
  /** How many of `ops` came from the outbox (the rest: usage ops and a heartbeat). */
  outboxOps: number;
  hasSync: boolean;
  heartbeat: boolean;
  /** How many of `ops` are usage ops (after the outbox's, before the heartbeat). */
  usageOps: number;
}

export interface BatchParts {
  header: BatchHeader;
  v: BodyVersion;
  heartbeat: HeartbeatOp | null;
  maxOps: number;
  /** Null when the batch must hold no queued op (the heartbeat-only control). */
  outbox: Outbox | null;
  /** Null when no usage op may go (a version 1 sheet, a search for a refused op). */
  usage: UsageQueue | null;
}

/** The next batch, or null when there is nothing to send. Takes from the queues (ack or nack after). */
export function composeBatch(p: BatchParts): OutgoingBatch | null {
  const reserved = encodeAsciiJson({ v: p.v, ...p.header, ops: p.heartbeat ? [p.heartbeat] : [] }).length + 1;
  const taken = p.outbox?.take(p.maxOps, MAX_BODY_BYTES - reserved) ?? null;
  const outboxOps = taken?.ops.length ?? 0;
  // Usage ops ride behind every queued request op, so a row's upsert always reaches the sheet first.
  const usage =
    p.usage && (p.outbox?.depth ?? 0) === outboxOps
      ? p.usage.take(p.maxOps - outboxOps, MAX_BODY_BYTES - reserved - (taken?.bytes ?? 0))
      : null;
  if (!taken && !usage && !p.heartbeat) return null;
  const ops = [...(taken?.ops ?? []), ...(usage?.ops ?? []), ...(p.heartbeat ? [encodeAsciiJson(p.heartbeat)] : [])];
  return {
    ops,
    ids: taken?.ids ?? [],
    body: batchBody(p.header, ops, p.v),
    fromOutbox: taken !== null,
    outboxOps,
    hasSync: taken?.hasSync ?? false,
    heartbeat: p.heartbeat !== null,
    usageOps: usage?.ops.length ?? 0,
  };
}

/** The Batch's JSON (contract §3, §13) around ops already encoded: the same bytes as encoding it whole. */
export function batchBody(header: BatchHeader, ops: readonly string[], v: BodyVersion = CONTRACT_VERSION): string {
  const { cluster, webUrl, relay } = header;
  const empty = encodeAsciiJson({ v, cluster, webUrl, relay, ops: [] } satisfies Batch | BatchV2);
  return `${empty.slice(0, -'[]}'.length)}[${ops.join(',')}]}`;
}
