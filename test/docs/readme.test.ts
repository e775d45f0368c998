// README.md stays a newcomer's page: short, and its two commands are scripts package.json really has.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './repo-files.js';

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> })
  .scripts;

describe('README.md', () => {
  it('has at most 300 lines', () => {
    expect(readme.trimEnd().split('\n').length).toBeLessThanOrEqual(300);
  });

  it('gives the two commands, and both are scripts of package.json', () => {
    const commands = /## The two commands\n\n```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
    const lines = commands.trim().split('\n');
    expect(lines.map((line) => line.split('#')[0]!.trim())).toEqual(['npm ci && npm run demo', 'npm test']);
    expect(Object.keys(scripts)).toEqual(expect.arrayContaining(['demo', 'test']));
  });
});
