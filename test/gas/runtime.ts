// The local Apps Script runtime: the bundle evaluated afresh for every execution in a context
// holding only Apps Script globals, over services whose state outlives executions.
import { randomBytes } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import vm from 'node:vm';
import { registerApis } from './apis.js';
import { FakeCache, FakeCacheService } from './cache.js';
import { FakeChartsService } from './charts.js';
import { FakeContentService } from './content.js';
import { createScriptContext, installGlobals, intoRealm } from './context.js';
import { callSeconds } from './call-cost.js';
import { CallCounters } from './counters.js';
import { SpreadsheetDrive } from './drive.js';
import { GasEnv, type ExecutionMode } from './env.js';
import { Exposer } from './expose.js';
import { FakeHtmlService } from './html.js';
import { FakeLockService, LockSlot } from './lock.js';
import { FakeProperties, FakePropertiesService } from './properties.js';
import { fakeConsole, FakeLogger, FakeSession, LogRecorder } from './session.js';
import { FakeSpreadsheet } from './spreadsheet.js';
import { FakeSpreadsheetApp } from './spreadsheet-app.js';
import { UiRecorder } from './ui.js';
import { FakeUtilities } from './utilities.js';
import { topLevelFunctions } from './entry-points.js';
import { GasRuntimeError, type ExecutionCost, type GasRuntimeOptions } from './runtime-options.js';

export type { ExecutionMode } from './env.js';
export { GasRuntimeError, type ExecutionCost, type GasRuntimeOptions } from './runtime-options.js';

const ENTRY = Symbol.for('gas-runtime.entry');

interface Interleaving {
  when: (call: { api: string; method: string; n: number }) => boolean;
  other: () => void;
  execution: number | null;
  calls: number;
}

export class GasRuntime {
  readonly spreadsheet: FakeSpreadsheet;
  /** The bound spreadsheet and those the script created. */
  readonly drive: SpreadsheetDrive;
  lastExecution: ExecutionCost | null = null;
  readonly counters = new CallCounters();
  readonly properties = new FakeProperties();
  readonly documentProperties = new FakeProperties();
  readonly cache: FakeCache;
  private readonly perUser = new Map<string, { properties: FakeProperties; cache: FakeCache }>();
  private executions = 0;
  private pending: Interleaving | null = null;
  readonly ui = new UiRecorder();
  readonly logs = new LogRecorder();
  private readonly env: GasEnv;
  private readonly exposer: Exposer;
  private readonly scriptLock = new LockSlot();
  private readonly otherLocks = [new LockSlot(), new LockSlot()] as const;
  private readonly globals: Record<string, unknown>;
  private context: vm.Context | null = null;
  private readonly timeoutMs: number;

  readonly lock = { holdExternally: (): (() => void) => this.scriptLock.holdExternally() };

  /** The next execution dies at its `call`-th priced spreadsheet call (that call does not happen). */
  killAtCall(call: number): void {
    this.env.killAtCall = call;
  }

  /** A new version of the script takes over, as `clasp push` and a deployment update do; the data stays. */
  async deploy(bundleDir: string): Promise<void> {
    this.source = await readFile(join(bundleDir, 'Code.js'), 'utf8');
    this.script = new vm.Script(this.source, { filename: 'Code.js' });
  }

  static async load(bundleDir = 'appsscript/dist', options: GasRuntimeOptions = {}): Promise<GasRuntime> {
    const source = await readFile(join(bundleDir, 'Code.js'), 'utf8');
    const html = new Map<string, string>();
    for (const file of await readdir(bundleDir)) {
      if (file.endsWith('.html'))
        html.set(file.slice(0, -'.html'.length), await readFile(join(bundleDir, file), 'utf8'));
    }
    const manifest = await readFile(join(bundleDir, 'appsscript.json'), 'utf8').catch(() => null);
    const scopes =
      manifest === null ? null : ((JSON.parse(manifest) as { oauthScopes?: string[] }).oauthScopes ?? null);
    return new GasRuntime(source, html, options, scopes);
  }

