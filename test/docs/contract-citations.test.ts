// Every "§N" the repository cites — in code, tests and docs — names a section of docs/contract.md, and a column or
// step it names is in that section.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { citesIn, sectionsOf, unresolved } from './citations.js';
import { repoFiles, ROOT, textOf } from './repo-files.js';

const sections = sectionsOf(readFileSync(join(ROOT, 'docs', 'contract.md'), 'utf8'));
const sign = '§';

describe('contract citations', () => {
  it('docs/contract.md has the sections §1 to §15, in order', () => {
    expect([...sections.keys()]).toEqual(Array.from({ length: 15 }, (_, i) => String(i + 1)));
  });

  it('reads every form the code uses', () => {
    const text = [
      `contract ${sign}5 and ${sign}8`,
      `contract ${sign}3–${sign}5; ${sign}${sign}2–3`,
      `as ${sign}4 col 11`,
      `Contract ${sign}2, steps 1–3 and step 5 of ${sign}2`,
      `(contract ${sign}3, step 5 of ${sign}2)`,
      `RFC 8446 ${sign}4.1.2`,
    ].join('\n');
    expect(citesIn(text).map((c) => [c.line, c.sections, c.part ?? null])).toEqual([
      [1, ['5'], null],
      [1, ['8'], null],
      [2, ['3', '4', '5'], null],
      [2, ['2', '3'], null],
      [3, ['4'], { kind: 'col', numbers: [11] }],
      [4, ['2'], { kind: 'step', numbers: [1, 2, 3] }],
      [4, ['2'], { kind: 'step', numbers: [5] }],
      [5, ['3'], null],
      [5, ['2'], { kind: 'step', numbers: [5] }],
    ]);
  });

  it('reports a section, a column or a step the contract does not have', () => {
    const text = `${sign}16; ${sign}4 col 17; ${sign}2 step 7; ${sign}4.1`;
    expect(citesIn(text).flatMap((cite) => unresolved(cite, sections))).toEqual([
      `${sign}16 is not a section`,
      `${sign}4 has no col 17`,
      `${sign}2 has no step 7`,
      `${sign}4.1 is not a section`,
    ]);
  });

  it('every cite in the repository resolves', () => {
    const problems: string[] = [];
    let count = 0;
    for (const path of repoFiles()) {
      const text = textOf(path);
      if (text === null) continue;
      for (const cite of citesIn(text)) {
        count++;
        for (const problem of unresolved(cite, sections)) problems.push(`${path}:${cite.line}: ${problem}`);
      }
    }
    expect(problems).toEqual([]);
    expect(count).toBeGreaterThan(50);
  });
});
