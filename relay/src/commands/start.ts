import { parseArgs } from 'node:util';
import { App } from '../app.js';
import { createLogger } from '../log.js';
import { loadSecret } from '../delivery/secret.js';
import { relayVersion } from '../version.js';
import { EXIT_FAILED, EXIT_OK, type CliIo } from './io.js';
import { loadConfig } from './load-config.js';

/** `start [--config FILE] [--debug]`: runs the relay until SIGTERM/SIGINT, then flushes and exits 0. */
export async function startCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({ args, options: { config: { type: 'string' }, debug: { type: 'boolean' } } });
  const loaded = await loadConfig(values.config, io.cwd, io.env);
  if (!loaded.ok) {
    io.err(`The configuration from ${loaded.origin} has ${loaded.problems.length} problem(s):`);
    for (const p of loaded.problems) io.err(`  ✗ ${p.message}`);
    return EXIT_FAILED;
  }
  const { config } = loaded;
  const logger = createLogger({ severity: values.debug ? 'debug' : config.log.severity, output: config.log.output });
  for (const w of loaded.warnings) logger.warn(w);
  const { secret, warnings } = await loadSecret(config.sheet.secret, io.env);
  for (const w of warnings) logger.warn(w);

  const app = new App({ config, secret, version: relayVersion(), logger });
  const stopped = new Promise<string>((resolve) => io.onStop(resolve));
  logger.info(
    {
      version: relayVersion(),
      config: loaded.origin,
      teleport: config.teleport.addr,
      sheet: new URL(config.sheet.url).host,
    },
    'starting',
  );
  await app.start();
  const outcome = await Promise.race([stopped.then((signal) => ({ signal })), app.failed.then((part) => ({ part }))]);
  if ('part' in outcome) {
    logger.error({ part: outcome.part }, 'exiting so that the relay is restarted (it re-lists everything on start)');
    await app.stop();
    logger.flush();
    return EXIT_FAILED;
  }
  logger.info({ signal: outcome.signal }, 'stopping: no more watching; delivering what is queued');
  await app.stop();
  logger.flush();
  return EXIT_OK;
}
