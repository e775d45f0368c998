import { readFile } from 'node:fs/promises';

// One error shape for the whole relay: a code that code decides on, and, when a person can act
// on it, the fix. Only the edge (CLI, logs, HTTP) turns an error into a sentence; nothing
// branches on an error's name or message text.

export class RelayError<Code extends string = string> extends Error {
  readonly code: Code;
  readonly fix: string | undefined;

  constructor(code: Code, message: string, options: { fix?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.fix = options.fix;
  }
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

/** The edge's sentence for any error: its message, then the fix when it has one. */
export function errorSentence(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return err instanceof RelayError && err.fix ? `${message}: ${err.fix}` : message;
}
