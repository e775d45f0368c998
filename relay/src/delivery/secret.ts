import { SECRET_ENV } from '../config/fields.js';
import type { SecretSource } from '../config/parse.js';
import { RelayError } from '../errors.js';
import { readTextFile, restrictFix, secretFileExposure, type FileProblem, type TextFileKind } from '../file-access.js';

// The shared HMAC secret is read once at start, from a file or one environment variable, and
// only ever handed to the sheet client: never logged, never on argv.

export class SecretError extends RelayError<FileProblem | 'empty' | 'too_open'> {}

const SET_UP = "the secret from the sheet's Teleport → Set up menu";
const SECRET_FILE: TextFileKind<SecretError> = {
  label: 'The secret file',
  fixes: {
    not_found: `create it with ${SET_UP}, or fix \`sheet.secret_file\``,
    not_a_file: `point \`sheet.secret_file\` at the file holding ${SET_UP}`,
    unreadable: "give the relay's user read access to it",
  },
  error: SecretError,
};

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
    text = await readTextFile(source.path, SECRET_FILE);
    const exposure = await secretFileExposure(source.path);
    if (exposure)
      throw new SecretError('too_open', `The secret file ${source.path} ${exposure}`, {
        fix: restrictFix(source.path, `pass the secret in the ${SECRET_ENV} environment variable instead`),
      });
  }
  const secret = text.replace(/\r?\n$/, '');
  const where = source.from === 'env' ? source.name : source.path;
  if (secret.trim() === '')
    throw new SecretError('empty', `The secret in ${where} is empty`, { fix: `paste ${SET_UP}` });
  if (secret.length < MIN_RECOMMENDED_LENGTH)
    warnings.push(
      `The secret in ${where} is shorter than ${MIN_RECOMMENDED_LENGTH} characters: ` +
        "generate a new one from the sheet's Set up menu.",
    );
  return { secret, warnings };
}