  private script: vm.Script;

  private constructor(
    private source: string,
    html: ReadonlyMap<string, string>,
    options: GasRuntimeOptions,
    scopes: readonly string[] | null,
  ) {
    this.script = new vm.Script(source, { filename: 'Code.js' });
    this.timeoutMs = options.executionTimeoutMs ?? 30_000;
    this.env = new GasEnv(
      options.clock ?? Date.now,
      options.timeZone ?? 'Etc/UTC',
      options.ownerEmail ?? 'owner@example.com',
      scopes,
    );
    this.env.secondsLimit = options.modelledLimitSeconds ?? null;
    this.exposer = new Exposer(this.env, this.counters, (api, method, target) =>
      callSeconds(api, method, target, this.env.cache),
    );
    this.exposer.onCall = (api, method) => this.maybeInterleave(api, method);
    registerApis(this.exposer);
    const id = options.spreadsheetId ?? randomBytes(22).toString('base64url');
    this.spreadsheet = new FakeSpreadsheet(this.env, this.ui, id);
    this.spreadsheet.cellLimit = options.cellLimit ?? this.spreadsheet.cellLimit;
    this.drive = new SpreadsheetDrive(this.env, this.ui, this.spreadsheet);
    this.cache = new FakeCache(this.env);
    this.globals = this.buildGlobals(html, options.activeInWebApp ?? true);
  }

  private buildGlobals(html: ReadonlyMap<string, string>, activeInWebApp: boolean): Record<string, unknown> {
    const env = this.env;
    const services: Record<string, object> = {
      SpreadsheetApp: new FakeSpreadsheetApp(this.drive, env, this.ui, activeInWebApp),
      LockService: new FakeLockService(env, this.scriptLock, ...this.otherLocks),
      CacheService: new FakeCacheService(env, this.cache, new FakeCache(env), () => this.userCacheOf(env.user)),
      PropertiesService: new FakePropertiesService(env, {
        script: this.properties,
        document: this.documentProperties,
        user: () => this.userPropertiesOf(env.user),
      }),
      Utilities: new FakeUtilities(),
      ContentService: new FakeContentService(),
      HtmlService: new FakeHtmlService(html, (code) => vm.runInContext(code, this.currentContext())),
      Session: new FakeSession(env),
      Logger: new FakeLogger(this.logs),
      Charts: new FakeChartsService(),
    };
    const exposed = Object.fromEntries(Object.entries(services).map(([name, s]) => [name, this.exposer.expose(s)]));
    return {
      ...exposed,
      console: fakeConsole(this.logs),
      ScriptApp: { AuthMode: { NONE: 'NONE', LIMITED: 'LIMITED', FULL: 'FULL', CUSTOM_FUNCTION: 'CUSTOM_FUNCTION' } },
    };
  }

  private currentContext(): vm.Context {
    if (!this.context) throw new Error('no execution is running');
    return this.context;
  }

  /** The owner's User Properties (the store a web app run "as me" reads). */
  get userProperties(): FakeProperties {
    return this.userPropertiesOf(this.env.ownerEmail);
  }

  private stores(email: string): { properties: FakeProperties; cache: FakeCache } {
    let found = this.perUser.get(email);
    if (!found) this.perUser.set(email, (found = { properties: new FakeProperties(), cache: new FakeCache(this.env) }));
    return found;
  }

  /** Each user's User Properties and user cache are their own. */
  userPropertiesOf(email: string): FakeProperties {
    return this.stores(email).properties;
  }
  userCacheOf(email: string): FakeCache {
    return this.stores(email).cache;
  }

  /** One execution as the owner (a web app always runs as its deployer, the owner). */
  invoke(name: string, mode: ExecutionMode, ...args: unknown[]): unknown {
    return this.invokeAs(this.env.ownerEmail, name, mode, ...args);
  }

