// Known answers for the main tab's layouts (contract §4, §8, §14), the History headers (§9) and the
// in-place upgrades from layout 1 and layout 2 to layout 3.
import { describe, expect, it } from 'vitest';
import {
  COL,
  HISTORY_COL,
  HISTORY_HEADERS,
  LAYOUT1_HEADERS,
  LAYOUT2_HEADERS,
  LAYOUT3_HEADERS,
  USAGE_COLUMNS,
  detectLayout,
  upgradeInserts,
} from '../../../appsscript/src/ledger/layout.js';

/** What Sheets' insertColumnsAfter does to one row of values: `count` empty cells right of column `after`. */
function insertColumnsAfter(row: unknown[], after: number, count: number): void {
  row.splice(after, 0, ...new Array<unknown>(count).fill(''));
}

describe('headers', () => {
  it('are the 16 of layout 1, the 21 of layout 2, the 26 of layout 3 and the 9 of History, in contract order', () => {
    expect(LAYOUT1_HEADERS.join('|')).toBe(
      'ID|Created|User|Roles|Status|Link|Reason|Resources|Reviews|Resolution|Suggested reviewers|' +
        'Request expires|Access expires|Cluster|Updated|Version',
    );
    expect(LAYOUT2_HEADERS.join('|')).toBe(
      'ID|Created|User|Roles|Status|Link|Reason|Resources|Reviews|Resolution|Decided by|Decided|' +
        'Time to decision|Suggested reviewers|Request expires|Access starts|Access expires|Access duration|' +
        'Cluster|Updated|Version',
    );
    expect(LAYOUT3_HEADERS.join('|')).toBe(
      'ID|Created|User|Roles|Status|Link|Reason|Resources|Reviews|Resolution|Decided by|Decided|' +
        'Time to decision|Suggested reviewers|Request expires|Access starts|Access expires|Access duration|' +
        'Assumed|First used|Last used|Sessions|Used for|Cluster|Updated|Version',
    );
    expect(HISTORY_HEADERS.join('|')).toBe('Time|Cluster|Request ID|User|Roles|Event|By|Detail|Key');
  });

  it('number the columns as the headers do', () => {
    expect(Object.values(COL)).toEqual(LAYOUT3_HEADERS.map((_, i) => i + 1));
    expect(LAYOUT3_HEADERS[COL.decidedBy - 1]).toBe('Decided by');
    expect(LAYOUT3_HEADERS[COL.accessDuration - 1]).toBe('Access duration');
    expect(USAGE_COLUMNS.map((c) => LAYOUT3_HEADERS[c - 1])).toEqual([
      ...['Assumed', 'First used', 'Last used', 'Sessions', 'Used for'],
    ]);
    expect(LAYOUT3_HEADERS[COL.version - 1]).toBe('Version');
    expect(Object.values(HISTORY_COL)).toEqual(HISTORY_HEADERS.map((_, i) => i + 1));
    expect(HISTORY_HEADERS[HISTORY_COL.key - 1]).toBe('Key');
  });
});

describe('detectLayout', () => {
  it('knows an empty or new tab', () => {
    expect(detectLayout([])).toBe('new');
    expect(detectLayout(['', '', ''])).toBe('new');
    expect(detectLayout([null, undefined])).toBe('new');
  });

  it('knows layouts 1, 2 and 3, with or without columns people added after Version', () => {
    expect(detectLayout([...LAYOUT1_HEADERS])).toBe('layout1');
    expect(detectLayout([...LAYOUT1_HEADERS, 'Notes', ''])).toBe('layout1');
    expect(detectLayout([...LAYOUT2_HEADERS])).toBe('layout2');
    expect(detectLayout([...LAYOUT2_HEADERS, 'Notes'])).toBe('layout2');
    expect(detectLayout([...LAYOUT3_HEADERS])).toBe('layout3');
    expect(detectLayout([...LAYOUT3_HEADERS, 'Notes'])).toBe('layout3');
  });

  it('refuses anything else: a moved, renamed, missing or inserted column', () => {
    const moved = ['ID', 'User', 'Created', ...LAYOUT2_HEADERS.slice(3)];
    expect(detectLayout(moved)).toBe('unknown');
    expect(detectLayout(LAYOUT2_HEADERS.map((h) => (h === 'Decided' ? 'decided' : h)))).toBe('unknown');
    expect(detectLayout(LAYOUT2_HEADERS.slice(0, 20))).toBe('unknown');
    expect(detectLayout(LAYOUT1_HEADERS.slice(0, 15))).toBe('unknown');
    expect(detectLayout(['ID', 'Notes', ...LAYOUT1_HEADERS.slice(1)])).toBe('unknown');
    expect(detectLayout(['ID'])).toBe('unknown');
    expect(detectLayout(['', ...LAYOUT1_HEADERS])).toBe('unknown');
    expect(detectLayout(LAYOUT3_HEADERS.slice(0, 25))).toBe('unknown');
    expect(detectLayout(LAYOUT3_HEADERS.filter((h) => h !== 'Sessions'))).toBe('unknown');
  });
});

const FROM = { layout1: LAYOUT1_HEADERS, layout2: LAYOUT2_HEADERS } as const;

describe('upgradeInserts', () => {
  it('from layout 1: 6 after Access expires, 1 after Request expires, 3 after Resolution, right to left', () => {
    expect(upgradeInserts('layout1')).toEqual([
      {
        after: 13,
        count: 6,
        headers: ['Access duration', 'Assumed', 'First used', 'Last used', 'Sessions', 'Used for'],
      },
      { after: 12, count: 1, headers: ['Access starts'] },
      { after: 10, count: 3, headers: ['Decided by', 'Decided', 'Time to decision'] },
    ]);
  });

  it('from layout 2: the 5 usage columns after Access duration', () => {
    expect(upgradeInserts('layout2')).toEqual([
      { after: 18, count: 5, headers: ['Assumed', 'First used', 'Last used', 'Sessions', 'Used for'] },
    ]);
  });

  for (const from of ['layout1', 'layout2'] as const) {
    it(`turn a ${from} header with an added column into the layout-3 header, that column still after Version`, () => {
      const header: unknown[] = [...FROM[from], 'Notes'];
      for (const insert of upgradeInserts(from)) {
        insertColumnsAfter(header, insert.after, insert.count);
        header.splice(insert.after, insert.count, ...insert.headers);
      }
      expect(header).toEqual([...LAYOUT3_HEADERS, 'Notes']);
      expect(detectLayout(header)).toBe('layout3');
    });

    it(`keep every cell of a ${from} row under its own header, the new cells empty`, () => {
      const old: readonly string[] = FROM[from];
      const header: unknown[] = [...old, 'Notes'];
      const row: unknown[] = header.map((h) => `cell of ${String(h)}`);
      for (const insert of upgradeInserts(from)) insertColumnsAfter(row, insert.after, insert.count);
      expect(row).toHaveLength(LAYOUT3_HEADERS.length + 1);
      [...LAYOUT3_HEADERS, 'Notes'].forEach((h, i) => {
        const isNew = !old.includes(h) && h !== 'Notes';
        expect(row[i]).toBe(isNew ? '' : `cell of ${h}`);
      });
    });
  }
});
