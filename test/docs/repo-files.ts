// The repository's own files as a clone has them: tracked, or new and not ignored; never node_modules or builds.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');

/** Generated or third-party text, not the project's own writing. */
const NOT_OURS = new Set(['package-lock.json']);

export function repoFiles(): string[] {
  const listed = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return listed
    .split('\0')
    .filter((path) => path !== '' && !NOT_OURS.has(path) && existsSync(join(ROOT, path)))
    .sort();
}

/** The file's text, or null for a binary file (one holding a NUL byte). */
export function textOf(path: string): string | null {
  const bytes = readFileSync(join(ROOT, path));
  return bytes.includes(0) ? null : bytes.toString('utf8');
}