  /**
   * One execution by `user` (an editor clicking a menu item, say): evaluate the bundle afresh, call
   * `name`, release what the execution held. Re-entrant, so that another execution can overlap one.
   */
  invokeAs(user: string, name: string, mode: ExecutionMode, ...args: unknown[]): unknown {
    const { context, realm } = createScriptContext(this.env.clock);
    installGlobals(context, this.globals);
    const savedContext = this.context;
    const id = (this.executions += 1);
    const saved = this.env.enter({
      executionId: id,
      mode,
      realm,
      user: mode === 'webapp' ? this.env.ownerEmail : user,
    });
    this.context = context;
    if (this.pending && this.pending.execution === null) this.pending.execution = id;
    try {
      const result = this.call(context, name, args);
      this.throwIfKilled();
      return result;
    } catch (e) {
      this.throwIfKilled();
      throw e;
    } finally {
      for (const slot of [this.scriptLock, ...this.otherLocks]) slot.releaseExecution(id);
      this.lastExecution = { name, calls: this.env.executionCalls, seconds: this.env.executionSeconds };
      this.env.leave(saved);
      this.context = savedContext;
    }
  }

  private throwIfKilled(): void {
    if (this.env.timedOut) throw new GasRuntimeError('timeout', 'Exceeded maximum execution time');
    if (this.env.killed) throw new GasRuntimeError('killed', 'The execution was killed');
  }

  private call(context: vm.Context, name: string, args: unknown[]): unknown {
    this.run(() => this.script.runInContext(context, { timeout: this.timeoutMs }));
    const fn = (context as Record<string, unknown>)[name];
    if (typeof fn !== 'function') throw new GasRuntimeError('function_not_found', `Script function not found: ${name}`);
    const scriptArgs = args.map((a) => intoRealm(a, context));
    (context as Record<symbol, unknown>)[ENTRY] = () => (fn as (...a: unknown[]) => unknown)(...scriptArgs);
    return this.run(() =>
      vm.runInContext(`globalThis[Symbol.for('gas-runtime.entry')]()`, context, { timeout: this.timeoutMs }),
    );
  }

  /**
   * Test control: executions here never overlap by themselves. The next execution to start runs
   * `other` (which may invoke another execution) just before its first service call matching
   * `when`, n counting that execution's calls from 1 — as if two executions ran at once. One-shot.
   */
  interleave(when: Interleaving['when'], other: () => void): void {
    this.pending = { when, other, execution: null, calls: 0 };
  }

  private maybeInterleave(api: string, method: string): void {
    const p = this.pending;
    if (!p || p.execution !== this.env.executionId) return;
    p.calls += 1;
    if (!p.when({ api, method, n: p.calls })) return;
    this.pending = null;
    p.other();
  }

  private run(fn: () => unknown): unknown {
    try {
      return fn();
    } catch (e) {
      if ((e as { code?: unknown } | null)?.code === 'ERR_SCRIPT_EXECUTION_TIMEOUT') {
        throw new GasRuntimeError('timeout', 'Exceeded maximum execution time');
      }
      throw e;
    }
  }

  /** The fake behind whatever the script returned (a TextOutput, an HtmlOutput...). */
  unwrap(value: unknown): unknown {
    return this.exposer.unwrap(value);
  }

  setActiveRange(sheetName: string, a1: string): void {
    const sheet = this.spreadsheet.getSheetByName(sheetName);
    if (!sheet) throw new Error(`no sheet named ${sheetName}`);
    this.spreadsheet.setActiveRangeTo(sheet.getRange(a1));
  }

  snapshot(sheetName?: string): unknown {
    if (sheetName === undefined) return this.spreadsheet.getSheets().map((s) => s.describe());
    const sheet = this.spreadsheet.getSheetByName(sheetName);
    if (!sheet) throw new Error(`no sheet named ${sheetName}`);
    return sheet.describe();
  }

  entryPoints(): string[] {
    return topLevelFunctions(this.source);
  }
}
