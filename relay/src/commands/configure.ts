import { EXAMPLE_CONFIG } from '../config/example.js';
import { EXIT_OK, type CliIo } from './io.js';

/** `configure`: prints a commented example config (every key, its default and unit). */
export async function configureCommand(_args: string[], io: CliIo): Promise<number> {
  io.out(EXAMPLE_CONFIG.trimEnd());
  return EXIT_OK;
}
