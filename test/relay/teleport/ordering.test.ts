// The one ordering rule the wire cannot easily be made to show: events that arrive while the
// listing is in flight are handed to the sink after the snapshot, in order.
import { EventEmitter } from 'node:events';
import type { ClientReadableStream } from '@grpc/grpc-js';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Request } from '../../../proto/contract.js';
import { systemClock } from '../../../relay/src/timing/clock.js';
import type { TeleportClient } from '../../../relay/src/teleport/connection.js';
import { CredentialStore } from '../../../relay/src/teleport/credentials.js';
import { silentLogger } from '../../../relay/src/log.js';
import { RelayMetrics } from '../../../relay/src/metrics.js';
import { TeleportSource } from '../../../relay/src/teleport/source.js';
import type { WireAccessRequest, WireEvent } from '../../../relay/src/teleport/api.js';
import { WatchStream } from '../../../relay/src/teleport/watch.js';
import { createCluster, issueIdentity, writeIdentityFile } from '../../teleport/pki.js';
import { RecordingSink } from './harness.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'relay-ordering-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const future = { seconds: Math.floor(Date.now() / 1000) + 86_400, nanos: 0 };
function wire(id: string, state: 'PENDING' | 'APPROVED'): WireAccessRequest {
  return {
    Kind: 'access_request',
    Metadata: { Name: id, Expires: future, Revision: state },
    Spec: {
      User: 'alice',
      Roles: ['db'],
      State: state,
      Created: { seconds: 1_763_900_000, nanos: 0 },
      Expires: future,
      RequestReason: '',
      ResolveReason: '',
      Reviews: [],
      SuggestedReviewers: [],
      RequestedResourceIDs: [],
      accessList: null,
      ResourceExpiry: future,
    },
  };
}

async function startStore(metrics: RelayMetrics): Promise<CredentialStore> {
  const cluster = await createCluster('example.com');
  const path = join(dir, 'identity');
  await writeIdentityFile(path, await issueIdentity(cluster, { user: 'relay', roles: ['access-plugin'] }));
  const store = new CredentialStore({
    path,
    refresh: false,
    intervalMs: 60_000,
    clock: systemClock,
    logger: silentLogger(),
    metrics,
  });
  await store.start();
  return store;
}

/** A client whose listing reads the backend before a PUT of r1 and a DELETE of r2 arrive on the watch. */
function racingClient(): TeleportClient {
  const call = Object.assign(new EventEmitter(), { cancel: () => undefined });
  const emit = (event: WireEvent) => call.emit('data', event);
  return {
    route: 'auth',
    path: 'directly to the Auth Service',
    ping: async () => ({
      clusterName: 'example.com',
      serverVersion: '18.0.0',
      proxyPublicAddr: 'teleport.example.com:443',
      advancedAccessWorkflows: true,
    }),
    readAuditLog: async () => ({ pages: 0, events: 0 }),
    watch: (signal) => {
      setImmediate(() => emit({ Type: 'INIT', Resource: 'WatchStatus' }));
      return new WatchStream(call as unknown as ClientReadableStream<WireEvent>, undefined, signal);
    },
    listAccessRequests: async () => {
      emit({ Type: 'PUT', Resource: 'AccessRequest', AccessRequest: wire('r1', 'APPROVED') });
      emit({
        Type: 'DELETE',
        Resource: 'ResourceHeader',
        ResourceHeader: { Kind: 'access_request', Metadata: { Name: 'r2', Expires: null, Revision: '' } },
      });
      const { toRequest } = await import('../../../relay/src/teleport/request.js');
      return [toRequest(wire('r1', 'PENDING')), toRequest(wire('r2', 'PENDING'))] as Request[];
    },
    close: () => undefined,
  };
}

it('applies a PUT and a DELETE that arrive during the listing after its snapshot', async () => {
  const metrics = new RelayMetrics();
  const client = racingClient();
  const source = new TeleportSource({
    addr: 'unused:3025',
    mode: 'auth',
    credentials: await startStore(metrics),
    clock: systemClock,
    logger: silentLogger(),
    metrics,
    connect: async () => client,
  });
  const sink = new RecordingSink();
  const abort = new AbortController();
  const done = source.run(sink, abort.signal);
  await sink.until(() => sink.calls.length === 3);
  abort.abort();
  await done;

  expect(sink.calls).toEqual([
    { kind: 'snapshot', ids: ['r1', 'r2'] },
    { kind: 'put', id: 'r1' },
    { kind: 'remove', id: 'r2' },
  ]);
  expect([...sink.state.keys()]).toEqual(['r1']);
  expect(sink.state.get('r1')?.state).toBe('APPROVED');
});
