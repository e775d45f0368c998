// What the script sees of the fakes: each fake object is handed over behind a proxy that shows
// only the methods Google documents (anything else reads as undefined, so a call to a method
// that does not exist fails here as it would in Apps Script), counts spreadsheet service calls,
// and turns a fake's GasException into an Error of the script's own realm.
import type { CallCounters } from './counters.js';
import type { GasEnv } from './env.js';

export class GasException extends Error {
  override readonly name = 'Exception';
}

export function gasError(message: string): GasException {
  return new GasException(message);
}

export interface ApiSpec {
  name: string;
  counted: boolean;
  methods: readonly string[];
  /** Read-only properties such as enums (SpreadsheetApp.ProtectionType). */
  props?: Record<string, unknown>;
  /** The script may set and read its own properties on it (HtmlTemplate). */
  open?: boolean;
  /** Cells a call moves, for the read/written counters. */
  cells?: (method: string, target: object, args: unknown[]) => { read?: number; written?: number } | undefined;
}

type AnyCtor = abstract new (...args: never[]) => object;

export class Exposer {
  private readonly specs = new Map<object, ApiSpec>();
  private readonly proxies = new WeakMap<object, object>();
  private readonly targets = new WeakMap<object, object>();
  /** Told of every call the script makes, before it runs (the runtime interleaves executions there). */
  onCall: ((api: string, method: string) => void) | null = null;

  constructor(
    private readonly env: GasEnv,
    private readonly counters: CallCounters,
    /** Modelled seconds of a priced call, judged before it runs. */
    private readonly price: (api: string, method: string, target: object) => number,
  ) {}

  register(ctor: AnyCtor, spec: ApiSpec): void {
    this.specs.set(ctor.prototype as object, spec);
  }

  expose(value: unknown): unknown {
    if (Array.isArray(value)) return value.map((v) => this.expose(v));
    if (value === null || typeof value !== 'object') return value;
    const spec = this.specs.get(Object.getPrototypeOf(value) as object);
    if (!spec) return value;
    let proxy = this.proxies.get(value);
    if (!proxy) {
      proxy = new Proxy(value, this.handler(spec));
      this.proxies.set(value, proxy);
      this.targets.set(proxy, value);
    }
    return proxy;
  }

  /** The fake behind a proxy the script passed back (arrays are unwrapped element by element). */
  unwrap(value: unknown): unknown {
    if (Array.isArray(value)) return value.some((v) => this.isWrapped(v)) ? value.map((v) => this.unwrap(v)) : value;
    if (value !== null && typeof value === 'object') return this.targets.get(value) ?? value;
    return value;
  }

  private isWrapped(value: unknown): boolean {
    if (Array.isArray(value)) return value.some((v) => this.isWrapped(v));
    return value !== null && typeof value === 'object' && this.targets.has(value);
  }

  private handler(spec: ApiSpec): ProxyHandler<object> {
    const methods = new Set(spec.methods);
    return {
      get: (target, prop) => {
        if (typeof prop !== 'string') return undefined;
        if (prop === 'toString') return () => spec.name;
        if (methods.has(prop)) return this.method(spec, target, prop);
        if (spec.props && Object.hasOwn(spec.props, prop)) return spec.props[prop];
        if (spec.open) return (target as Record<string, unknown>)[prop];
        return undefined;
      },
      set: (target, prop, value) => {
        if (spec.open && typeof prop === 'string') (target as Record<string, unknown>)[prop] = value;
        return true;
      },
      has: (target, prop) => typeof prop === 'string' && (methods.has(prop) || (spec.open === true && prop in target)),
      ownKeys: (target) => (spec.open ? Reflect.ownKeys(target).filter((k) => typeof k === 'string') : []),
      getOwnPropertyDescriptor: (target, prop) =>
        spec.open ? Reflect.getOwnPropertyDescriptor(target, prop) : undefined,
    };
  }

  private priced(api: string, method: string, target: object): void {
    const round = this.counters.call(api, method);
    this.env.maybeKill();
    if (!round) return;
    const seconds = this.price(api, method, target);
    this.env.spend(seconds);
    this.counters.spent(api, method, seconds);
  }

  private method(spec: ApiSpec, target: object, prop: string): (...args: unknown[]) => unknown {
    const fn = (target as Record<string, unknown>)[prop];
    if (typeof fn !== 'function') throw new Error(`fake ${spec.name} lists ${prop} but does not implement it`);
    return (...args: unknown[]) => {
      this.env.checkAlive();
      this.onCall?.(spec.name, prop);
      if (spec.counted) this.priced(spec.name, prop, target);
      const moved = spec.cells?.(prop, target, args);
      try {
        const result = this.expose(
          fn.apply(
            target,
            args.map((a) => this.unwrap(a)),
          ),
        );
        this.counters.read(moved?.read ?? 0);
        this.counters.wrote(moved?.written ?? 0);
        return result;
      } catch (e) {
        throw e instanceof GasException ? this.env.error(e.message) : e;
      }
    };
  }
}
