// Known answers for the Dashboard's usage figures (contract §14): "Approved, never used" and the
// Used share per role, counted only in clusters known to read usage.
import { describe, expect, it } from 'vitest';
import { buildDashboard, type DashboardInput } from '../../../appsscript/src/dashboard/model.js';
import type { MainRow, RelayContact } from '../../../appsscript/src/records/rows.js';
import { intlZone } from './zones.js';
import { HOUR, ago, decided, mainRow } from './rows.js';

const NOW = new Date('2026-03-11T12:00:00.000Z');

function input(rows: MainRow[], relays: RelayContact[]): DashboardInput {
  return { rows, history: [], relays, now: NOW, zone: intlZone('UTC') };
}

/** Granted `days` ago for a day: its access ended `days - 1` days ago (in the future for days < 1). */
function granted(id: string, days: number, over: Partial<MainRow> = {}): MainRow {
  const row = decided(mainRow({ id, created: ago(NOW, days), roles: ['dev'], ...over }), 'APPROVED', 'bob', HOUR);
  return { ...row, accessStarts: ago(NOW, days), accessExpires: ago(NOW, days - 1), ...over };
}

const used = (at: Date): Partial<MainRow> => ({ firstUsed: at, lastUsed: at, sessions: 1, usedFor: 'ssh' });

const relay = (cluster: string, readsUsage: boolean | null): RelayContact => ({
  cluster,
  webUrl: 'https://x.example.com',
  lastContact: ago(NOW, 0.001),
  readsUsage,
});

describe('Approved, never used', () => {
  const rows = [
    granted('unused', 5),
    granted('unused-promoted', 3, { status: 'PROMOTED' }),
    granted('used', 5, used(ago(NOW, 4.5))),
    granted('assumed-only', 6, { assumed: ago(NOW, 5.9), sessions: 0 }),
    granted('still-running', 0.5),
    granted('ended-long-ago', 45),
    { ...granted('denied', 5), status: 'DENIED' },
    granted('other-cluster', 5, { cluster: 'lab' }),
  ];

  it('counts granted access that ended in the last 30 days with no First used, in clusters reading usage', () => {
    const { figures } = buildDashboard(input(rows, [relay('prod', true), relay('lab', false)]));
    expect(figures.neverUsed30d).toBe(3);
  });

  const plain = rows.filter((row) => row.sessions === null);

  it('is empty when no cluster reads usage, so an old relay never makes every approval look unused', () => {
    expect(buildDashboard(input(plain, [relay('prod', false)])).figures.neverUsed30d).toBeNull();
    expect(buildDashboard(input(plain, [relay('prod', null), relay('lab', null)])).figures.neverUsed30d).toBeNull();
  });

  it('knows a cluster reads usage from a row holding usage when its relay does not say', () => {
    const lab = [...plain, granted('lab-used', 2, { cluster: 'lab', ...used(NOW) })];
    expect(buildDashboard(input(lab, [relay('prod', null)])).figures.neverUsed30d).toBe(1);
  });
});

describe('the Used share per role', () => {
  it('is the share of granted requests of the last 30 days with a First used, in clusters reading usage', () => {
    const rows = [
      granted('a', 2, used(ago(NOW, 1))),
      granted('b', 3),
      granted('c', 4, { roles: ['dev', 'db'], ...used(ago(NOW, 3)) }),
      { ...granted('d', 4), status: 'DENIED' },
      granted('e', 40, used(ago(NOW, 39))),
      granted('f', 2, { cluster: 'lab' }),
    ];
    const { roles } = buildDashboard(input(rows, [relay('prod', true)]));
    expect(roles.find((r) => r.role === 'dev')).toMatchObject({ requests: 5, approved: 4, used: 2 / 3 });
    expect(roles.find((r) => r.role === 'db')).toMatchObject({ requests: 1, used: 1 });
    const unread = rows.map((row) => ({ ...row, firstUsed: null, lastUsed: null, sessions: null, usedFor: '' }));
    const none = buildDashboard(input(unread, [])).roles.find((r) => r.role === 'dev');
    expect(none?.used).toBeNull();
  });
});
