import { status } from '@grpc/grpc-js';
import { describe, expect, it } from 'vitest';
import { fromGrpcError, PERMISSION_FIX, TeleportError } from '../../../relay/src/teleport/errors.js';
import { parseAddress } from '../../../relay/src/teleport/connection.js';
import { authRouteProtocol } from '../../../relay/src/teleport/channel-credentials.js';
import { toWatchItem } from '../../../relay/src/teleport/watch.js';

describe('fromGrpcError classifies by status code only', () => {
  const table: [number, string][] = [
    [status.PERMISSION_DENIED, 'permission_denied'],
    [status.UNAUTHENTICATED, 'credentials'],
    [status.UNIMPLEMENTED, 'unimplemented'],
    [status.INVALID_ARGUMENT, 'invalid_argument'],
    [status.UNAVAILABLE, 'unavailable'],
    [status.DEADLINE_EXCEEDED, 'unavailable'],
    [status.INTERNAL, 'unavailable'],
    [status.CANCELLED, 'unavailable'],
    [status.NOT_FOUND, 'unknown'],
  ];
  for (const [code, expected] of table) {
    it(`${status[code]} → ${expected}`, () => {
      // The text says "access denied" on purpose: only the code may decide.
      expect(fromGrpcError({ code, details: 'access denied' }, 'Call').code).toBe(expected);
    });
  }

  it('names the identity and the role rule to add on PERMISSION_DENIED', () => {
    const err = fromGrpcError(
      { code: status.PERMISSION_DENIED, details: 'access denied to perform action "list"' },
      'WatchEvents',
      { user: 'relay', roles: ['viewer'] },
    );
    expect(err).toBeInstanceOf(TeleportError);
    expect(err.message).toContain('user relay, roles viewer');
    expect(err.fix).toBe(PERMISSION_FIX);
    expect(err.fix).toContain('verbs [list, read]');
  });

  it('treats a non-gRPC error as unknown', () => {
    expect(fromGrpcError(new Error('boom'), 'Call').code).toBe('unknown');
  });
});

describe('routing facts', () => {
  it('builds the TLS-routing ALPN protocol from the hex cluster name', () => {
    expect(authRouteProtocol('example.com')).toBe('teleport-auth@6578616d706c652e636f6d.teleport.cluster.local');
  });

  it('parses host:port addresses', () => {
    expect(parseAddress('auth.example.com:3025')).toEqual({ host: 'auth.example.com', port: 3025 });
    expect(parseAddress('[::1]:3080')).toEqual({ host: '::1', port: 3080 });
    expect(parseAddress('tenant.teleport.sh')).toEqual({ host: 'tenant.teleport.sh', port: 443 });
  });
});

describe('toWatchItem', () => {
  it('reads INIT, PUT and DELETE and skips other kinds', () => {
    expect(toWatchItem({ Type: 'INIT', Resource: 'WatchStatus' })).toEqual({ type: 'init' });
    expect(
      toWatchItem({
        Type: 'DELETE',
        ResourceHeader: { Kind: 'access_request', Metadata: { Name: 'r1', Expires: null, Revision: '' } },
      }),
    ).toEqual({ type: 'delete', id: 'r1' });
    expect(
      toWatchItem({
        Type: 'DELETE',
        ResourceHeader: { Kind: 'node', Metadata: { Name: 'n1', Expires: null, Revision: '' } },
      }),
    ).toBeNull();
    const put = toWatchItem({
      Type: 'PUT',
      AccessRequest: { Kind: 'access_request', Metadata: { Name: 'r2', Expires: null, Revision: '' }, Spec: null },
    });
    expect(put).toMatchObject({ type: 'put', request: { id: 'r2', state: 'NONE' } });
  });
});
