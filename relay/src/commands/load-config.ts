import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseConfig, type ConfigProblem, type RelayConfig } from '../config/parse.js';
import { RelayError } from '../errors.js';
import { readTextFile, type FileProblem, type TextFileKind } from '../file-access.js';

// Finds and reads the config for `start` and `check`: --config FILE, else relay.toml in the
// working directory when present, else the environment alone (containers).

export const DEFAULT_CONFIG_FILE = 'relay.toml';

class ConfigFileError extends RelayError<FileProblem> {}

const CONFIG_FILE: TextFileKind<ConfigFileError> = {
  label: 'The config file',
  fixes: {
    not_found: 'check the path, or print an example with `teleport-sheets-relay configure`',
    not_a_file: 'pass the TOML file itself, not its folder',
    unreadable: "give the relay's user read access to it",
  },
  error: ConfigFileError,
};

export type LoadedConfig =
  | { ok: true; config: RelayConfig; warnings: string[]; origin: string }
  | { ok: false; problems: ConfigProblem[]; origin: string };

export async function loadConfig(
  path: string | undefined,
  cwd: string,
  env: Record<string, string | undefined>,
): Promise<LoadedConfig> {
  const file =
    path !== undefined
      ? resolve(cwd, path)
      : existsSync(resolve(cwd, DEFAULT_CONFIG_FILE))
        ? resolve(cwd, DEFAULT_CONFIG_FILE)
        : null;
  if (file === null) return { ...parseConfig(null, env), origin: 'the environment (no --config and no ./relay.toml)' };
  let text: string;
  try {
    text = await readTextFile(file, CONFIG_FILE);
  } catch (err) {
    if (!(err instanceof ConfigFileError)) throw err;
    return { ok: false, origin: file, problems: [{ key: '', message: `${err.message}: ${err.fix}.` }] };
  }
  return { ...parseConfig(text, env), origin: file };
}
