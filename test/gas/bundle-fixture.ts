// Tests' own tiny bundles: a Code.js (and .html files) in a temp folder, loaded as a runtime.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GasRuntime, type GasRuntimeOptions } from './runtime.js';

const folders: string[] = [];

/** The folder of a bundle holding `code` (and the html files). */
export async function writeBundle(code: string, html: Record<string, string> = {}): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'gas-bundle-'));
  folders.push(dir);
  await writeFile(join(dir, 'Code.js'), code);
  for (const [name, text] of Object.entries(html)) await writeFile(join(dir, `${name}.html`), text);
  return dir;
}

export async function loadBundle(
  code: string,
  options: GasRuntimeOptions = {},
  html: Record<string, string> = {},
): Promise<GasRuntime> {
  return GasRuntime.load(await writeBundle(code, html), options);
}

export async function removeBundles(): Promise<void> {
  for (const dir of folders.splice(0)) await rm(dir, { recursive: true, force: true });
}
