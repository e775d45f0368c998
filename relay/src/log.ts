import { pino, type Logger } from 'pino';

export type { Logger };

export type Severity = 'debug' | 'info' | 'warn' | 'error';

/** JSON lines to stdout (or a file), with secrets redacted wherever they might be attached. */
export function createLogger(options: { severity: Severity; output?: string; name?: string }): Logger {
  const destination =
    !options.output || options.output === 'stdout'
      ? pino.destination(1)
      : options.output === 'stderr'
        ? pino.destination(2)
        : pino.destination({ dest: options.output, mkdir: true });
  return pino(
    {
      name: options.name ?? 'teleport-sheets-relay',
      level: options.severity,
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: ['secret', '*.secret', 'key', '*.key', 'headers.authorization'], censor: '[redacted]' },
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
}

/** A logger that drops everything, for tests and commands that print their own output. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
