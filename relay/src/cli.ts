import { EXIT_FAILED, EXIT_USAGE, type CliIo } from './commands/io.js';
import { errorSentence } from './errors.js';

// The edge: picks the command, turns coded errors into sentences, maps SIGTERM/SIGINT to a
// graceful stop, and sets the process's exit code. The process then ends by itself: every
// command closes what it opened (timers, sockets, watchers), and the tests hold it to that.

type Command = (args: string[], io: CliIo) => Promise<number>;

// Loaded on demand: a running relay keeps in memory only the modules of the command it runs.
const COMMANDS: Record<string, () => Promise<Command>> = {
  start: async () => (await import('./commands/start.js')).startCommand,
  check: async () => (await import('./commands/check.js')).checkCommand,
  configure: async () => (await import('./commands/configure.js')).configureCommand,
  version: async () => (await import('./commands/version.js')).versionCommand,
  smoke: async () => (await import('./commands/smoke.js')).smokeCommand,
};

const USAGE = `usage: teleport-sheets-relay <command>

  start [--config FILE] [--debug]   run the relay (default config: ./relay.toml when present,
                                    else the TELEPORT_SHEETS_* environment)
  check [--config FILE]             prove every link once and print a checklist
  configure                         print a commented example config
  version                           print the version
  smoke --url URL --secret-file FILE [--cluster NAME]
                                    send one signed heartbeat to a web app (v2 as NAME)`;

async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    (name === undefined ? io.err : io.out)(USAGE);
    return name === undefined ? EXIT_USAGE : 0;
  }
  const load = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!load) {
    io.err(`Unknown command "${name}".\n${USAGE}`);
    return EXIT_USAGE;
  }
  try {
    return await (
      await load()
    )(args, io);
  } catch (err) {
    // node:util parseArgs reports a bad flag with a documented error code.
    const code = (err as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) {
      io.err(`${(err as Error).message}\n${USAGE}`);
      return EXIT_USAGE;
    }
    io.err(`✗ ${errorSentence(err)}`);
    return EXIT_FAILED;
  }
}

function processIo(): CliIo {
  return {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    env: process.env,
    cwd: process.cwd(),
    onStop: (handler) => {
      for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => handler(signal));
    },
  };
}

process.exitCode = await runCli(process.argv.slice(2), processIo());
