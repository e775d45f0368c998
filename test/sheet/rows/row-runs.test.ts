// Which rows are written together: near rows in one block (the rows between read and written back),
// far rows in blocks of their own.
import { describe, expect, it } from 'vitest';
import { MAX_BRIDGED_ROWS, rowRuns } from '../../../appsscript/src/rows/row-runs.js';

const all = () => true;

describe('rowRuns', () => {
  it('writes adjacent rows as one block that needs no read', () => {
    expect(rowRuns([4, 2, 3], all)).toEqual([{ first: 2, last: 4, needsRead: false }]);
  });

  it('bridges a gap of up to MAX_BRIDGED_ROWS rows, reading the rows between', () => {
    const far = 2 + MAX_BRIDGED_ROWS + 1;
    expect(rowRuns([2, far], all)).toEqual([{ first: 2, last: far, needsRead: true }]);
  });

  it('writes rows further apart as blocks of their own', () => {
    const far = 2 + MAX_BRIDGED_ROWS + 2;
    expect(rowRuns([far, 2, far + 1], all)).toEqual([
      { first: 2, last: 2, needsRead: false },
      { first: far, last: far + 1, needsRead: false },
    ]);
  });

  it('reads a block holding a row whose cells are kept (only Status, Updated and Version change)', () => {
    expect(rowRuns([7, 8], (row) => row !== 8)).toEqual([{ first: 7, last: 8, needsRead: true }]);
    expect(rowRuns([], all)).toEqual([]);
  });
});
