import { readFile, stat } from 'node:fs/promises';
import type { SecretSource } from './config.js';

// The shared HMAC secret is read once at start, from a file or one environment variable, and
// only ever handed to the sheet client: never logged, never on argv.

export class SecretError extends Error {
  constructor(
    readonly code: 'not_found' | 'unreadable' | 'empty',
    message: string,
  ) {
    super(message);
    this.name = 'SecretError';
  }
}

export interface LoadedSecret {
  secret: string;
  warnings: string[];
}

const MIN_RECOMMENDED_LENGTH = 32;

export async function loadSecret(source: SecretSource, env: Record<string, string | undefined>): Promise<LoadedSecret> {
  const warnings: string[] = [];
  let text: string;
  if (source.from === 'env') {
    text = env[source.name] ?? '';
  } else {
    text = await readSecretFile(source.path);
    const mode = (await stat(source.path)).mode;
    if (mode & 0o004) warnings.push(`The secret file ${source.path} is readable by every user: chmod 600 it.`);
  }
  const secret = text.replace(/\r?\n$/, '');
  const where = source.from === 'env' ? source.name : source.path;
  if (secret.trim() === '')
    throw new SecretError(
      'empty',
      `The secret in ${where} is empty: paste the secret from the sheet's Teleport → Set up menu.`,
    );
  if (secret.length < MIN_RECOMMENDED_LENGTH)
    warnings.push(
      `The secret in ${where} is shorter than ${MIN_RECOMMENDED_LENGTH} characters: generate a new one from the sheet's Set up menu.`,
    );
  return { secret, warnings };
}

async function readSecretFile(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT')
      throw new SecretError(
        'not_found',
        `The secret file ${path} does not exist: create it with the secret from the sheet's Teleport → Set up menu, or fix \`sheet.secret_file\`.`,
      );
    throw new SecretError(
      'unreadable',
      `The secret file ${path} cannot be read (${code ?? 'error'}): give the relay's user read access to it.`,
    );
  }
}
