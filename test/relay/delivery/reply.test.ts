import { describe, expect, it } from 'vitest';
import { explainReason, explainVerdict } from '../../../relay/src/delivery/explain.js';
import { classifyReply, REFUSED_REASONS, RETRY_REASONS, type Verdict } from '../../../relay/src/delivery/reply.js';
import type { SendResult } from '../../../relay/src/delivery/sheet-client.js';

// The retry policy, one named row per reply kind. No row drops work: everything but a valid
// ok:true reply is retried ("refused" rows too, loudly).

const json = (body: unknown, status = 200): SendResult => ({
  kind: 'response',
  status,
  contentType: 'application/json; charset=utf-8',
  body: JSON.stringify(body),
});
const html = (body: string, status = 200): SendResult => ({
  kind: 'response',
  status,
  contentType: 'text/html; charset=utf-8',
  body,
});

const TABLE: [name: string, result: SendResult, ops: number, expected: Verdict][] = [
  [
    'T01 ok:true with counts that add up → delivered',
    json({ ok: true, applied: 2, stale: 1, resync: false }),
    3,
    { kind: 'delivered', applied: 2, stale: 1, resync: false },
  ],
  [
    'T02 ok:true carrying resync → delivered, resync asked',
    json({ ok: true, applied: 1, stale: 0, resync: true }),
    1,
    { kind: 'delivered', applied: 1, stale: 0, resync: true },
  ],
  [
    'T03 Apps Script error page (HTML, status 200) → retry',
    html('<!DOCTYPE html><html><head><title>Error</title></head><body>TypeError</body></html>'),
    1,
    { kind: 'retry', reason: 'html_page' },
  ],
  [
    'T04 quota page "too many simultaneous invocations" → retry',
    html('<html><body>Service invoked too many times in a short time: exec qps.</body></html>'),
    1,
    { kind: 'retry', reason: 'html_page' },
  ],
  [
    'T05 "completed but did not return anything" → retry',
    html('The script completed but did not return anything.'),
    1,
    { kind: 'retry', reason: 'html_page' },
  ],
  [
    'T06 HTML served as text/plain → retry',
    { kind: 'response', status: 200, contentType: 'text/plain', body: '<html>Error</html>' },
    1,
    { kind: 'retry', reason: 'html_page' },
  ],
  [
    'T07 not JSON → retry',
    { kind: 'response', status: 200, contentType: 'application/json', body: 'ok' },
    1,
    { kind: 'retry', reason: 'not_json' },
  ],
  ['T08 JSON array → retry', json([1]), 1, { kind: 'retry', reason: 'bad_shape' }],
  ['T09 ok:true missing counts → retry', json({ ok: true }), 1, { kind: 'retry', reason: 'bad_shape' }],
  [
    'T10 ok:true with negative or fractional counts → retry',
    json({ ok: true, applied: -1, stale: 1.5, resync: false }),
    1,
    { kind: 'retry', reason: 'bad_shape' },
  ],
  [
    'T11 ok:true whose counts do not add up → retry',
    json({ ok: true, applied: 1, stale: 0, resync: false }),
    2,
    { kind: 'retry', reason: 'count_mismatch' },
  ],
  [
    'T12 ok:"true" (a string) → retry',
    json({ ok: 'true', applied: 1, stale: 0, resync: false }),
    1,
    { kind: 'retry', reason: 'bad_shape' },
  ],
  ['T13 busy → retry', json({ ok: false, error: 'busy', message: 'lock' }), 1, { kind: 'retry', reason: 'busy' }],
  [
    'T14 internal → retry',
    json({ ok: false, error: 'internal', message: 'x' }),
    1,
    { kind: 'retry', reason: 'internal' },
  ],
  [
    'T15 replayed → retry (a fresh nonce heals it)',
    json({ ok: false, error: 'replayed', message: 'x' }),
    1,
    { kind: 'retry', reason: 'replayed' },
  ],
  [
    'T16 bad_signature → refused (retried; a human must act)',
    json({ ok: false, error: 'bad_signature', message: 'x' }),
    1,
    { kind: 'refused', reason: 'bad_signature' },
  ],
  [
    'T17 clock_skew → refused (retried; a human must act)',
    json({ ok: false, error: 'clock_skew', message: 'x' }),
    1,
    { kind: 'refused', reason: 'clock_skew' },
  ],
  [
    'T18 bad_request → refused (retried; a human must act)',
    json({ ok: false, error: 'bad_request', message: 'x' }),
    1,
    { kind: 'refused', reason: 'bad_request' },
  ],
  [
    'T19 ok:false with an unknown error code → retry',
    json({ ok: false, error: 'nope', message: 'x' }),
    1,
    { kind: 'retry', reason: 'bad_shape' },
  ],
  ['T20 HTTP 500/502/503 → retry', html('<html>Bad Gateway</html>', 502), 1, { kind: 'retry', reason: 'http_5xx' }],
  [
    'T21 HTTP 404 (deployment gone) → retry',
    html('<html>Not Found</html>', 404),
    1,
    { kind: 'retry', reason: 'http_4xx' },
  ],
  [
    'T22 HTTP 302 not followed → retry',
    { kind: 'response', status: 302, contentType: '', body: '' },
    1,
    { kind: 'retry', reason: 'http_other' },
  ],
  [
    'T23 a valid JSON reply with a 500 status → retry',
    json({ ok: true, applied: 1, stale: 0, resync: false }, 500),
    1,
    { kind: 'retry', reason: 'http_5xx' },
  ],
  ['T24 timeout → retry', { kind: 'transport', code: 'timeout' }, 1, { kind: 'retry', reason: 'timeout' }],
  [
    'T25 connection reset (reply lost) → retry',
    { kind: 'transport', code: 'reset' },
    1,
    { kind: 'retry', reason: 'reset' },
  ],
  ['T26 connection refused → retry', { kind: 'transport', code: 'refused' }, 1, { kind: 'retry', reason: 'refused' }],
  ['T27 DNS failure → retry', { kind: 'transport', code: 'dns' }, 1, { kind: 'retry', reason: 'dns' }],
  ['T28 TLS failure → retry', { kind: 'transport', code: 'tls' }, 1, { kind: 'retry', reason: 'tls' }],
  [
    'T29 full (§12: at the cell limit, nothing applied) → retry, kept',
    json({ ok: false, error: 'full', message: 'grid cells' }),
    1,
    { kind: 'retry', reason: 'full' },
  ],
  [
    'T30 ok:true carrying cells (§12) → delivered, with the cells',
    json({ ok: true, applied: 1, stale: 0, resync: false, cells: 1_234_567 }),
    1,
    { kind: 'delivered', applied: 1, stale: 0, resync: false, cells: 1_234_567 },
  ],
  [
    'T31 ok:true with cells that are not a count → retry',
    json({ ok: true, applied: 1, stale: 0, resync: false, cells: '1234567' }),
    1,
    { kind: 'retry', reason: 'bad_shape' },
  ],
];

describe('classifyReply: the retry policy', () => {
  it.each(TABLE)('%s', (_name, result, ops, expected) => {
    expect(classifyReply(result, ops)).toEqual(expected);
  });
});

describe('explainVerdict: the sentences at the edge', () => {
  it.each([...RETRY_REASONS, ...REFUSED_REASONS])('%s has a sentence with what to do', (reason) => {
    expect(explainReason(reason).length).toBeGreaterThan(20);
  });

  it('names the reason, then explains it', () => {
    const verdict = classifyReply(json({ ok: false, error: 'bad_signature', message: '' }), 1);
    expect(explainVerdict(verdict)).toMatch(/^bad_signature: .*Set up menu/);
    expect(explainVerdict({ kind: 'retry', reason: 'timeout' })).toMatch(/^timeout: .*script\.google\.com$/);
  });

  it('says a full sheet keeps every op and names the fix: Archive…, or deleting tabs', () => {
    const verdict = classifyReply(json({ ok: false, error: 'full', message: '' }), 1);
    expect(explainVerdict(verdict)).toMatch(/^full: .*keeps every op.*Teleport → Archive….*delete tabs/);
  });
});
