// The built bundle shared by one test file's tests: built before them, removed after them.
import { afterAll, beforeAll } from 'vitest';
import { buildBundle } from './harness.js';

export function bundleForThisFile(): { readonly dir: string } {
  let built: ReturnType<typeof buildBundle> | undefined;
  beforeAll(() => {
    built = buildBundle();
  });
  afterAll(() => built?.remove());
  return {
    get dir() {
      if (!built) throw new Error('the bundle is built in beforeAll: read its dir inside a test');
      return built.dir;
    },
  };
}
