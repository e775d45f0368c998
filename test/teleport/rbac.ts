import 'reflect-metadata';
import * as grpc from '@grpc/grpc-js';
import * as x509 from '@peculiar/x509';

export type Verb = 'list' | 'read' | 'update' | 'create' | 'delete';
/** A role's rules: verbs on `access_request`, and on `event` (the audit log) when it has that rule. */
export type RoleMap = Record<string, { accessRequest: Verb[]; event?: Verb[] }>;

export const DEFAULT_ROLES: RoleMap = {
  'access-plugin': { accessRequest: ['list', 'read'] },
  // The guide's role plus the optional rule that lets the relay read usage from the audit log.
  'access-plugin-usage': { accessRequest: ['list', 'read'], event: ['list', 'read'] },
  editor: { accessRequest: ['list', 'read', 'update', 'create', 'delete'] },
};

export interface Caller {
  user: string;
  roles: string[];
}

export type ServerCall = grpc.ServerUnaryCall<unknown, unknown> | grpc.ServerWritableStream<unknown, unknown>;

/** A gRPC status error as grpc-js sends it. */
export interface StatusError {
  code: grpc.status;
  details: string;
}

/** The Auth Service knows the caller only from its verified client certificate: CN = user, O = roles. */
export function callerOf(call: ServerCall): Caller | null {
  const raw = call.getAuthContext().sslPeerCertificate?.raw;
  if (!raw) return null;
  const cert = new x509.X509Certificate(raw);
  const user = cert.subjectName.getField('CN')[0];
  if (user === undefined) return null;
  return { user, roles: cert.subjectName.getField('O') };
}

/** Teleport checks the verbs in order and reports the first one no role allows. */
export function checkAccessRequest(caller: Caller, roles: RoleMap, verbs: Verb[]): StatusError | null {
  return checkRule(caller, roles, 'access_request', verbs);
}

export function checkRule(
  caller: Caller,
  roles: RoleMap,
  resource: 'access_request' | 'event',
  verbs: Verb[],
): StatusError | null {
  for (const verb of verbs) {
    const allowed = caller.roles.some((role) => {
      const rules = roles[role];
      return (resource === 'event' ? rules?.event : rules?.accessRequest)?.includes(verb) ?? false;
    });
    if (!allowed) {
      return {
        code: grpc.status.PERMISSION_DENIED,
        details: `access denied to perform action "${verb}" on "${resource}"`,
      };
    }
  }
  return null;
}

/** Teleport refuses a `version` metadata that is not semver or is older than the previous major. */
export function checkClientVersion(metadata: grpc.Metadata, serverVersion: string): StatusError | null {
  const sent = metadata.get('version')[0];
  if (sent === undefined) return null;
  const match = /^(\d+)\.(\d+)\.(\d+)(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/.exec(String(sent));
  const serverMajor = Number(serverVersion.split('.')[0]);
  if (match && Number(match[1]) >= serverMajor - 1) return null;
  return { code: grpc.status.PERMISSION_DENIED, details: 'client version is unsupported' };
}
