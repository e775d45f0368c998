// The relay loads its trimmed .proto files at run time: copy them beside the compiled code so
// dist/relay/src/teleport/*.js finds them at the same relative path as relay/src/teleport/*.ts does
// (../../../proto/teleport).
import { cp } from 'node:fs/promises';

await cp(new URL('../proto/teleport/', import.meta.url), new URL('../dist/proto/teleport/', import.meta.url), {
  recursive: true,
});
