// The test vectors docs/contract.md prints are the ones the code pins (test/contract-vector.ts), and each signature
// is the HMAC-SHA256 of its message, so a reader who recomputes them from the page gets the same answer.
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { signingString } from '../../proto/contract.js';
import { VECTOR } from '../contract-vector.js';
import { ROOT } from './repo-files.js';

const page = readFileSync(join(ROOT, 'docs', 'contract.md'), 'utf8');

/** The `name = value` lines of the indented block under a heading. */
function vectorUnder(heading: string): Record<string, string> {
  const start = page.indexOf(`\n${heading}\n`);
  if (start < 0) throw new Error(`docs/contract.md has no "${heading}"`);
  const block = page.slice(start + 1).split(/\n(?=#)/)[0]!;
  const pairs = [...block.matchAll(/^ {4}(\w+)\s+=\s+(.+)$/gm)].map((m) => [m[1]!, m[2]!.trim()]);
  return Object.fromEntries(pairs);
}

const hmac = (secret: string, message: string) => createHmac('sha256', secret).update(message, 'utf8').digest('hex');

describe('the test vectors in docs/contract.md', () => {
  const v1 = vectorUnder('### Test vector (v1)');

  it('v1 is the vector the code pins, and its sig signs its message', () => {
    expect(v1).toEqual({ ...VECTOR });
    expect(hmac(v1.secret!, signingString(v1.ts!, v1.nonce!, v1.body!))).toBe(v1.sig);
  });

  it("v2 signs §1's vector with the cluster line added", () => {
    const { sig } = vectorUnder('### Test vector (v2)');
    const cluster = 'example.teleport.sh';
    const message = `v2\n${cluster}\n${v1.ts}\n${v1.nonce}\n${v1.body}`;
    expect(sig).toMatch(/^[0-9a-f]{64}$/);
    expect(hmac(v1.secret!, message)).toBe(sig);
  });
});
