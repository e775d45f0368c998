// The whole product on loopback: the Teleport stand-in (optionally behind the TLS-routing proxy),
// the real built Apps Script bundle in the local runtime behind Google's 302 flow, and real relay
// processes started from real config files with credentials made for the run.
import { until } from '../until.js';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GasRuntime } from '../gas/runtime.js';
import { startWebApp, type FaultPlan } from '../gas/web-front.js';
import {
  createCluster,
  issueIdentity,
  writeIdentityFile,
  writeMachineIdDir,
  type KeyType,
  type TestCluster,
} from '../teleport/pki.js';
import { startTlsRoutingProxy } from '../teleport/proxy.js';
import { startFakeTeleport, type FakeTeleport } from '../teleport/server.js';
import { checkSheet, describeVerdict, type Verdict } from './checker.js';
import { RelayProcess, type RelayConfig } from './relay-process.js';

export interface ChainOptions {
  cluster?: string;
  keyType?: KeyType;
  viaProxy?: boolean;
  machineId?: boolean;
  faults?: FaultPlan;
  relay?: Partial<RelayConfig>;
  /** The relay identity's roles; default the guide's role (no `event` rule, so no usage). */
  roles?: string[];
  /**
   * The sheet and every relay run on one clock that `jump()` moves forward (relays on
   * test/e2e/jumping-clock.ts), so rules on minutes are seen in seconds and signed `ts` stay in the
   * sheet's window. Start the relays before the first jump: one started later would lag behind.
   */
  jumpingClock?: boolean;
}

type WebApp = Awaited<ReturnType<typeof startWebApp>>;
type Proxy = Awaited<ReturnType<typeof startTlsRoutingProxy>>;

export const PROXY_PUBLIC_ADDR = 'teleport.example.test:443';
export const WEB_URL = 'https://teleport.example.test';

export class Chain {
  readonly relays: RelayProcess[] = [];
  private relayCount = 0;
  /** How far `jump()` has moved the shared clock ahead of real time. */
  private jumpedMs = 0;

  private constructor(
    readonly dir: string,
    readonly cluster: TestCluster,
    readonly teleport: FakeTeleport,
    readonly runtime: GasRuntime,
    readonly web: WebApp,
    readonly proxy: Proxy | null,
    readonly identityPath: string,
    readonly secretFile: string,
    private readonly options: ChainOptions,
  ) {}

  static async start(options: ChainOptions = {}): Promise<Chain> {
    const dir = await mkdtemp(join(tmpdir(), 'teleport-sheets-e2e-'));
    const cluster = await createCluster(options.cluster ?? 'e2e.example.test');
    let chain: Chain | undefined;
    const clock = () => Date.now() + (chain?.jumpedMs ?? 0);
    // A relay on a jumping clock pings more often in real time than Teleport allows: no strikes then.
    const pings = options.jumpingClock ? { minPingIntervalMs: 0 } : {};
    const teleport = await startFakeTeleport({ cluster, proxyPublicAddr: PROXY_PUBLIC_ADDR, ...pings });
    const proxy = options.viaProxy
      ? await startTlsRoutingProxy({ routes: { [cluster.name]: teleport.address } })
      : null;
    const runtime = await GasRuntime.load('appsscript/dist', { clock });
    const secret = setUpSecret(runtime);
    const web = await startWebApp(runtime, options.faults ? { faults: options.faults } : {});
    const secretFile = join(dir, 'secret');
    await writeFile(secretFile, `${secret}\n`, { mode: 0o600 });
    const identityPath = options.machineId ? join(dir, 'tbot') : join(dir, 'identity');
    chain = new Chain(dir, cluster, teleport, runtime, web, proxy, identityPath, secretFile, options);
    await chain.rotateIdentity();
    return chain;
  }

  /** Issues a fresh identity (a new key pair each time, as tbot does) and writes it in place. */
  async rotateIdentity(validForMs = 60 * 60_000): Promise<void> {
    const identity = await issueIdentity(this.cluster, {
      user: 'access-plugin',
      roles: this.options.roles ?? ['access-plugin'],
      keyType: this.options.keyType ?? 'ecdsa',
      notAfter: new Date(Date.now() + validForMs),
    });
    if (this.options.machineId) await writeMachineIdDir(this.identityPath, identity);
    else await writeIdentityFile(this.identityPath, identity);
  }

  /** The config a relay of this chain runs with. */
  relayConfig(id: string, overrides: Partial<RelayConfig> = {}): RelayConfig {
    return {
      addr: this.proxy ? this.proxy.address : this.teleport.address,
      mode: this.proxy ? 'proxy' : 'auth',
      identity: this.identityPath,
      sheetUrl: this.web.url,
      secretFile: this.secretFile,
      id,
      jumpingClock: this.options.jumpingClock ?? false,
      ...this.options.relay,
      ...overrides,
    };
  }

  async startRelay(overrides: Partial<RelayConfig> = {}): Promise<RelayProcess> {
    this.relayCount += 1;
    const relay = await RelayProcess.start(this.dir, this.relayConfig(`relay-${this.relayCount}`, overrides));
    this.relays.push(relay);
    return relay;
  }

  /** Moves the sheet's clock and every relay's forward by `ms` (`jumpingClock` only). */
  async jump(ms: number): Promise<void> {
    if (!this.options.jumpingClock) throw new Error('this chain was started without a jumping clock');
    this.jumpedMs += ms;
    await Promise.all(this.relays.filter((r) => r.running).map((r) => r.jump(ms)));
  }

  check(): Verdict {
    return checkSheet(this.runtime, this.teleport.requests(), {
      cluster: this.cluster.name,
      webUrl: WEB_URL,
      journal: this.teleport.journal(),
    });
  }

  /** Waits until the sheet equals Teleport's state, observed by polling the sheet. */
  async converge(timeoutMs = 60_000): Promise<Verdict> {
    try {
      return await until(
        'the sheet to equal Teleport',
        () => this.check(),
        (v) => v.ok,
        { timeoutMs, intervalMs: 100, show: describeVerdict },
      );
    } catch (error) {
      const logs = this.relays.map((r, i) => `--- relay ${i + 1} (last lines)\n${r.tail(25)}`).join('\n');
      throw new Error(`${(error as Error).message}\n${logs}`);
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.relays.map((r) => r.kill()));
    await this.web.close();
    await this.proxy?.close();
    await this.teleport.close();
    await rm(this.dir, { recursive: true, force: true });
  }
}

/** Runs the sheet's own "Set up secret" menu item and reads the secret from the dialog it shows. */
export function setUpSecret(runtime: GasRuntime): string {
  runtime.invoke('setUpSecret', 'menu');
  const html = runtime.ui.dialogs.at(-1)?.html ?? '';
  const secret = /\b[0-9a-f]{64}\b/.exec(html)?.[0];
  if (!secret) throw new Error('the Set up secret dialog showed no 64-hex-digit secret');
  return secret;
}
