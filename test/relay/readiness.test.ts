import { describe, expect, it } from 'vitest';
import { readiness, type ReadinessInput } from '../../relay/src/readiness.js';

// /readyz as a table: each row is what the parts report, and the checks that must fail (none: ready).

const NOW = Date.parse('2030-01-01T12:00:00Z');
const MIN = 60_000;
const HEALTHY: ReadinessInput = {
  now: NOW,
  certificateNotAfter: new Date(NOW + 8 * 60 * MIN),
  streamUp: true,
  firstSyncDelivered: true,
  failingSince: null,
  lastFailure: null,
  sheetFull: false,
};

const TABLE: [name: string, change: Partial<ReadinessInput>, failing: string[]][] = [
  ['everything fine → ready', {}, []],
  ['not started yet → not ready', { certificateNotAfter: null }, ['started']],
  ['stream down → not ready', { streamUp: false }, ['stream']],
  ['first sync not delivered yet → not ready', { firstSyncDelivered: false }, ['first_sync']],
  ['certificate expires in 10 min → ready', { certificateNotAfter: new Date(NOW + 10 * MIN) }, []],
  [
    'certificate expires in 5 min, unrenewed → not ready',
    { certificateNotAfter: new Date(NOW + 5 * MIN) },
    ['credentials'],
  ],
  ['certificate expired → not ready', { certificateNotAfter: new Date(NOW - 1) }, ['credentials']],
  ['deliveries failing for 2 min → ready', { failingSince: NOW - 2 * MIN, lastFailure: 'html_page' }, []],
  ['deliveries failing for 3 min → not ready', { failingSince: NOW - 3 * MIN, lastFailure: 'timeout' }, ['delivery']],
  [
    'the sheet answered full → not ready at once, before the delivery grace',
    { failingSince: NOW, lastFailure: 'full', sheetFull: true },
    ['sheet_room'],
  ],
  [
    'full for 5 min → not ready, delivery failing too',
    { failingSince: NOW - 5 * MIN, lastFailure: 'full', sheetFull: true },
    ['sheet_room', 'delivery'],
  ],
  [
    'stream down and no first sync → both named',
    { streamUp: false, firstSyncDelivered: false },
    ['stream', 'first_sync'],
  ],
];

describe('readiness', () => {
  it.each(TABLE)('%s', (_name, change, failing) => {
    const result = readiness({ ...HEALTHY, ...change });
    expect(result.checks.filter((c) => !c.ok).map((c) => c.name)).toEqual(failing);
    expect(result.ready).toBe(failing.length === 0);
  });

  it('says why, with the fix for an expired certificate and the reason deliveries fail', () => {
    const expired = readiness({ ...HEALTHY, certificateNotAfter: new Date(NOW - 1) });
    expect(expired.checks[0]!.detail).toMatch(/^certificate expired at .*: renew the identity/);
    const failing = readiness({ ...HEALTHY, failingSince: NOW - 4 * MIN, lastFailure: 'timeout' });
    expect(failing.checks.find((c) => c.name === 'delivery')!.detail).toBe('failing for 240 s (timeout)');
    const full = readiness({ ...HEALTHY, failingSince: NOW, lastFailure: 'full', sheetFull: true });
    expect(full.checks.find((c) => c.name === 'sheet_room')!.detail).toMatch(/full.*Archive…/);
  });
});
