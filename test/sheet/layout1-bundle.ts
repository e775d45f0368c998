// The script as it was before layout 2 (contract §4's 16 columns), built from the repository's
// history, so a layout-1 tab can be written by the very code that wrote them in production.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The last commit whose sheet side wrote layout 1. */
export const LAYOUT1_COMMIT = '3954fbb754618db3732704fc013c8a436c489bb6';
const REPO = fileURLToPath(new URL('../..', import.meta.url));

export function buildLayout1Bundle(): { dir: string; remove(): void } {
  const work = mkdtempSync(join(tmpdir(), 'sheet-layout1-'));
  const src = join(work, 'src');
  execFileSync('mkdir', [src]);
  const archive = execFileSync('git', ['-C', REPO, 'archive', '--format=tar', LAYOUT1_COMMIT, 'appsscript', 'proto']);
  execFileSync('tar', ['-x', '-C', src], { input: archive });
  symlinkSync(join(REPO, 'node_modules'), join(src, 'node_modules'));
  const dir = join(work, 'bundle');
  execFileSync(process.execPath, [join(src, 'appsscript', 'build.mjs'), dir], { stdio: 'pipe' });
  return { dir, remove: () => rmSync(work, { recursive: true, force: true }) };
}
