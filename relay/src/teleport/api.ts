// Typed access to the read-only AuthService RPCs, decoded with the relay's trimmed schema
// (proto/teleport). Fields the schema does not declare are skipped by the decoder.
import { fileURLToPath } from 'node:url';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';

export interface WireTimestamp {
  seconds: number;
  nanos: number;
}
export type WireRequestState = 'NONE' | 'PENDING' | 'APPROVED' | 'DENIED' | 'PROMOTED';

export interface WireMetadata {
  Name: string;
  Expires: WireTimestamp | null;
  Revision: string;
}
export interface WireAccessReview {
  Author: string;
  ProposedState: WireRequestState | number;
  Reason: string;
  Created: WireTimestamp | null;
}
export interface WireAccessRequestSpec {
  User: string;
  Roles: string[];
  State: WireRequestState | number;
  Created: WireTimestamp | null;
  Expires: WireTimestamp | null;
  RequestReason: string;
  ResolveReason: string;
  Reviews: WireAccessReview[];
  SuggestedReviewers: string[];
  RequestedResourceIDs: { ClusterName: string; Kind: string; Name: string; SubResourceName: string }[];
  MaxDuration?: WireTimestamp | null;
  accessList: { Name: string; Title: string } | null;
  AssumeStartTime?: WireTimestamp | null;
  ResourceExpiry: WireTimestamp | null;
}
export interface WireAccessRequest {
  Kind: string;
  Metadata: WireMetadata | null;
  Spec: WireAccessRequestSpec | null;
}
export interface WireEvent {
  Type: 'INIT' | 'PUT' | 'DELETE' | number;
  Resource?: 'ResourceHeader' | 'AccessRequest' | 'WatchStatus';
  ResourceHeader?: { Kind: string; Metadata: WireMetadata | null } | null;
  AccessRequest?: WireAccessRequest | null;
}
export interface WirePingResponse {
  ClusterName: string;
  ServerVersion: string;
  ProxyPublicAddr: string;
  ServerFeatures: { AdvancedAccessWorkflows: boolean } | null;
}
export interface WireListResponse {
  AccessRequests: WireAccessRequest[];
  NextKey: string;
}

export interface WireAuditMetadata {
  Index: number;
  Type: string;
  ID: string;
  Time: WireTimestamp | null;
}
interface WireUserEvent {
  Metadata: WireAuditMetadata | null;
  User: { User: string; AccessRequests: string[] } | null;
}
/** One events.OneOf as the trimmed schema decodes it: `Event` names the member that is set. */
export interface WireAuditEvent {
  Event?: string;
  SessionStart?: (WireUserEvent & { KubernetesCluster: { KubernetesCluster: string } | null }) | null;
  CertificateCreate?: { Metadata: WireAuditMetadata | null; Identity: { AccessRequests: string[] } | null } | null;
  [member: string]: unknown;
}
export interface WireEventsPage {
  Items: WireAuditEvent[];
  LastKey: string;
}
export interface EventsQuery {
  StartDate: WireTimestamp;
  EndDate: WireTimestamp;
  EventTypes: readonly string[];
  Limit: number;
  StartKey: string;
  Order: 'ASCENDING' | 'DESCENDING';
}

const loaderOptions: protoLoader.Options = {
  keepCase: true,
  enums: String,
  longs: Number,
  defaults: true,
  oneofs: true,
  includeDirs: [fileURLToPath(new URL('../../../proto/teleport/', import.meta.url))],
};

let constructor: grpc.ServiceClientConstructor | null = null;

/** The AuthService client built from the relay's trimmed schema (loaded once). */
export function authServiceClient(): grpc.ServiceClientConstructor {
  if (!constructor) {
    const pkg = grpc.loadPackageDefinition(protoLoader.loadSync('authservice.proto', loaderOptions)) as unknown as {
      proto: { AuthService: grpc.ServiceClientConstructor };
    };
    constructor = pkg.proto.AuthService;
  }
  return constructor;
}

type Unary = (
  req: unknown,
  md: grpc.Metadata,
  opts: grpc.CallOptions,
  cb: (err: grpc.ServiceError | null, res: unknown) => void,
) => grpc.ClientUnaryCall;
type ServerStream = (req: unknown, md: grpc.Metadata, opts: grpc.CallOptions) => grpc.ClientReadableStream<unknown>;

/** The raw AuthService stub over one channel. Calls are cancelled when their signal aborts. */
export class AuthApi {
  private readonly client: grpc.Client & Record<string, unknown>;

  constructor(address: string, credentials: grpc.ChannelCredentials, options: grpc.ChannelOptions) {
    const Client = authServiceClient();
    this.client = new Client(address, credentials, options) as grpc.Client & Record<string, unknown>;
  }

  ping(signal: AbortSignal | undefined, timeoutMs: number): Promise<WirePingResponse> {
    return this.unary('Ping', {}, signal, timeoutMs) as Promise<WirePingResponse>;
  }

  listAccessRequests(
    startKey: string,
    limit: number,
    signal: AbortSignal | undefined,
    timeoutMs: number,
  ): Promise<WireListResponse> {
    return this.unary(
      'ListAccessRequests',
      { Limit: limit, StartKey: startKey },
      signal,
      timeoutMs,
    ) as Promise<WireListResponse>;
  }

  getEvents(query: EventsQuery, signal: AbortSignal | undefined, timeoutMs: number): Promise<WireEventsPage> {
    return this.unary('GetEvents', query, signal, timeoutMs) as Promise<WireEventsPage>;
  }

  getAccessRequestsV2(
    signal: AbortSignal | undefined,
    timeoutMs: number,
  ): grpc.ClientReadableStream<WireAccessRequest> {
    return this.stream('GetAccessRequestsV2', {}, signal, {
      deadline: Date.now() + timeoutMs,
    }) as grpc.ClientReadableStream<WireAccessRequest>;
  }

  watchAccessRequests(signal: AbortSignal | undefined): grpc.ClientReadableStream<WireEvent> {
    const watch = { Kinds: [{ Kind: 'access_request' }], AllowPartialSuccess: false };
    return this.stream('WatchEvents', watch, signal, {}) as grpc.ClientReadableStream<WireEvent>;
  }

  close(): void {
    this.client.close();
  }

  private unary(method: string, req: unknown, signal: AbortSignal | undefined, timeoutMs: number): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const fn = (this.client[method] as Unary).bind(this.client);
      const call = fn(req, new grpc.Metadata(), { deadline: Date.now() + timeoutMs }, (err, res) => {
        signal?.removeEventListener('abort', cancel);
        if (err) reject(err);
        else resolve(res);
      });
      const cancel = () => call.cancel();
      if (signal?.aborted) call.cancel();
      else signal?.addEventListener('abort', cancel, { once: true });
    });
  }

  private stream(
    method: string,
    req: unknown,
    signal: AbortSignal | undefined,
    options: grpc.CallOptions,
  ): grpc.ClientReadableStream<unknown> {
    const fn = (this.client[method] as ServerStream).bind(this.client);
    const call = fn(req, new grpc.Metadata(), options);
    const cancel = () => call.cancel();
    if (signal?.aborted) call.cancel();
    else signal?.addEventListener('abort', cancel, { once: true });
    call.on('close', () => signal?.removeEventListener('abort', cancel));
    return call;
  }
}
