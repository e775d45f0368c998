// Known answers for what Reformat and a new tab decide: which rules are ours, which links are
// rebuilt, what a narrow tab gets inserted, what is sorted.
import { describe, expect, it } from 'vitest';
import { TEST_MAC, sealedMeta } from '../fixtures.js';
import { COLUMN_COUNT, LINK_LABEL, STATUS_COLOURS } from '../../../appsscript/src/rows/columns.js';
import type { FormatRule } from '../../../appsscript/src/gas/platform.js';
import { columnInsertions, isStatusRule, relinks, sortArea, statusRules } from '../../../appsscript/src/rows/layout.js';
import { type RowMeta } from '../../../appsscript/src/rows/rowmeta.js';
import { COL } from '../../../appsscript/src/ledger/layout.js';

const rule = (criteria: string | null, value: unknown, ...ranges: [number, number][]): FormatRule => ({
  criteria,
  values: [value],
  ranges: ranges.map(([column, columns]) => ({ column, columns })),
});

const sealed = (o: Partial<RowMeta>): string => sealedMeta({ cluster: 'c', ...o });

describe('status rules', () => {
  it('makes one text rule per status on the Status column from row 2', () => {
    expect(statusRules()).toEqual(
      Object.entries(STATUS_COLOURS).map(([text, background]) => ({
        text,
        background,
        column: COL.status,
        fromRow: 2,
      })),
    );
    expect(statusRules().map((r) => r.text)).toEqual(['PENDING', 'APPROVED', 'PROMOTED', 'DENIED', 'EXPIRED', 'NONE']);
  });

  it('counts as ours exactly a text-equal rule for a status on the Status column alone', () => {
    expect(isStatusRule(rule('TEXT_EQUAL_TO', 'DENIED', [COL.status, 1]))).toBe(true);
    expect(isStatusRule(rule('TEXT_EQUAL_TO', 'DENIED', [COL.status, 1], [COL.status, 1]))).toBe(true);
    expect(isStatusRule(rule('TEXT_EQUAL_TO', 'alice', [COL.status, 1]))).toBe(false);
    expect(isStatusRule(rule('TEXT_EQUAL_TO', 'DENIED', [COL.user, 1]))).toBe(false);
    expect(isStatusRule(rule('TEXT_EQUAL_TO', 'DENIED', [COL.status, 2]))).toBe(false);
    expect(isStatusRule(rule('TEXT_EQUAL_TO', 'DENIED', [COL.status, 1], [COL.user, 1]))).toBe(false);
    expect(isStatusRule(rule('TEXT_CONTAINS', 'DENIED', [COL.status, 1]))).toBe(false);
    expect(isStatusRule(rule(null, 'DENIED', [COL.status, 1]))).toBe(false);
    expect(isStatusRule(rule('TEXT_EQUAL_TO', 3, [COL.status, 1]))).toBe(false);
  });
});

describe('relinks', () => {
  it('rebuilds the link of every row sealed as its own from its id and cluster, and keeps what the others show', () => {
    const urls = { c: 'https://example.teleport.sh', d: 'javascript:x' };
    const forged = JSON.stringify({ i: 'a', c: 'c', s: 'PENDING', r: 1, n: 0, u: 'https://evil.example/' });
    const versions = [sealed({}), sealed({ cluster: 'd' }), sealed({ cluster: 'e' }), forged, 'someone', '', 7];
    const clusters = ['c', 'd', 'e', 'c', '', '', ''];
    const ids = versions.map(() => 'a');
    expect(relinks({ ids, clusters, versions }, TEST_MAC, urls)).toEqual([
      { text: LINK_LABEL, url: 'https://example.teleport.sh/web/requests/a' },
      { text: '', url: '' },
      { text: '', url: '' },
      null,
      null,
      null,
      null,
    ]);
    // The same sealed cell copied into the row of request b is not that row's.
    expect(relinks({ ids: ['b'], clusters: ['c'], versions: [sealed({})] }, TEST_MAC, urls)).toEqual([null]);
    expect(relinks({ ids: [], clusters: [], versions: [] }, TEST_MAC, urls)).toEqual([]);
  });
});

describe('column insertions', () => {
  it('widens a narrow tab at its right edge and leaves a wide one alone', () => {
    expect(columnInsertions(10)).toEqual([{ after: 10, count: COLUMN_COUNT - 10 }]);
    expect(columnInsertions(COLUMN_COUNT - 1)).toEqual([{ after: COLUMN_COUNT - 1, count: 1 }]);
    expect(columnInsertions(COLUMN_COUNT)).toEqual([]);
    expect(columnInsertions(26)).toEqual([]);
  });
});

describe('sort area', () => {
  it('sorts whole rows below the header once there are two, including columns added after ours', () => {
    expect(sortArea(2, COLUMN_COUNT)).toBeNull();
    expect(sortArea(3, 5)).toEqual({ rows: 2, columns: COLUMN_COUNT });
    expect(sortArea(40, COLUMN_COUNT + 3)).toEqual({ rows: 39, columns: COLUMN_COUNT + 3 });
  });
});
