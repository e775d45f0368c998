// The docs stand on their own in a clone: every relative link in a markdown file reaches a file of the
// repository (and a heading, when it names one), and nothing points at the design notes outside it.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, normalize } from 'node:path';
import { describe, expect, it } from 'vitest';
import { anchorsOf, isExternal, linksOf } from './markdown-links.js';
import { repoFiles, ROOT, textOf } from './repo-files.js';

const files = repoFiles();
const markdown = files.filter((path) => path.endsWith('.md'));

/** What is wrong with one link of `page`, or null when it resolves. */
function problemOf(page: string, target: string): string | null {
  const [path = '', anchor] = target.split('#', 2);
  if (isAbsolute(path)) return 'is not relative';
  const file = path === '' ? page : normalize(join(dirname(page), decodeURIComponent(path)));
  if (file.startsWith('..')) return 'leaves the repository';
  if (!existsSync(join(ROOT, file))) return `names ${file}, which does not exist`;
  if (anchor === undefined || !file.endsWith('.md')) return null;
  const anchors = anchorsOf(readFileSync(join(ROOT, file), 'utf8'));
  return anchors.has(anchor) ? null : `names #${anchor}, which is not a heading of ${file}`;
}

describe('links in the docs', () => {
  it('finds links outside code and the anchors GitHub makes', () => {
    const page = ['# The §1 `Transport`', '[a](b.md#c) `[no](x)`', '```', '[no](y)', '```', '[r]: ../z.md'].join('\n');
    expect(linksOf(page)).toEqual([
      { line: 2, target: 'b.md#c' },
      { line: 6, target: '../z.md' },
    ]);
    expect([...anchorsOf(`${page}\n## The §1 Transport`)]).toEqual(['the-1-transport', 'the-1-transport-1']);
  });

  it('every relative link in a markdown file resolves', () => {
    const problems: string[] = [];
    let count = 0;
    for (const page of markdown) {
      for (const link of linksOf(readFileSync(join(ROOT, page), 'utf8'))) {
        if (isExternal(link.target)) continue;
        count++;
        const problem = problemOf(page, link.target);
        if (problem) problems.push(`${page}:${link.line}: ${link.target} ${problem}`);
      }
    }
    expect(problems).toEqual([]);
    expect(count).toBeGreaterThan(20);
  });

  it('no file points at the design notes outside the repository', () => {
    const outside = /(\.\.\/|\/work\/)shared\b|\bshared\/(contract|design|style|reference)\b/;
    const offenders = files.filter((path) => outside.test(textOf(path) ?? ''));
    expect(offenders).toEqual([]);
    expect(files.length).toBeGreaterThan(100);
  });
});
