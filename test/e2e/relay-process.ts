// The real relay, as an operator runs it: `node dist/relay/src/cli.js start --config FILE`.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { relayToml } from '../relay/relay-toml.js';

const CLI = join(process.cwd(), 'dist', 'relay', 'src', 'cli.js');
const TSX = new URL('node_modules/tsx/dist/loader.mjs', `file://${process.cwd()}/`).href;
const JUMPING_CLOCK = new URL('./jumping-clock.ts', import.meta.url).href;

export interface RelayConfig {
  addr: string;
  identity: string;
  mode: 'auto' | 'auth' | 'proxy';
  sheetUrl: string;
  secretFile: string;
  id: string;
  webUrl?: string;
  sheetTimeout?: string;
  refreshIdentityInterval?: string;
  heartbeatInterval?: string;
  resyncInterval?: string;
  batchLinger?: string;
  connectionUpgrade?: 'auto' | 'always' | 'never';
  /** Added to the process environment (proxy variables, NODE_EXTRA_CA_CERTS). */
  env?: Record<string, string>;
  /** Options for node itself, before the script (the bench's --inspect). */
  nodeArgs?: string[];
  /** Run on test/e2e/jumping-clock.ts, so the test can move the process's clock forward (jump()). */
  jumpingClock?: boolean;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** The relay.toml of a test relay, from the settings tests vary. */
export function relayConfigText(c: RelayConfig, httpPort: number): string {
  return relayToml({
    teleport: {
      addr: c.addr,
      identity: c.identity,
      refresh_identity: true,
      refresh_identity_interval: c.refreshIdentityInterval ?? '1s',
      mode: c.mode,
      connection_upgrade: c.connectionUpgrade,
    },
    sheet: { url: c.sheetUrl, secret_file: c.secretFile, web_url: c.webUrl, timeout: c.sheetTimeout ?? '5s' },
    relay: {
      id: c.id,
      heartbeat_interval: c.heartbeatInterval ?? '2s',
      resync_interval: c.resyncInterval ?? '10m',
      batch_linger: c.batchLinger ?? '50ms',
    },
    http: { listen: `127.0.0.1:${httpPort}` },
    log: { severity: 'debug' },
  });
}

/** Runs `check` once with the same config and environment a relay would get. */
export async function runCheck(dir: string, config: RelayConfig): Promise<{ code: number | null; stdout: string }> {
  const configFile = join(dir, `${config.id}-check.toml`);
  await writeFile(configFile, relayConfigText(config, await freePort()), { mode: 0o600 });
  const child = spawn(process.execPath, [CLI, 'check', '--config', configFile], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...config.env },
  });
  let stdout = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
  child.stderr!.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
  const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
  return { code, stdout };
}

export class RelayProcess {
  readonly output: string[] = [];
  private child: ChildProcess | null = null;
  private exited: Promise<number | null> = Promise.resolve(null);

  private constructor(
    readonly configFile: string,
    readonly httpPort: number,
    private readonly env: Record<string, string> = {},
    private readonly jumpingClock = false,
    private readonly nodeArgs: string[] = [],
  ) {}

  static async start(dir: string, config: RelayConfig): Promise<RelayProcess> {
    const httpPort = await freePort();
    const configFile = join(dir, `${config.id}.toml`);
    await writeFile(configFile, relayConfigText(config, httpPort), { mode: 0o600 });
    const relay = new RelayProcess(configFile, httpPort, config.env, config.jumpingClock, config.nodeArgs);
    relay.spawn();
    return relay;
  }

  private spawn(): void {
    const clock = this.jumpingClock ? ['--import', TSX, '--import', JUMPING_CLOCK] : [];
    const child = spawn(process.execPath, [...this.nodeArgs, ...clock, CLI, 'start', '--config', this.configFile], {
      stdio: ['ignore', 'pipe', 'pipe', ...(this.jumpingClock ? (['ipc'] as const) : [])],
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...this.env },
    });
    const keep = (chunk: Buffer) => {
      this.output.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      if (this.output.length > 5000) this.output.splice(0, this.output.length - 5000);
    };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    this.child = child;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return this.child !== null && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** SIGKILL: no flush, no goodbye — what a crash or an OOM kill looks like. */
  async kill(): Promise<void> {
    if (!this.running) return;
    this.child!.kill('SIGKILL');
    await this.exited;
  }

  async stop(): Promise<number | null> {
    if (!this.running) return this.child?.exitCode ?? null;
    this.child!.kill('SIGTERM');
    return this.exited;
  }

  async restart(): Promise<void> {
    await this.kill();
    this.spawn();
  }

  /** Moves the process's clock forward by ms (jumpingClock only); resolves once its due timers have fired. */
  async jump(ms: number): Promise<void> {
    const child = this.child!;
    await new Promise<void>((resolve, reject) => {
      child.once('message', () => resolve());
      child.send({ jumpMs: ms }, (err) => err && reject(err));
    });
  }

  async get(path: string): Promise<{ status: number; body: string }> {
    const res = await fetch(`http://127.0.0.1:${this.httpPort}${path}`);
    return { status: res.status, body: await res.text() };
  }

  tail(lines = 40): string {
    return this.output.slice(-lines).join('\n');
  }
}
