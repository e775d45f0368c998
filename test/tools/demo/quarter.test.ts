// The demo's past quarter: the same requests for the same seed, each one's times in the order
// Teleport would give them, and the mix an operator sees after a quarter.
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../e2e/workload.js';
import { APPROVAL_BOT, QUARTER_DAYS, planQuarter } from './quarter.js';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 18, 15, 42); // a Wednesday afternoon
const plan = (seed = 2026, now = NOW) => planQuarter(seededRandom(seed), now, { perWorkday: 3 });

describe('the quarter before the demo', () => {
  it('is the same for the same seed, and another for another seed', () => {
    expect(plan()).toEqual(plan());
    expect(plan(7)).not.toEqual(plan());
  });

  it('keeps its earlier days whatever the hour it starts at', () => {
    const later = plan(2026, NOW + 5 * 3600_000);
    const before = (requests: ReturnType<typeof plan>) => requests.filter((r) => r.created!.getTime() < NOW - 2 * DAY);
    expect(before(later).map((r) => [r.created, r.user, r.roles])).toEqual(
      before(plan()).map((r) => [r.created, r.user, r.roles]),
    );
  });

  it('creates requests on every working day of twelve weeks, fewer at weekends', () => {
    const requests = plan();
    const days = new Map<number, number>();
    for (const r of requests) {
      const created = r.created!.getTime();
      expect(created).toBeGreaterThan(NOW - (QUARTER_DAYS + 1) * DAY);
      expect(created).toBeLessThan(NOW);
      const day = Math.floor(created / DAY);
      days.set(day, (days.get(day) ?? 0) + 1);
    }
    const weekday = (day: number) => new Date(day * DAY).getUTCDay();
    const workdays = [...Array(QUARTER_DAYS).keys()]
      .map((i) => Math.floor(NOW / DAY) - QUARTER_DAYS + i)
      .filter((day) => ![0, 6].includes(weekday(day)));
    for (const day of workdays) expect(days.get(day) ?? 0).toBeGreaterThan(0);
    const perDay = (weekend: boolean) => {
      const counts = [...days].filter(([day]) => [0, 6].includes(weekday(day)) === weekend).map(([, n]) => n);
      return counts.reduce((a, b) => a + b, 0) / Math.max(1, counts.length);
    };
    expect(perDay(true)).toBeLessThan(perDay(false));
  });

  it('decides each request at most once, after it was asked and before it lapsed or now', () => {
    for (const r of plan()) {
      const created = r.created!.getTime();
      expect(r.requestExpires).toEqual(r.accessExpires);
      if (r.state === 'PENDING') {
        expect(r.reviews ?? []).toEqual([]);
        continue;
      }
      expect(r.reviews).toHaveLength(1);
      const review = r.reviews![0]!;
      expect(review.state).toBe(r.state);
      expect(review.author).not.toBe(r.user);
      expect(review.created.getTime()).toBeGreaterThan(created);
      expect(review.created.getTime()).toBeLessThanOrEqual(NOW);
      expect(review.created.getTime()).toBeLessThan(r.accessExpires!.getTime());
      expect(r.promotedTo !== null).toBe(r.state === 'PROMOTED');
    }
  });

  it('has the mix of a real quarter: people and the bot, denials, lapses, waits of minutes to days', () => {
    const requests = plan();
    const states = (state: string) => requests.filter((r) => r.state === state);
    const byBot = requests.filter((r) => r.reviews?.[0]?.author === APPROVAL_BOT);
    const byPeople = requests.filter((r) => r.reviews?.length && r.reviews[0]!.author !== APPROVAL_BOT);
    expect(byBot.length).toBeGreaterThan(requests.length / 10);
    expect(byPeople.length).toBeGreaterThan(byBot.length);
    expect(states('DENIED').length).toBeGreaterThan(requests.length / 20);
    expect(states('PROMOTED').length).toBeGreaterThan(0);
    const pending = states('PENDING');
    expect(pending.filter((r) => r.requestExpires!.getTime() <= NOW).length).toBeGreaterThan(requests.length / 20);
    expect(pending.filter((r) => r.requestExpires!.getTime() > NOW).length).toBeGreaterThan(0);
    const waits = byPeople.map((r) => r.reviews![0]!.created.getTime() - r.created!.getTime()).sort((a, b) => a - b);
    expect(waits[0]).toBeLessThan(10 * 60_000);
    expect(waits.at(-1)).toBeGreaterThan(DAY);
    expect(new Set(requests.map((r) => r.user)).size).toBeGreaterThan(8);
    expect(new Set(requests.map((r) => r.roles!.join())).size).toBeGreaterThan(5);
  });
});
