// Known answers for every Dashboard figure and table, from hand-built rows around a fixed refresh.
import { describe, expect, it } from 'vitest';
import { buildDashboard, type DashboardInput } from '../../../appsscript/src/dashboard/model.js';
import type { MainRow, RelayContact } from '../../../appsscript/src/records/rows.js';
import { nearestRank } from '../../../appsscript/src/dashboard/stats.js';
import { intlZone } from './zones.js';
import { HOUR, MINUTE, ago, decided, historyRow, mainRow } from './rows.js';

const NOW = new Date('2026-03-11T12:00:00.000Z'); // a Wednesday
const UTC = intlZone('UTC');

function input(rows: MainRow[], over: Partial<DashboardInput> = {}): DashboardInput {
  return { rows, history: [], relays: [], now: NOW, zone: UTC, ...over };
}

const at = (days: number, id: string, over: Partial<MainRow> = {}) => mainRow({ id, created: ago(NOW, days), ...over });

const ROWS: MainRow[] = [
  at(2 * HOUR, 'p1'),
  at(30 * HOUR, 'p2'),
  at(40, 'p3'),
  decided(at(1, 'a1'), 'APPROVED', 'alice', HOUR),
  decided(at(10, 'a2', { roles: ['dev', 'db'] }), 'APPROVED', 'bob, @access-bot', 2 * MINUTE),
  decided(at(20, 'pr1', { roles: ['db'] }), 'PROMOTED', 'bob, carol', 3 * HOUR),
  decided(at(5, 'd1', { roles: ['admin', 'admin'] }), 'DENIED', '(no review)', 30 * HOUR),
  at(12, 'e1', { status: 'EXPIRED' }),
  at(31, 'e2', { status: 'EXPIRED' }),
  decided(at(30, 'd2', { roles: ['db'] }), 'DENIED', 'dave', 10 * HOUR),
  decided(at(30 + 1 / 86_400_000, 'a3'), 'APPROVED', 'erin', 100 * HOUR),
  at(3, 'n1', { status: 'NONE' }),
];

describe('figures', () => {
  const { figures } = buildDashboard(input(ROWS));

  it('counts pending requests, those over 24 hours, and the oldest one’s age', () => {
    expect(figures.pendingNow).toBe(3);
    expect(figures.pendingOver24h).toBe(2);
    expect(figures.oldestPending).toBe(40);
  });

  it('counts requests created in the last 7 and 30 × 24 hours, the start of the window included', () => {
    expect(figures.created7d).toBe(5);
    expect(figures.created30d).toBe(9);
  });

  it('rates approvals among decided requests of the last 30 days, promoted counting as approved', () => {
    expect(figures.approvalRate30d).toBe(3 / 5);
  });

  it('takes nearest-rank median and 90th percentile of Time to decision', () => {
    expect(figures.decisionMedian30d).toBe(3 * HOUR);
    expect(figures.decisionP90_30d).toBe(30 * HOUR);
  });

  it('counts expiries and the shares decided by the bot and with no review', () => {
    expect(figures.expired30d).toBe(1);
    expect(figures.automatic30d).toBe(1 / 5);
    expect(figures.noReview30d).toBe(1 / 5);
  });

  it('leaves rates and durations empty when nothing qualifies', () => {
    const empty = buildDashboard(input([at(1, 'x', { status: 'NONE' })])).figures;
    expect(empty).toMatchObject({ pendingNow: 0, oldestPending: null, approvalRate30d: null });
    expect(empty).toMatchObject({ decisionMedian30d: null, decisionP90_30d: null, automatic30d: null });
    expect(empty.noReview30d).toBeNull();
  });
});

describe('nearest rank', () => {
  it('is the value at rank ⌈p/100 × n⌉', () => {
    expect(nearestRank([15, 20, 35, 40, 50], 30)).toBe(20);
    expect(nearestRank([15, 20, 35, 40, 50], 40)).toBe(20);
    expect(nearestRank([15, 20, 35, 40, 50], 50)).toBe(35);
    expect(nearestRank([3, 1, 2, 4], 50)).toBe(2);
    expect(nearestRank([3, 1, 2, 4], 100)).toBe(4);
    expect(nearestRank([7], 90)).toBe(7);
    expect(nearestRank([], 50)).toBeNull();
  });
});

