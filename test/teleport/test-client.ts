import * as grpc from '@grpc/grpc-js';
import { afterEach, beforeAll, beforeEach } from 'vitest';
import { createCluster, issueIdentity, type IssuedIdentity, type TestCluster } from './pki.js';
import { authService } from './schema.js';
import { startFakeTeleport, type FakeTeleport } from './server.js';

// A plain grpc-js client built from the stand-in's own schema, for the stand-in's tests.

export type Wire = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export function identityCredentials(id: IssuedIdentity): grpc.ChannelCredentials {
  return grpc.credentials.createSsl(Buffer.from(id.cluster.caCertPem), Buffer.from(id.keyPem), Buffer.from(id.certPem));
}

export function connectClient(address: string, id: IssuedIdentity, options: grpc.ChannelOptions = {}): grpc.Client {
  return new authService(address, identityCredentials(id), {
    'grpc.ssl_target_name_override': 'teleport.cluster.local',
    'grpc.default_authority': 'teleport.cluster.local',
    ...options,
  });
}

export function insecureClient(address: string, options: grpc.ChannelOptions = {}): grpc.Client {
  return new authService(address, grpc.credentials.createInsecure(), options);
}

export function unary(
  client: grpc.Client,
  method: 'Ping' | 'ListAccessRequests' | 'GetEvents',
  request: Wire,
  metadata = new grpc.Metadata(),
): Promise<Wire> {
  const call = (
    client as unknown as Record<
      string,
      (r: Wire, m: grpc.Metadata, cb: (e: grpc.ServiceError | null, v: Wire) => void) => void
    >
  )[method]!;
  return new Promise((resolve, reject) => {
    call.call(client, request, metadata, (error, value) => (error ? reject(error) : resolve(value)));
  });
}

/** Reads a server stream one message at a time, and its final status. */
export class StreamReader {
  private readonly items: Wire[] = [];
  private readonly waiting: ((item: Wire) => void)[] = [];
  readonly ended: Promise<grpc.StatusObject>;

  constructor(readonly call: grpc.ClientReadableStream<Wire>) {
    call.on('data', (item: Wire) => {
      const waiter = this.waiting.shift();
      if (waiter) waiter(item);
      else this.items.push(item);
    });
    this.ended = new Promise((resolve) => {
      call.on('error', (error: grpc.ServiceError) =>
        resolve({ code: error.code, details: error.details, metadata: error.metadata }),
      );
      call.on('status', (status: grpc.StatusObject) => {
        if (status.code === grpc.status.OK) resolve(status);
      });
    });
  }

  next(): Promise<Wire> {
    const item = this.items.shift();
    if (item) return Promise.resolve(item);
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** Everything until the stream ends, then the status. */
  async all(): Promise<{ items: Wire[]; status: grpc.StatusObject }> {
    const status = await this.ended;
    return { items: this.items.splice(0), status };
  }
}

export function serverStream(
  client: grpc.Client,
  method: 'WatchEvents' | 'GetAccessRequestsV2',
  request: Wire,
  metadata = new grpc.Metadata(),
): StreamReader {
  const call = (client as unknown as Record<string, (r: Wire, m: grpc.Metadata) => grpc.ClientReadableStream<Wire>>)[
    method
  ]!;
  return new StreamReader(call.call(client, request, metadata));
}

export function watchAccessRequests(client: grpc.Client, metadata?: grpc.Metadata): StreamReader {
  return serverStream(client, 'WatchEvents', { Kinds: [{ Kind: 'access_request' }] }, metadata);
}

export interface StandInFixture {
  cluster: TestCluster;
  identity: IssuedIdentity;
  teleport: FakeTeleport;
  client: grpc.Client;
}

/** A fresh stand-in and an access-plugin client connected to it, for each test of the calling file. */
export function standInPerTest(): StandInFixture {
  const fixture = {} as StandInFixture;
  beforeAll(async () => {
    fixture.cluster = await createCluster('example.com');
    fixture.identity = await issueIdentity(fixture.cluster, { user: 'access-plugin', roles: ['access-plugin'] });
  });
  beforeEach(async () => {
    fixture.teleport = await startFakeTeleport({ cluster: fixture.cluster });
    fixture.client = connectClient(fixture.teleport.address, fixture.identity);
  });
  afterEach(async () => {
    fixture.client.close();
    await fixture.teleport.close();
  });
  return fixture;
}
