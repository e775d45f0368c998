// What a command may touch of the outside world, so tests can run commands in-process too.

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  env: Record<string, string | undefined>;
  cwd: string;
  /** Registers what to do on SIGTERM/SIGINT (start only). */
  onStop(handler: (signal: string) => void): void;
}

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;
