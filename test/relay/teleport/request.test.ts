import { describe, expect, it } from 'vitest';
import {
  isExpired,
  timestampToIso,
  timesOutOfRange,
  toRequest,
  UNSET_SECONDS,
} from '../../../relay/src/teleport/request.js';
import type { WireAccessRequest, WireAccessRequestSpec } from '../../../relay/src/teleport/api.js';

const unset = { seconds: UNSET_SECONDS, nanos: 0 };
const t = (iso: string) => {
  const ms = Date.parse(iso);
  return { seconds: Math.floor(ms / 1000), nanos: (ms % 1000) * 1e6 };
};

function spec(overrides: Partial<WireAccessRequestSpec> = {}): WireAccessRequestSpec {
  return {
    User: 'alice',
    Roles: ['db-admin', 'auditor'],
    State: 'PENDING',
    Created: t('2025-11-23T12:00:00.250Z'),
    Expires: t('2025-11-30T12:00:00Z'),
    RequestReason: 'incident #42',
    ResolveReason: '',
    Reviews: [],
    SuggestedReviewers: ['bob'],
    RequestedResourceIDs: [],
    MaxDuration: unset,
    accessList: null,
    AssumeStartTime: null,
    ResourceExpiry: t('2025-11-24T12:00:00Z'),
    ...overrides,
  };
}

function wire(s: WireAccessRequestSpec, expires = t('2025-11-24T12:00:00Z')): WireAccessRequest {
  return {
    Kind: 'access_request',
    Metadata: { Name: '0b7c1e2a-5d7e-4a3b-9c1d-2f3e4a5b6c7d', Expires: expires, Revision: 'r1' },
    Spec: s,
  };
}

describe('toRequest (contract §3 from types.AccessRequestV3)', () => {
  it('maps a pending request field by field', () => {
    const s = spec({
      RequestedResourceIDs: [{ ClusterName: 'example.com', Kind: 'node', Name: 'web-1', SubResourceName: '' }],
    });
    expect(toRequest(wire(s))).toEqual({
      id: '0b7c1e2a-5d7e-4a3b-9c1d-2f3e4a5b6c7d',
      user: 'alice',
      roles: ['db-admin', 'auditor'],
      resources: [{ cluster: 'example.com', kind: 'node', name: 'web-1', subResource: '' }],
      state: 'PENDING',
      reason: 'incident #42',
      resolveReason: '',
      created: '2025-11-23T12:00:00.250Z',
      requestExpires: '2025-11-24T12:00:00.000Z',
      accessExpires: '2025-11-30T12:00:00.000Z',
      suggestedReviewers: ['bob'],
      reviews: [],
      promotedTo: null,
      assumeStart: null,
      maxDuration: null,
    });
  });

  it('maps reviews by their proposed state and the access list title when promoted', () => {
    const s = spec({
      State: 'PROMOTED',
      ResolveReason: 'promoted',
      accessList: { Name: 'al-1', Title: 'On-call DBAs' },
      Reviews: [
        { Author: 'bob', ProposedState: 'APPROVED', Reason: 'ok', Created: t('2025-11-23T13:00:00Z') },
        { Author: 'carol', ProposedState: 'PROMOTED', Reason: '', Created: t('2025-11-23T14:00:00Z') },
      ],
    });
    const r = toRequest(wire(s));
    expect(r.state).toBe('PROMOTED');
    expect(r.promotedTo).toBe('On-call DBAs');
    expect(r.reviews).toEqual([
      { author: 'bob', state: 'APPROVED', reason: 'ok', created: '2025-11-23T13:00:00.000Z' },
      { author: 'carol', state: 'PROMOTED', reason: '', created: '2025-11-23T14:00:00.000Z' },
    ]);
  });

  it('ignores an access list unless the request is PROMOTED', () => {
    expect(toRequest(wire(spec({ State: 'APPROVED', accessList: { Name: 'x', Title: 'X' } }))).promotedTo).toBeNull();
  });

  it('turns Teleport’s year-1 timestamps into null', () => {
    const r = toRequest(wire(spec({ Expires: unset, ResourceExpiry: unset }), unset));
    expect(r.accessExpires).toBeNull();
    expect(r.requestExpires).toBeNull();
    expect(timestampToIso(null)).toBeNull();
    expect(timestampToIso({ seconds: UNSET_SECONDS - 1, nanos: 0 })).toBeNull();
  });

  it('falls back to Metadata.Expires for the request expiry only while pending', () => {
    const pending = toRequest(wire(spec({ ResourceExpiry: null }), t('2025-11-25T00:00:00Z')));
    expect(pending.requestExpires).toBe('2025-11-25T00:00:00.000Z');
    const approved = toRequest(wire(spec({ State: 'APPROVED', ResourceExpiry: null }), t('2025-11-30T12:00:00Z')));
    expect(approved.requestExpires).toBeNull();
  });

  it('maps AssumeStartTime and MaxDuration to assumeStart and maxDuration (§7)', () => {
    const r = toRequest(
      wire(spec({ AssumeStartTime: t('2025-11-24T09:00:00Z'), MaxDuration: t('2025-11-24T17:00:00Z') })),
    );
    expect(r.assumeStart).toBe('2025-11-24T09:00:00.000Z');
    expect(r.maxDuration).toBe('2025-11-24T17:00:00.000Z');
    expect(timesOutOfRange(r)).toEqual([]);
  });

  it('sends null for a time outside 1970–9999 and names the field, never a +010000 date', () => {
    const year10000 = { seconds: Date.UTC(10000, 0, 1) / 1000, nanos: 0 };
    const beyondDate = { seconds: 1e15, nanos: 0 };
    const r = toRequest(
      wire(
        spec({
          State: 'APPROVED',
          Expires: year10000,
          MaxDuration: beyondDate,
          AssumeStartTime: t('1969-07-20T20:17:00Z'),
          Reviews: [{ Author: 'bob', ProposedState: 'APPROVED', Reason: '', Created: year10000 }],
        }),
      ),
    );
    expect(r.accessExpires).toBeNull();
    expect(r.maxDuration).toBeNull();
    expect(r.assumeStart).toBeNull();
    expect(r.reviews[0]!.created).toBe('1970-01-01T00:00:00.000Z');
    expect(timesOutOfRange(r)).toEqual(['accessExpires', 'reviews[0].created', 'assumeStart', 'maxDuration']);
    expect(timestampToIso({ seconds: 253_402_300_799, nanos: 999_000_000 })).toBe('9999-12-31T23:59:59.999Z');
  });

  it('maps a state it does not know to NONE', () => {
    expect(toRequest(wire(spec({ State: 9 }))).state).toBe('NONE');
  });
});

describe('isExpired', () => {
  const r = toRequest(wire(spec()));
  it('uses the request expiry while pending', () => {
    expect(isExpired(r, Date.parse('2025-11-24T11:59:59Z'))).toBe(false);
    expect(isExpired(r, Date.parse('2025-11-24T12:00:01Z'))).toBe(true);
  });
  it('uses the access expiry once resolved', () => {
    const approved = { ...r, state: 'APPROVED' as const };
    expect(isExpired(approved, Date.parse('2025-11-25T00:00:00Z'))).toBe(false);
    expect(isExpired(approved, Date.parse('2025-11-30T12:00:01Z'))).toBe(true);
  });
  it('never expires a request without an expiry', () => {
    expect(isExpired({ ...r, requestExpires: null }, Date.parse('2099-01-01T00:00:00Z'))).toBe(false);
  });
});
