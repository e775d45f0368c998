import { readFileSync } from 'node:fs';

// The relay's version is the package's: found by walking up from this file, which sits at a
// different depth in relay/src (tsx) and dist/relay/src (built).

let cached: string | null = null;

export function relayVersion(): string {
  if (cached) return cached;
  for (let dir = new URL('.', import.meta.url); dir.pathname !== '/'; dir = new URL('..', dir)) {
    try {
      const pkg = JSON.parse(readFileSync(new URL('package.json', dir), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'teleport-sheets' && pkg.version) return (cached = pkg.version);
    } catch {
      // not here: keep walking up
    }
  }
  return (cached = '0.0.0-unknown');
}
