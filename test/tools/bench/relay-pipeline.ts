// The relay's hot path without a network: WatchEvents messages as Teleport puts them on the wire,
// decoded with the relay's trimmed schema, turned into Requests, coalesced in the Outbox and taken
// as contract batches encoded the way the delivery loop encodes them.
import { performance } from 'node:perf_hooks';
import { CONTRACT_VERSION, MAX_BODY_BYTES, MAX_OPS_PER_BATCH, encodeAsciiJson } from '../../../proto/contract.js';
import { systemClock } from '../../../relay/src/timing/clock.js';
import { batchBody } from '../../../relay/src/delivery/loop.js';
import { Outbox } from '../../../relay/src/delivery/outbox.js';
import { authServiceClient, type WireEvent } from '../../../relay/src/teleport/api.js';
import { toWatchItem } from '../../../relay/src/teleport/watch.js';
import { seededRandom } from '../../e2e/workload.js';
import { authServiceDefinition } from '../../teleport/schema.js';
import { RequestStore } from '../../teleport/store.js';
import { deleteEvent, putEvent } from '../../teleport/wire.js';

export interface PipelineResult {
  events: number;
  wireBytes: number;
  decodeMs: number;
  pipelineMs: number;
  batches: number;
  ops: number;
  bodyBytes: number;
}

const HEADER = { cluster: 'bench.example.com', webUrl: 'https://bench.example.com', relay: 'bench/0.0.0' };
const USERS = ['alice', 'bob', 'carol', 'dmitri', 'eun-ji', 'fatima'];
const ROLES = [['dba'], ['prod-ssh'], ['k8s-admin', 'k8s-viewer']];
const RESOURCES = [
  [],
  [{ cluster: '', kind: 'node', name: 'db-01', subResource: '' }],
  [{ cluster: '', kind: 'namespace', name: 'prod-eu', subResource: 'payments' }],
];

/** The relay's own WatchEvents decoder, from its trimmed schema. */
function relayDecoder(): (buffer: Buffer) => WireEvent {
  const method = authServiceClient().service.WatchEvents!;
  return (buffer) => method.responseDeserialize(buffer) as WireEvent;
}

/**
 * n encoded events from a seeded life of the cluster: about 55% new requests, 35% reviews of
 * pending ones, 10% deletions. Encoded with the stand-in's fuller schema, so each message also
 * carries the fields a real Auth Service fills and the relay's decoder skips.
 */
export function wireEvents(n: number, seed = 1): Buffer[] {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const serialize = authServiceDefinition.WatchEvents!.responseSerialize;
  const out: Buffer[] = [];
  const store = new RequestStore(Date.now, (change) => {
    out.push(serialize(change.kind === 'put' ? putEvent(change.stored) : deleteEvent(change.id)));
  });
  const pending: string[] = [];
  const live: string[] = [];
  const takeAt = (list: string[], i: number): string => {
    const id = list[i]!;
    list[i] = list[list.length - 1]!;
    list.pop();
    return id;
  };
  while (out.length < n) {
    const roll = random();
    if (pending.length > 0 && roll < 0.35) {
      const id = takeAt(pending, Math.floor(random() * pending.length));
      store.review(id, {
        author: 'sre-lead',
        state: roll < 0.25 ? 'APPROVED' : 'DENIED',
        reason: 'time-boxed, see INC-2231',
      });
    } else if (live.length > 0 && roll < 0.45) {
      const id = takeAt(live, Math.floor(random() * live.length));
      const i = pending.indexOf(id);
      if (i >= 0) takeAt(pending, i);
      store.delete(id);
    } else {
      const r = store.create({
        user: pick(USERS),
        roles: pick(ROLES),
        resources: pick(RESOURCES),
        reason: 'Investigating INC-2231',
        suggestedReviewers: ['sre-lead'],
      });
      pending.push(r.id);
      live.push(r.id);
    }
  }
  return out.slice(0, n);
}

/** Decodes every event, feeds the outbox, and takes a batch whenever a full one is waiting. */
function runPipeline(
  buffers: readonly Buffer[],
  decode: (b: Buffer) => WireEvent,
): Omit<PipelineResult, 'events' | 'wireBytes' | 'decodeMs'> {
  const outbox = new Outbox(systemClock);
  const reserved = encodeAsciiJson({ v: CONTRACT_VERSION, ...HEADER, ops: [] }).length + 1;
  const totals = { batches: 0, ops: 0, bodyBytes: 0 };
  const takeBatch = (): boolean => {
    const taken = outbox.take(MAX_OPS_PER_BATCH, MAX_BODY_BYTES - reserved);
    if (!taken) return false;
    const body = batchBody(HEADER, taken.ops);
    outbox.ack();
    totals.batches += 1;
    totals.ops += taken.ops.length;
    totals.bodyBytes += body.length;
    return true;
  };
  const start = performance.now();
  for (const buffer of buffers) {
    const item = toWatchItem(decode(buffer));
    if (item?.type === 'put') outbox.put(item.request);
    else if (item?.type === 'delete') outbox.remove(item.id);
    if (outbox.depth >= MAX_OPS_PER_BATCH) takeBatch();
  }
  while (takeBatch());
  return { pipelineMs: performance.now() - start, ...totals };
}

export function measurePipeline(n: number): PipelineResult {
  const decode = relayDecoder();
  const buffers = wireEvents(n);
  runPipeline(buffers.slice(0, Math.min(5_000, n)), decode); // warm-up: let the JIT settle first
  const start = performance.now();
  for (const buffer of buffers) decode(buffer);
  const decodeMs = performance.now() - start;
  const wireBytes = buffers.reduce((sum, b) => sum + b.length, 0);
  return { events: n, wireBytes, decodeMs, ...runPipeline(buffers, decode) };
}
