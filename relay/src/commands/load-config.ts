import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseConfig, type ConfigProblem, type RelayConfig } from '../config.js';

// Finds and reads the config for `start` and `check`: --config FILE, else relay.toml in the
// working directory when present, else the environment alone (containers).

export const DEFAULT_CONFIG_FILE = 'relay.toml';

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
    text = await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const fix =
      code === 'ENOENT'
        ? 'check the path, or print an example with `teleport-sheets-relay configure`'
        : "give the relay's user read access to it";
    return {
      ok: false,
      origin: file,
      problems: [{ key: '', message: `The config file ${file} cannot be read (${code ?? 'error'}): ${fix}.` }],
    };
  }
  return { ...parseConfig(text, env), origin: file };
}
