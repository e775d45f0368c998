// Updates a folder the way the kubelet updates a mounted Secret (its "atomic writer"): the keys
// live in a timestamped folder, `..data` links to it and each key is a link through `..data`.
// An update writes a new timestamped folder, renames a fresh `..data_tmp` link over `..data`
// (the one atomic step), adds links for new keys, then removes the old folder and stale links.
import { chmod, lstat, mkdir, mkdtemp, readdir, readlink, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';

const DATA = '..data';

function stamp(now: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  const date = `${now.getUTCFullYear()}_${p(now.getUTCMonth() + 1)}_${p(now.getUTCDate())}`;
  return `..${date}_${p(now.getUTCHours())}_${p(now.getUTCMinutes())}_${p(now.getUTCSeconds())}.`;
}

async function exists(path: string): Promise<boolean> {
  return lstat(path).then(
    () => true,
    () => false,
  );
}

export class SecretVolume {
  constructor(
    readonly dir: string,
    private readonly mode = 0o440,
  ) {}

  /** Replaces the whole content with `files` (key → text), as a Secret update does. */
  async update(files: Record<string, string>): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const previous = (await exists(join(this.dir, DATA))) ? await readlink(join(this.dir, DATA)) : null;
    const oldKeys = previous ? await readdir(join(this.dir, previous)) : [];

    const fresh = await mkdtemp(join(this.dir, stamp(new Date())));
    for (const [key, text] of Object.entries(files)) {
      await writeFile(join(fresh, key), text);
      await chmod(join(fresh, key), this.mode);
    }
    await symlink(basename(fresh), join(this.dir, '..data_tmp'));
    await rename(join(this.dir, '..data_tmp'), join(this.dir, DATA));

    for (const key of Object.keys(files)) {
      if (!(await exists(join(this.dir, key)))) await symlink(join(DATA, key), join(this.dir, key));
    }
    if (previous) await rm(join(this.dir, previous), { recursive: true, force: true });
    for (const key of oldKeys.filter((k) => !(k in files))) await rm(join(this.dir, key), { force: true });
  }

  /** The timestamped folders present: exactly one between updates. */
  async generations(): Promise<string[]> {
    return (await readdir(this.dir)).filter((name) => /^\.\.\d{4}_/.test(name));
  }
}
