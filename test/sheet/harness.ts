// The real built bundle in the local Apps Script runtime, with a controllable clock, a secret in the
// owner's User Properties where Set up secret puts it, and signed POSTs.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GasRuntime, type GasRuntimeOptions } from '../gas/runtime.js';
import type { Batch, BatchV2, Reply } from '../../proto/contract.js';
import { SECRET, signedEvent, type SignOptions } from './fixtures.js';

export const START_MS = Date.parse('2025-11-23T12:13:20.000Z');
const SECRETS_PROPERTY = 'teleport.secrets';
const BUILD_SCRIPT = fileURLToPath(new URL('../../appsscript/build.mjs', import.meta.url));

/** Builds the bundle into a private folder (parallel test files never share one); returns it. */
export function buildBundle(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'sheet-bundle-'));
  execFileSync(process.execPath, [BUILD_SCRIPT, dir], { stdio: 'pipe' });
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export class Sheet {
  nowMs = START_MS;

  private constructor(readonly rt: GasRuntime) {}

  /**
   * `secretIn: 'script'` seeds the secret where versions before the owner-only secret kept it;
   * `runtime` passes options on to the runtime (a grid limit, a longer wall-clock limit for benches).
   */
  static async open(
    bundleDir: string,
    o: {
      secret?: string | null;
      activeInWebApp?: boolean;
      secretIn?: 'user' | 'script';
      runtime?: Omit<GasRuntimeOptions, 'clock' | 'activeInWebApp'>;
    } = {},
  ): Promise<Sheet> {
    let self: Sheet | undefined;
    const rt = await GasRuntime.load(bundleDir, {
      ...o.runtime,
      clock: () => self?.nowMs ?? START_MS,
      activeInWebApp: o.activeInWebApp ?? true,
    });
    self = new Sheet(rt);
    const secret = o.secret === undefined ? SECRET : o.secret;
    const store = o.secretIn === 'script' ? rt.properties : rt.userProperties;
    if (secret !== null)
      store.set(SECRETS_PROPERTY, JSON.stringify({ current: secret, previous: null, rotatedAt: null }));
    return self;
  }

  get nowSeconds(): number {
    return Math.floor(this.nowMs / 1000);
  }

  advance(ms: number): void {
    this.nowMs += ms;
  }

  /** doPost as a web app execution; returns the reply and its mime type. */
  postEvent(event: unknown): { reply: Reply; mimeType: string } {
    const out = this.rt.invoke('doPost', 'webapp', event) as { getContent(): string; getMimeType(): string };
    return { reply: JSON.parse(out.getContent()) as Reply, mimeType: String(out.getMimeType()) };
  }

  post(batch: Batch | BatchV2 | string, o: SignOptions = {}): Reply {
    return this.postEvent(signedEvent(batch, this.nowSeconds, o)).reply;
  }

  menu(name: string): void {
    this.rt.invoke(name, 'menu');
  }

  tab(): ReturnType<GasRuntime['spreadsheet']['getSheetByName']> {
    return this.rt.spreadsheet.getSheetByName('Access Requests');
  }
}
