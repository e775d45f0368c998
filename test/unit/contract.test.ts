import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  compareVersions,
  encodeAsciiJson,
  requestLink,
  signingString,
  signingStringV2,
  versionOf,
  type Request,
} from '../../proto/contract.js';
import { VECTOR, VECTOR_V2 } from '../contract-vector.js';

describe('contract test vector (§1)', () => {
  it('signs the vector to the published signature', () => {
    const sig = createHmac('sha256', VECTOR.secret)
      .update(signingString(Number(VECTOR.ts), VECTOR.nonce, VECTOR.body))
      .digest('hex');
    expect(sig).toBe(VECTOR.sig);
  });

  it('encodes the vector body byte for byte', () => {
    const batch = {
      v: 1,
      cluster: 'example.teleport.sh',
      webUrl: 'https://example.teleport.sh',
      relay: 'relay/1.0.0',
      ops: [{ op: 'heartbeat', at: '2025-11-23T12:13:20.000Z' }],
    };
    expect(encodeAsciiJson(batch)).toBe(VECTOR.body);
  });
});

describe('contract test vector (§11, signature v2)', () => {
  it('signs the vector for its cluster to the published v2 signature', () => {
    const { secret, cluster, ts, nonce, body } = VECTOR_V2;
    const sig = createHmac('sha256', secret)
      .update(signingStringV2(cluster, ts, nonce, body))
      .digest('hex');
    expect(sig).toBe(VECTOR_V2.sig);
  });

  it('binds the cluster: the same message for another cluster, or signed v1, is another signature', () => {
    const { secret, ts, nonce, body } = VECTOR_V2;
    const other = createHmac('sha256', secret)
      .update(signingStringV2('staging', ts, nonce, body))
      .digest('hex');
    expect(other).not.toBe(VECTOR_V2.sig);
    expect(VECTOR.sig).not.toBe(VECTOR_V2.sig);
  });
});

describe('encodeAsciiJson', () => {
  it('escapes everything above U+007E, astral characters as surrogate pairs', () => {
    const out = encodeAsciiJson({ s: 'é\u007f~ 🔑 שלום' });
    expect(out).toBe('{"s":"\\u00e9\\u007f~ \\ud83d\\udd11 \\u05e9\\u05dc\\u05d5\\u05dd"}');
    expect([...out].every((c) => c.charCodeAt(0) <= 0x7e)).toBe(true);
    expect(JSON.parse(out)).toEqual({ s: 'é\u007f~ 🔑 שלום' });
  });
});

describe('versions (§5)', () => {
  const req = (state: Request['state'], reviews: number) => ({
    state,
    reviews: Array.from({ length: reviews }, () => ({
      author: 'a',
      state: 'APPROVED' as const,
      reason: '',
      created: '',
    })),
  });

  it('orders by state rank, then by number of reviews', () => {
    expect(compareVersions(versionOf(req('PENDING', 2)), versionOf(req('PENDING', 1)))).toBeGreaterThan(0);
    expect(compareVersions(versionOf(req('APPROVED', 0)), versionOf(req('PENDING', 5)))).toBeGreaterThan(0);
    expect(compareVersions(versionOf(req('DENIED', 1)), versionOf(req('APPROVED', 1)))).toBeGreaterThan(0);
    expect(compareVersions(versionOf(req('PROMOTED', 1)), versionOf(req('APPROVED', 1)))).toBe(0);
    expect(compareVersions(versionOf(req('NONE', 3)), versionOf(req('PENDING', 0)))).toBeLessThan(0);
  });
});

describe('requestLink', () => {
  it('builds links only from an https base and a plain id', () => {
    expect(requestLink('https://t.example.com/', 'abc-123')).toBe('https://t.example.com/web/requests/abc-123');
    expect(requestLink('http://t.example.com', 'abc')).toBeNull();
    expect(requestLink('https://t.example.com"onmouseover=x', 'abc')).toBeNull();
    expect(requestLink('https://t.example.com', '../x')).toBeNull();
    expect(requestLink('javascript:alert(1)', 'abc')).toBeNull();
  });
});
