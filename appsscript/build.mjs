// Builds the clasp-ready folder appsscript/dist/ (or the folder given as the first argument, which
// tests use so parallel runs never share one): the manifest, one bundled .js file and the dialogs'
// .html. Every export of src/main.ts is an entry point and gets a top-level function stub in the
// footer, because Apps Script only finds functions declared at the top level.
import { build } from 'esbuild';
import { copyFile, mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(fileURLToPath(import.meta.url));
const out = process.argv[2] ? resolve(process.argv[2]) : join(root, 'dist');
const entry = join(root, 'src', 'main.ts');
const globalName = 'TeleportSheets';

const common = {
  entryPoints: [entry],
  bundle: true,
  target: 'es2020',
  charset: 'utf8',
  legalComments: 'none',
  write: false,
  logLevel: 'warning',
};

async function entryPointNames() {
  const probe = await build({ ...common, format: 'esm', metafile: true });
  const [output] = Object.values(probe.metafile.outputs);
  return [...output.exports].sort();
}

const names = await entryPointNames();
const footer = names
  .map((name) => `function ${name}() { return ${globalName}.${name}.apply(this, arguments); }`)
  .join('\n');
const bundle = await build({ ...common, format: 'iife', globalName, footer: { js: footer } });

await rm(out, { recursive: true, force: true });
await mkdir(out, { recursive: true });
await writeFile(join(out, 'Code.js'), bundle.outputFiles[0].text);
await copyFile(join(root, 'appsscript.json'), join(out, 'appsscript.json'));
for (const file of await readdir(join(root, 'html')).catch(() => [])) {
  if (file.endsWith('.html')) await copyFile(join(root, 'html', file), join(out, file));
}
console.log(`${out}: Code.js (${names.length} entry points: ${names.join(', ')})`);
