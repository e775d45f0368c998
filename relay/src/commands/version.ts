import { relayVersion } from '../version.js';
import { EXIT_OK, type CliIo } from './io.js';

/** `version`: the relay's version and the Node it runs on. */
export async function versionCommand(_args: string[], io: CliIo): Promise<number> {
  io.out(`teleport-sheets-relay ${relayVersion()} (node ${process.version})`);
  return EXIT_OK;
}
