// One small, fixed evidence extract shared by the evidence tests (and by the test of the auditors' recipe in docs/).
import { createHash } from 'node:crypto';
import type { HistoryRow, MainRow, RelayContact } from '../../../appsscript/src/records/rows.js';
import { parsePeriod, type Period } from '../../../appsscript/src/evidence/period.js';
import { selectEvidence } from '../../../appsscript/src/evidence/select.js';
import { layoutEvidence, type EvidenceGrid } from '../../../appsscript/src/evidence/layout.js';
import { intlZone } from '../dashboard/zones.js';
import { historyRow, mainRow } from '../dashboard/rows.js';

export const ZONE = intlZone('Europe/Amsterdam');

export const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

export function period(text: string): Period {
  const result = parsePeriod(text, ZONE);
  if (!result.ok) throw new Error(result.error);
  return result.period;
}

// 2026-07 in Amsterdam is [2026-06-30T22:00Z, 2026-07-31T22:00Z).
export const ROWS: MainRow[] = [
  mainRow({ id: 'before', created: new Date('2026-06-30T21:59:59.999Z') }),
  {
    ...mainRow({ id: 'r-2', created: new Date('2026-07-10T08:00:00.000Z'), user: 'bob', roles: ['db', 'dev'] }),
    ...{ status: 'APPROVED', reason: 'fix\tthe "index", fast', resources: 'node/a\nnode/b' },
    ...{ reviews: 'carol: APPROVED', decidedBy: 'carol' },
    ...{ decided: new Date('2026-07-10T09:30:00.250Z'), timeToDecision: 5400.25 / 86400, updated: null },
    ...{ assumed: new Date('2026-07-10T10:00:00.000Z'), firstUsed: new Date('2026-07-10T10:05:00.000Z') },
    ...{ lastUsed: new Date('2026-07-12T16:00:00.000Z'), sessions: 3, usedFor: 'ssh, kube' },
  },
  mainRow({ id: 'r-1', created: new Date('2026-06-30T22:00:00.000Z'), user: '=SUM(1,2)', reason: 'naïve 🔑' }),
  mainRow({ id: 'lab-1', created: new Date('2026-07-02T00:00:00.000Z'), cluster: 'lab', status: 'EXPIRED' }),
  mainRow({ id: 'after', created: new Date('2026-07-31T22:00:00.000Z') }),
];

export const HISTORY: HistoryRow[] = [
  historyRow({ time: new Date('2026-07-10T09:30:00.250Z'), requestId: 'r-2', event: 'reviewed', by: 'carol' }),
  historyRow({ time: new Date('2026-06-30T22:00:00.000Z'), requestId: 'r-1', event: 'requested', by: '=SUM(1,2)' }),
  historyRow({ time: new Date('2026-07-10T08:00:00.000Z'), requestId: 'r-2', event: 'requested', by: 'bob' }),
  historyRow({ time: new Date('2026-07-01T00:00:00.000Z'), requestId: 'before', event: 'reviewed', by: 'x' }),
  historyRow({ time: new Date('2026-07-03T00:00:00.000Z'), requestId: 'lab-1', event: 'expired', cluster: 'lab' }),
];

export const RELAYS: RelayContact[] = [
  { cluster: 'prod', webUrl: 'https://prod.example.com', lastContact: new Date('2026-08-01T00:00:00Z') },
];

export const GENERATED_AT = new Date('2026-08-02T07:00:00.000Z');

export function julyGrid(clusters: string[] | null = ['prod'], text = '2026-07'): EvidenceGrid {
  const selection = selectEvidence({ rows: ROWS, history: HISTORY, relays: RELAYS, period: period(text), clusters });
  const meta = { period: period(text), zone: ZONE.id, generatedAt: GENERATED_AT, generatedBy: 'auditor@example.com' };
  return layoutEvidence(selection, meta, sha256Hex);
}

/** The grid as getValues would return it after setValues: literal text loses its apostrophe. */
export function readBack(grid: EvidenceGrid): unknown[][] {
  return grid.values.map((row) => row.map((cell) => (typeof cell === 'string' ? cell.replace(/^'/, '') : cell)));
}
