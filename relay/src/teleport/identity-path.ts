// Reads the relay's Teleport identity from where `teleport.identity` points: an identity file
// (`tctl auth sign`, tbot's `identity`), or a folder holding one (a Machine ID output, a mounted
// Kubernetes Secret), or tbot's separate files. Files holding the private key must be readable
// by the relay alone (file-access.ts); a missing file is named with where it was expected.
import { lstat, readdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { readTextFile, restrictFix, secretFileExposure, type TextFileKind } from '../file-access.js';
import { CredentialsError } from './errors.js';
import { parseIdentityFile, type Credentials } from './identity-file.js';

const IDENTITY = 'identity';
/** tbot output files used when a Machine ID folder has no single `identity` file. */
const MACHINE_ID_PARTS = ['key', 'tlscert', 'teleport-host-ca.crt'];
/** The parts that hold the private key. */
const SECRET_PARTS = new Set([IDENTITY, 'key']);

const IDENTITY_FILE: TextFileKind<CredentialsError> = {
  label: 'The Teleport identity',
  fixes: { not_found: 'check `teleport.identity`, or create the identity (`tctl auth sign`, or tbot)' },
  error: CredentialsError,
};

async function readPart(path: string, name: string): Promise<string> {
  const text = await readTextFile(path, IDENTITY_FILE);
  const exposure = SECRET_PARTS.has(name) ? await secretFileExposure(path) : null;
  if (exposure) {
    throw new CredentialsError('too_open', `The Teleport identity ${path} ${exposure}`, {
      fix: restrictFix(path, 'let tbot write it (tbot writes its outputs owner-only)'),
    });
  }
  return text;
}

const isCode = (err: unknown, code: string) => err instanceof CredentialsError && err.code === code;

/** An identity file, or a folder: its `identity` file preferred, else tbot's separate files. */
export async function loadCredentials(path: string): Promise<Credentials> {
  try {
    return parseIdentityFile(await readPart(path, IDENTITY));
  } catch (err) {
    if (isCode(err, 'not_found') && (await isSecretMount(dirname(path))))
      throw await missingFromSecret(dirname(path), path);
    if (!isCode(err, 'not_a_file')) throw err;
  }
  try {
    return parseIdentityFile(await readPart(join(path, IDENTITY), IDENTITY));
  } catch (err) {
    if (!isCode(err, 'not_found')) throw err;
  }
  if (await isSecretMount(path)) throw await missingFromSecret(path, join(path, IDENTITY));
  const parts = await Promise.all(
    MACHINE_ID_PARTS.map((name) => readPart(join(path, name), name).catch((err: unknown) => err)),
  );
  const failure = parts.find((p) => typeof p !== 'string');
  if (failure === undefined) return parseIdentityFile(parts.join('\n'));
  if (!isCode(failure, 'not_found')) throw failure;
  throw new CredentialsError(
    'not_found',
    `The folder ${path} has no \`${IDENTITY}\` file (nor tbot's ${MACHINE_ID_PARTS.join(', ')})`,
    {
      fix:
        `put the identity file at ${join(path, IDENTITY)} (\`tctl auth sign --format=file --out=...\`), ` +
        'or give tbot an identity output whose destination is this folder, or point `teleport.identity` at ' +
        'the identity file itself',
    },
  );
}

/** A folder the kubelet manages: its keys are links through `..data`. */
async function isSecretMount(dir: string): Promise<boolean> {
  return lstat(join(dir, '..data')).then(
    (st) => st.isSymbolicLink(),
    () => false,
  );
}

async function missingFromSecret(dir: string, expected: string): Promise<CredentialsError> {
  const keys = (await readdir(dir).catch(() => [])).filter((name) => !name.startsWith('.'));
  const held = keys.length > 0 ? `it holds ${keys.map((k) => `\`${k}\``).join(', ')}` : 'it holds no keys';
  return new CredentialsError(
    'not_found',
    `The Kubernetes Secret mounted at ${dir} has no key \`${IDENTITY}\` (${held}), so ${expected} does not exist`,
    {
      fix:
        `the identity Secret needs the identity file under the key \`${IDENTITY}\` (tbot's kubernetes_secret ` +
        'output writes it): check the Secret named in the Deployment and the tbot output that fills it',
    },
  );
}
