import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorSentence, RelayError } from '../../relay/src/errors.js';
import { readTextFile, type TextFileKind } from '../../relay/src/file-access.js';

class NoteError extends RelayError<'not_found' | 'unreadable' | 'not_a_file'> {}
const NOTE: TextFileKind<NoteError> = {
  label: 'The note',
  fixes: { not_found: 'write the note' },
  error: NoteError,
};

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'relay-errors-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function failure(path: string): Promise<unknown> {
  return readTextFile(path, NOTE).then(
    () => null,
    (err: unknown) => err,
  );
}

describe('readTextFile', () => {
  it('reads a file', async () => {
    await writeFile(join(dir, 'note'), 'hello');
    expect(await readTextFile(join(dir, 'note'), NOTE)).toBe('hello');
  });

  it('turns a missing file into the kind’s error, with its fix', async () => {
    const err = await failure(join(dir, 'missing'));
    expect(err).toBeInstanceOf(NoteError);
    expect(err).toMatchObject({ code: 'not_found', fix: 'write the note', name: 'NoteError' });
    expect(errorSentence(err)).toBe(`The note ${join(dir, 'missing')} does not exist: write the note`);
  });

  it('turns a folder into not_a_file', async () => {
    const err = await failure(dir);
    expect(err).toBeInstanceOf(NoteError);
    expect(err).toMatchObject({ code: 'not_a_file', fix: undefined });
    expect(errorSentence(err)).toBe(`The note ${dir} is a folder, not a file`);
  });
});