describe('roles, last 30 days', () => {
  it('counts a request once per role it asks for, with approvals, denials, rate and median', () => {
    const { roles } = buildDashboard(input(ROWS));
    expect(roles.map((r) => r.role)).toEqual(['dev', 'db', 'admin']);
    expect(roles[0]).toEqual({
      role: 'dev',
      requests: 6,
      approved: 2,
      denied: 0,
      approvalRate: 1,
      medianDecision: 2 * MINUTE,
      used: null,
    });
    expect(roles[1]).toEqual({
      role: 'db',
      requests: 3,
      approved: 2,
      denied: 1,
      approvalRate: 2 / 3,
      medianDecision: 3 * HOUR,
      used: null,
    });
    expect(roles[2]).toMatchObject({ role: 'admin', requests: 1, denied: 1, approvalRate: 0 });
  });

  it('keeps the top 15 by requests, ties by name', () => {
    const many = Array.from({ length: 20 }, (_, i) =>
      at(1, `r${i}`, { roles: [`role-${String(i).padStart(2, '0')}`] }),
    );
    const { roles } = buildDashboard(input([...many, at(1, 'x', { roles: ['role-19'] })]));
    expect(roles).toHaveLength(15);
    expect(roles[0]).toMatchObject({ role: 'role-19', requests: 2, approvalRate: null, medianDecision: null });
    expect(roles.slice(1).map((r) => r.role)).toEqual(
      Array.from({ length: 14 }, (_, i) => `role-${String(i).padStart(2, '0')}`),
    );
  });
});

describe('reviewers, last 30 days', () => {
  it('counts reviewed events by author with approvals, denials and the median time from request to review', () => {
    const rows = [at(2, 'r1'), at(3, 'r2')];
    const history = [
      historyRow({ time: ago(NOW, 40), requestId: 'old', event: 'requested' }),
      historyRow({ time: ago(NOW, 35), requestId: 'old', event: 'reviewed', by: 'bob', detail: 'APPROVED' }),
      historyRow({ time: ago(NOW, 1), requestId: 'r1', event: 'reviewed', by: 'bob', detail: 'APPROVED — fine' }),
      historyRow({ time: ago(NOW, 2.5), requestId: 'r2', event: 'reviewed', by: 'bob', detail: 'DENIED — no' }),
      historyRow({ time: ago(NOW, 1), requestId: 'r2', event: 'reviewed', by: 'carol', detail: 'PROMOTED' }),
      historyRow({ time: ago(NOW, 1), requestId: 'r2', event: 'approved', by: 'carol', detail: '' }),
      historyRow({ time: ago(NOW, 9), requestId: 'gone', event: 'requested' }),
      historyRow({ time: ago(NOW, 8), requestId: 'gone', event: 'reviewed', by: '@bot', detail: 'APPROVED' }),
    ];
    const { reviewers } = buildDashboard(input(rows, { history }));
    expect(reviewers).toEqual([
      { reviewer: 'bob', reviews: 2, approvals: 1, denials: 1, medianReview: 0.5 },
      { reviewer: '@bot', reviews: 1, approvals: 1, denials: 0, medianReview: 1 },
      { reviewer: 'carol', reviews: 1, approvals: 1, denials: 0, medianReview: 2 },
    ]);
  });
});

describe('waiting longest and clusters', () => {
  const relays: RelayContact[] = [
    { cluster: 'prod', webUrl: 'https://old.example.com', lastContact: ago(NOW, 1) },
    { cluster: 'prod', webUrl: 'https://prod.example.com', lastContact: ago(NOW, 1 * MINUTE) },
    { cluster: 'lab', webUrl: 'http://lab.example.com', lastContact: null },
    { cluster: 'idle', webUrl: 'https://idle.example.com', lastContact: ago(NOW, 3) },
  ];

  it('lists the 10 oldest PENDING requests, linked through the validated link rule', () => {
    const pending = Array.from({ length: 12 }, (_, i) => at(i + 1, `p-${i + 1}`));
    const odd = at(50, 'bad id', { cluster: 'prod' });
    const lab = at(45, 'lab-1', { cluster: 'lab', user: '=HYPERLINK("x")', roles: ['a', 'b'] });
    const { waiting } = buildDashboard(input([...pending, odd, lab, at(60, 'done', { status: 'DENIED' })], { relays }));
    expect(waiting.map((w) => w.id)).toEqual([
      'bad id',
      'lab-1',
      'p-12',
      'p-11',
      'p-10',
      'p-9',
      'p-8',
      'p-7',
      'p-6',
      'p-5',
    ]);
    expect(waiting[0]).toMatchObject({ waiting: 50, cluster: 'prod', link: null });
    expect(waiting[1]).toMatchObject({ user: '=HYPERLINK("x")', roles: ['a', 'b'], link: null });
    expect(waiting[2]!.link).toBe('https://prod.example.com/web/requests/p-12');
  });

  it('gives each cluster its pending count, recent requests and the last contact of its relays', () => {
    const rows = [at(1, 'a'), at(40, 'b'), at(2, 'c', { status: 'APPROVED' }), at(1, 'd', { cluster: 'lab' })];
    const { clusters } = buildDashboard(input(rows, { relays }));
    expect(clusters).toEqual([
      { cluster: 'idle', pending: 0, requests30d: 0, lastContact: ago(NOW, 3) },
      { cluster: 'lab', pending: 1, requests30d: 1, lastContact: null },
      { cluster: 'prod', pending: 2, requests30d: 2, lastContact: ago(NOW, MINUTE) },
    ]);
  });
});
