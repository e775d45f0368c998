// The fetch dispatcher for the POSTs to the web app (and Google's redirect): undici's ProxyAgent for
// origins the environment sends through a proxy, its Agent for the rest. Chosen per origin with the
// same rules as the connection to Teleport (outbound-proxy.ts), which undici's EnvHttpProxyAgent
// does not follow (it proxies loopback and reads NO_PROXY differently).
import { Agent, Dispatcher, ProxyAgent } from 'undici';
import { OutboundProxyError, proxyFor, type Env, type OutboundProxy } from '../net/outbound-proxy.js';

type Handlers = Dispatcher.DispatchHandlers;

/** Errors before any response came back are the proxy's doing (the target is only reachable through it). */
function nameTheProxy(h: Handlers, proxy: OutboundProxy, target: string): Handlers {
  let answered = false;
  return {
    onConnect: (...a) => h.onConnect?.(...a),
    onUpgrade: (...a) => h.onUpgrade?.(...a),
    onResponseStarted: () => h.onResponseStarted?.(),
    onHeaders: (...a) => {
      answered = true;
      return h.onHeaders?.(...a) ?? true;
    },
    onData: (...a) => h.onData?.(...a) ?? true,
    onComplete: (...a) => h.onComplete?.(...a),
    onBodySent: (...a) => h.onBodySent?.(...a),
    onError: (err) => {
      if (answered) return h.onError?.(err);
      const message = `the proxy ${proxy.name} did not tunnel to ${target}: ${err.message}`;
      h.onError?.(new OutboundProxyError('refused', message, { cause: err }));
    },
  };
}

export class ProxyDispatcher extends Dispatcher {
  private readonly direct = new Agent();
  private readonly proxied = new Map<string, ProxyAgent>();

  constructor(private readonly env: Env = process.env) {
    super();
  }

  override dispatch(options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandlers): boolean {
    const origin = new URL(String(options.origin));
    const scheme = origin.protocol === 'http:' ? 'http' : 'https';
    const port = Number(origin.port) || (scheme === 'http' ? 80 : 443);
    const proxy = proxyFor({ host: origin.hostname, port }, scheme, this.env);
    if (!proxy) return this.direct.dispatch(options, handler);
    return this.agentFor(proxy).dispatch(options, nameTheProxy(handler, proxy, origin.host));
  }

  private agentFor(proxy: OutboundProxy): ProxyAgent {
    const key = proxy.url.href;
    let agent = this.proxied.get(key);
    if (!agent) {
      agent = new ProxyAgent({ uri: key });
      this.proxied.set(key, agent);
    }
    return agent;
  }

  override async close(): Promise<void> {
    await Promise.all([this.direct.close(), ...[...this.proxied.values()].map((a) => a.close())]);
  }

  override async destroy(): Promise<void> {
    await Promise.all([this.direct.destroy(), ...[...this.proxied.values()].map((a) => a.destroy())]);
  }
}
