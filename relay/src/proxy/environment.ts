// Which outbound HTTP proxy, if any, a connection goes through: HTTPS_PROXY / HTTP_PROXY /
// NO_PROXY read the way Teleport's Go client reads them (upper case first, loopback never proxied,
// NO_PROXY domains matching their subdomains), so the relay and tbot beside it agree.
import { isIP } from 'node:net';
import { RelayError } from '../errors.js';

export type Env = Record<string, string | undefined>;

export interface Target {
  host: string;
  port: number;
}

/** A proxy to tunnel through; `auth` is the ready Proxy-Authorization value and is never logged. */
export interface OutboundProxy {
  url: URL;
  auth: string | null;
  /** The proxy's address without credentials, for logs and errors. */
  name: string;
}

export type OutboundProxyErrorCode = 'invalid' | 'unreachable' | 'refused';

const FIXES: Record<OutboundProxyErrorCode, string> = {
  invalid: 'set HTTPS_PROXY to an http:// or https:// URL such as http://user:password@proxy.example.com:3128',
  unreachable: 'check the host and port in HTTPS_PROXY, and that the relay may reach the proxy',
  refused:
    "allow CONNECT to the target in the proxy's policy, fix the credentials in HTTPS_PROXY, " +
    'or list hosts that must go direct in NO_PROXY',
};

/** The proxy setting is unusable, or the proxy would not tunnel; names the proxy, never its credentials. */
export class OutboundProxyError extends RelayError<OutboundProxyErrorCode> {
  constructor(code: OutboundProxyErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(code, message, { ...options, fix: FIXES[code] });
  }
}

/** The proxy answered CONNECT with something other than 200; `status` is what it said. */
export function connectRefused(proxy: OutboundProxy, target: string, status: string): OutboundProxyError {
  const said = status.slice(0, 120) || 'no status line';
  return new OutboundProxyError('refused', `the proxy ${proxy.name} refused CONNECT to ${target} (${said})`);
}

/** `host:port`, with an IPv6 host in brackets. */
export function hostPort(t: Target): string {
  return `${t.host.includes(':') ? `[${t.host}]` : t.host}:${t.port}`;
}

function envValue(env: Env, name: string): string {
  return env[name.toUpperCase()] || env[name.toLowerCase()] || '';
}

/** The proxy for a connection to `target`, or null to connect directly. Throws on a malformed proxy value. */
export function proxyFor(target: Target, scheme: 'https' | 'http' | 'tls', env: Env): OutboundProxy | null {
  if (!shouldProxy(target, scheme === 'http' ? 80 : 443, envValue(env, 'no_proxy'))) return null;
  const https = envValue(env, 'https_proxy');
  const http = env.REQUEST_METHOD ? '' : envValue(env, 'http_proxy');
  // A bare host:port (Teleport) is asked as https first, then as http, like Teleport's GetProxyURL.
  const raw = scheme === 'https' ? https : scheme === 'http' ? http : https || http;
  return raw ? parseProxy(raw) : null;
}

export function parseProxy(raw: string): OutboundProxy {
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `http://${raw}`);
  } catch {
    throw new OutboundProxyError(
      'invalid',
      'the proxy setting (HTTPS_PROXY / HTTP_PROXY) is not a URL such as http://proxy:3128',
    );
  }
  const name = `${url.protocol}//${url.host}`;
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new OutboundProxyError('invalid', `the proxy ${name} is not supported: use an http:// or https:// proxy`);
  const user = decodeURIComponent(url.username);
  const auth =
    url.username || url.password
      ? `Basic ${Buffer.from(`${user}:${decodeURIComponent(url.password)}`).toString('base64')}`
      : null;
  return { url, auth, name };
}

function isLoopback(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  if (h === 'localhost') return true;
  if (isIP(h) === 4) return h.startsWith('127.');
  return h === '::1' || /^::ffff:127\./.test(h);
}

function shouldProxy(target: Target, defaultPort: number, noProxy: string): boolean {
  if (isLoopback(target.host)) return false;
  const host = target.host
    .toLowerCase()
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '');
  for (const raw of noProxy.split(',')) {
    const entry = raw.trim().toLowerCase();
    if (!entry) continue;
    if (entry === '*') return false;
    if (matchesEntry(entry, host, target.port || defaultPort)) return false;
  }
  return true;
}

function matchesEntry(entry: string, host: string, port: number): boolean {
  if (entry.includes('/')) return inCidr(host, entry);
  const bare = entry.replace(/^\[|\]$/g, '');
  if (isIP(bare)) return bare === host;
  const m = /^(.*?)(?::(\d+))?$/.exec(entry)!;
  const name = m[1]!.replace(/^\[|\]$/g, '').replace(/\.$/, '');
  if (m[2] !== undefined && Number(m[2]) !== port) return false;
  if (isIP(name)) return name === host;
  if (name.startsWith('*.') || name.startsWith('.')) return host.endsWith(name.replace(/^\*/, ''));
  return host === name || host.endsWith(`.${name}`);
}

function inCidr(host: string, cidr: string): boolean {
  const [base, bitsText] = cidr.split('/') as [string, string];
  const bits = Number(bitsText);
  if (isIP(host) !== 4 || isIP(base) !== 4 || !Number.isInteger(bits) || bits < 0 || bits > 32) return false;
  const toInt = (ip: string) => ip.split('.').reduce((n, part) => (n << 8) + Number(part), 0) >>> 0;
  const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
  return (toInt(host) & mask) === (toInt(base) & mask);
}
