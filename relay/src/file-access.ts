import { readFile, realpath, stat } from 'node:fs/promises';
import { dirname, join, sep } from 'node:path';
import type { RelayError } from './errors.js';

// Reading the files the relay is given (config, secret, identity), each failure a coded error that
// names the file; and who besides the relay can read a file holding a secret (the sheet's HMAC
// key, a Teleport private key): nobody. Owner-only modes (0600, 0400) are the rule. One exception, for
// Kubernetes: the kubelet mounts a Secret's keys owned by root with the pod's fsGroup as their
// group (deploy/kubernetes: defaultMode 0440), and a non-root relay can read them only through
// that group. Group read is therefore allowed when the file is root's, nobody may write it, its
// group is one of the relay's own groups, and it is reached through the Secret volume's `..data`
// link, which the kubelet makes. Others may never read it.

const KUBELET_DATA = '..data';

/** Null when only the relay (and, for a mounted Secret, its own group) can read `path`; else who can. */
export async function secretFileExposure(path: string): Promise<string | null> {
  const st = await stat(path);
  const mode = st.mode & 0o777;
  const shown = `mode ${mode.toString(8).padStart(4, '0')}`;
  if (mode & 0o007) return `is readable by every user on the host (${shown})`;
  if ((mode & 0o070) === 0) return null;
  if (await isKubernetesSecretKey(path, st)) return null;
  return `is readable by its group (${shown})`;
}

async function isKubernetesSecretKey(path: string, st: { uid: number; gid: number; mode: number }): Promise<boolean> {
  if (st.uid !== 0 || (st.mode & 0o222) !== 0) return false;
  const groups = [process.getgid?.(), ...(process.getgroups?.() ?? [])];
  if (!groups.includes(st.gid)) return false;
  try {
    const [data, file] = await Promise.all([realpath(join(dirname(path), KUBELET_DATA)), realpath(path)]);
    return file.startsWith(data + sep);
  } catch {
    return false;
  }
}

/** The fix for a file others can read. */
export function restrictFix(path: string, alternative: string): string {
  return `\`chmod 600 ${path}\` (and own it by the relay's user), or ${alternative}`;
}

export type FileProblem = 'not_found' | 'unreadable' | 'not_a_file';

/** How a reader names its file, the fix for each way reading it fails, and its error class. */
export interface TextFileKind<E extends RelayError> {
  label: string;
  fixes: Partial<Record<FileProblem, string>>;
  error: new (code: FileProblem, message: string, options: { fix?: string; cause?: unknown }) => E;
}

/** Reads a UTF-8 file; a missing, unreadable or non-file path becomes the kind's coded error. */
export async function readTextFile<E extends RelayError>(path: string, kind: TextFileKind<E>): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (cause) {
    const errno = (cause as NodeJS.ErrnoException).code;
    const problem: FileProblem = errno === 'ENOENT' ? 'not_found' : errno === 'EISDIR' ? 'not_a_file' : 'unreadable';
    const what =
      problem === 'not_found'
        ? 'does not exist'
        : problem === 'not_a_file'
          ? 'is a folder, not a file'
          : `cannot be read (${errno ?? 'error'})`;
    throw new kind.error(problem, `${kind.label} ${path} ${what}`, { fix: kind.fixes[problem], cause });
  }
}
