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

/** The edge's sentence for any error: its message, then the fix when it has one. */
export function errorSentence(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  return err instanceof RelayError && err.fix ? `${message}: ${err.fix}` : message;
}
