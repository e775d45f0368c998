// The HTTP agents for the POSTs to the web app (and Google's redirect): one keep-alive agent for
// direct connections, and https-proxy-agent's CONNECT tunnel for origins the environment sends
// through a proxy. Chosen per origin with the same rules as the connection to Teleport
// (environment.ts), so loopback is never proxied and NO_PROXY reads the same on both paths.
import { Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { proxyFor, type Env, type OutboundProxy } from './environment.js';

export interface Route {
  agent: HttpAgent;
  proxy: OutboundProxy | null;
}

// A pooled connection is dropped after this long unused, or sooner when the server's Keep-Alive
// header says so; a request never times out through it (sheet-client.ts owns the attempt's timeout).
const IDLE_SOCKET_MS = 60_000;

export class OutboundAgents {
  private readonly direct = new HttpsAgent({ keepAlive: true, timeout: IDLE_SOCKET_MS });
  private readonly plain = new HttpAgent({ keepAlive: true, timeout: IDLE_SOCKET_MS });
  private readonly proxied = new Map<string, Promise<HttpAgent>>();

  constructor(private readonly env: Env = process.env) {}

  /** The agent for a URL; rejects with OutboundProxyError when the proxy setting is malformed. */
  async routeTo(url: URL): Promise<Route> {
    // Plain http is only ever a loopback address (config/checks.ts), which is never proxied.
    if (url.protocol === 'http:') return { agent: this.plain, proxy: null };
    const proxy = proxyFor({ host: url.hostname, port: Number(url.port) || 443 }, 'https', this.env);
    if (!proxy) return { agent: this.direct, proxy: null };
    let agent = this.proxied.get(proxy.url.href);
    if (!agent) {
      agent = tunnelThrough(proxy);
      this.proxied.set(proxy.url.href, agent);
    }
    return { agent: await agent, proxy };
  }

  /** Destroys every pooled socket: the relay sends nothing more. */
  close(): void {
    this.direct.destroy();
    this.plain.destroy();
    for (const agent of this.proxied.values()) void agent.then((a) => a.destroy());
    this.proxied.clear();
  }
}

/** Loaded only when a proxy applies: most relays reach Google directly. */
async function tunnelThrough(proxy: OutboundProxy): Promise<HttpAgent> {
  const { HttpsProxyAgent } = await import('https-proxy-agent');
  // The credentials travel as a header, not in the URL, which the library's DEBUG output prints.
  const headers = proxy.auth ? { 'Proxy-Authorization': proxy.auth } : {};
  return new HttpsProxyAgent(proxy.name, { headers, keepAlive: true, timeout: IDLE_SOCKET_MS });
}
