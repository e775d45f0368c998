// The jumping clock that relay processes under test may run on (jumping-clock.ts): a jump moves
// Date.now() and fires the timers it carries past their end, earliest first, and no others; the
// process still ends by itself when nothing of it is left.
import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const TSX = new URL('../../node_modules/tsx/dist/loader.mjs', import.meta.url).href;
const CLOCK = new URL('./jumping-clock.ts', import.meta.url).href;

const SCRIPT = `
const start = Date.now();
const at = (name) => () => console.log(name, Math.round((Date.now() - start) / 60000));
setTimeout(at('ten-minutes'), 600000);
setTimeout(at('five-minutes'), 300000);
const never = setTimeout(at('cleared'), 60000);
clearTimeout(never);
setTimeout(at('an-hour'), 3600000).unref();
`;

function jump(child: ReturnType<typeof spawn>, ms: number): Promise<unknown> {
  return new Promise((resolve) => {
    child.once('message', resolve);
    child.send({ jumpMs: ms });
  });
}

describe('jumping clock', () => {
  it('fires what a jump carries past its end, in order, and lets the process end', async () => {
    const child = spawn(process.execPath, ['--import', TSX, '--import', CLOCK, '--input-type=module', '-e', SCRIPT], {
      stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
    });
    let out = '';
    child.stdout!.on('data', (d: Buffer) => (out += d.toString('utf8')));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    // The first reply also proves the preload is listening before the script's timers matter.
    await jump(child, 0);
    await jump(child, 6 * 60_000);
    await jump(child, 5 * 60_000);
    expect(await exited).toBe(0);
    expect(out.trim().split('\n')).toEqual(['five-minutes 6', 'ten-minutes 11']);
  });
});
