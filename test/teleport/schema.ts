import { fileURLToPath } from 'node:url';
import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';

const protoDir = fileURLToPath(new URL('./proto/', import.meta.url));

// Field names stay as written in the .proto (Teleport's Go names); enums travel as names;
// int64 seconds as numbers (every date we use fits a double exactly).
const loaderOptions: protoLoader.Options = {
  keepCase: true,
  enums: String,
  longs: Number,
  defaults: true,
  oneofs: true,
  includeDirs: [protoDir],
};

const definition = protoLoader.loadSync('authservice.proto', loaderOptions);

/** The stand-in's proto.AuthService, for the server and for tests' own clients. */
export const authService = (
  grpc.loadPackageDefinition(definition) as unknown as {
    proto: { AuthService: grpc.ServiceClientConstructor };
  }
).proto.AuthService;

export const authServiceDefinition = authService.service;

/** The wire's google.protobuf.Timestamp. Teleport sends unset times as year 1, never omits them. */
export interface WireTimestamp {
  seconds: number;
  nanos: number;
}

export const UNSET_SECONDS = -62135596800;

export function toTimestamp(date: Date | null): WireTimestamp {
  if (date === null) return { seconds: UNSET_SECONDS, nanos: 0 };
  const ms = date.getTime();
  const seconds = Math.floor(ms / 1000);
  return { seconds, nanos: (ms - seconds * 1000) * 1_000_000 };
}

export function fromTimestamp(ts: WireTimestamp | null | undefined): Date | null {
  if (!ts || Number(ts.seconds) <= UNSET_SECONDS) return null;
  return new Date(Number(ts.seconds) * 1000 + Math.floor(ts.nanos / 1_000_000));
}
