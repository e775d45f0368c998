// The map by (cluster, id) the Dashboard joins History to rows with, the bot test on Decided by, and
// percentiles read from one sort.
import { describe, expect, it } from 'vitest';
import { decidedByBot } from '../../../appsscript/src/dashboard/model.js';
import { RequestMap } from '../../../appsscript/src/records/request-map.js';
import { nearestRank, nearestRankOfSorted } from '../../../appsscript/src/dashboard/stats.js';

describe('a map by request', () => {
  it('tells apart pairs whose characters would run together in one string', () => {
    const map = new RequestMap<string>();
    map.set('a/b', 'c', 'first');
    map.set('a', 'b/c', 'second');
    map.set('', 'a/b/c', 'third');
    map.set('a\u0000b', 'c', 'fourth');
    expect(map.get('a/b', 'c')).toBe('first');
    expect(map.get('a', 'b/c')).toBe('second');
    expect(map.get('', 'a/b/c')).toBe('third');
    expect(map.get('a\u0000b', 'c')).toBe('fourth');
    expect(map.get('a', 'b\u0000c')).toBeUndefined();
  });

  it('keeps the same id in two clusters apart, and the last value set', () => {
    const map = new RequestMap<number>();
    map.set('prod', 'r1', 1);
    map.set('lab', 'r1', 2);
    map.set('prod', 'r1', 3);
    expect([map.get('prod', 'r1'), map.get('lab', 'r1'), map.get('staging', 'r1')]).toEqual([3, 2, undefined]);
  });
});

describe('decided by the bot', () => {
  it('is any author starting with @, first or after a `, `', () => {
    expect(['@bot', 'bob, @bot', '@bot, bob', 'a, b, @c'].map(decidedByBot)).toEqual([true, true, true, true]);
  });

  it('is no author of a plain list, an address, a comma without its space, or an empty cell', () => {
    expect(['bob, carol', 'bob@example.com', 'bob,@bot', ' @bot', '', '(no review)'].map(decidedByBot)).toEqual([
      ...[false, false, false, false, false, false],
    ]);
  });
});

describe('percentiles of sorted values', () => {
  it('agree with nearestRank on the same values, unsorted', () => {
    const values = [5, 1, 4, 1, 3, 9, 2, 6];
    const sorted = [...values].sort((a, b) => a - b);
    for (const p of [0, 10, 50, 90, 100]) expect(nearestRankOfSorted(sorted, p)).toBe(nearestRank(values, p));
    expect([nearestRankOfSorted(sorted, 50), nearestRankOfSorted(sorted, 90)]).toEqual([3, 9]);
  });

  it('are empty for no values', () => {
    expect(nearestRankOfSorted([], 50)).toBeNull();
  });
});
