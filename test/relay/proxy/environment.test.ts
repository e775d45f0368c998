// HTTPS_PROXY / HTTP_PROXY / NO_PROXY and TELEPORT_TLS_ROUTING_CONN_UPGRADE read as Teleport's Go
// client reads them (api/utils/proxy.go and golang.org/x/net/http/httpproxy), one table row per rule.
import { describe, expect, it } from 'vitest';
import { upgradeFromEnv } from '../../../relay/src/teleport/connection-upgrade.js';
import { parseProxy, proxyFor, type Env } from '../../../relay/src/proxy/environment.js';

const P = 'http://proxy.corp:3128';
function via(host: string, port: number, env: Env, scheme: 'https' | 'http' | 'tls' = 'tls'): string | null {
  return proxyFor({ host, port }, scheme, env)?.name ?? null;
}

describe('proxyFor', () => {
  it.each([
    ['no variables: direct', 'teleport.example.com', 443, {}, null],
    ['HTTPS_PROXY applies', 'teleport.example.com', 443, { HTTPS_PROXY: P }, P],
    ['the lower-case name too', 'teleport.example.com', 443, { https_proxy: P }, P],
    ['upper case wins', 'a.example.com', 443, { HTTPS_PROXY: P, https_proxy: 'http://other:1' }, P],
    ['HTTP_PROXY alone proxies a host:port (asked as https, then http)', 'a.example.com', 3025, { HTTP_PROXY: P }, P],
    ['a value without scheme gets http://', 'a.example.com', 443, { HTTPS_PROXY: 'proxy.corp:3128' }, P],
    ['localhost is never proxied', 'localhost', 3025, { HTTPS_PROXY: P }, null],
    ['nor 127.0.0.1', '127.0.0.1', 3025, { HTTPS_PROXY: P }, null],
    ['nor ::1', '::1', 3025, { HTTPS_PROXY: P }, null],
    ['NO_PROXY=* turns it off', 'a.example.com', 443, { HTTPS_PROXY: P, NO_PROXY: '*' }, null],
    ['a domain matches itself', 'example.com', 443, { HTTPS_PROXY: P, NO_PROXY: 'example.com' }, null],
    ['and its subdomains', 'a.example.com', 443, { HTTPS_PROXY: P, NO_PROXY: 'example.com' }, null],
    ['but not a longer name', 'badexample.com', 443, { HTTPS_PROXY: P, NO_PROXY: 'example.com' }, P],
    ['.domain matches subdomains only', 'example.com', 443, { HTTPS_PROXY: P, NO_PROXY: '.example.com' }, P],
    ['*.domain likewise', 'a.example.com', 443, { HTTPS_PROXY: P, no_proxy: '*.example.com' }, null],
    ['matching ignores case', 'A.Example.COM', 443, { HTTPS_PROXY: P, NO_PROXY: 'example.com' }, null],
    ['a port must match', 'a.example.com', 443, { HTTPS_PROXY: P, NO_PROXY: 'example.com:3025' }, P],
    ['a matching port bypasses', 'a.example.com', 3025, { HTTPS_PROXY: P, NO_PROXY: 'example.com:3025' }, null],
    ['an IP', '10.1.2.3', 443, { HTTPS_PROXY: P, NO_PROXY: 'x.org, 10.1.2.3' }, null],
    ['a CIDR', '10.1.2.3', 443, { HTTPS_PROXY: P, NO_PROXY: '10.0.0.0/8' }, null],
    ['outside the CIDR', '11.1.2.3', 443, { HTTPS_PROXY: P, NO_PROXY: '10.0.0.0/8' }, P],
    ['ip:port', '10.1.2.3', 3025, { HTTPS_PROXY: P, NO_PROXY: '10.1.2.3:3025' }, null],
  ] as [string, string, number, Env, string | null][])('%s', (_name, host, port, env, expected) => {
    expect(via(host, port, env)).toBe(expected);
  });

  it('uses only HTTPS_PROXY for https URLs and only HTTP_PROXY for http ones (not under CGI)', () => {
    expect(via('script.google.com', 443, { HTTP_PROXY: P }, 'https')).toBe(null);
    expect(via('script.google.com', 443, { HTTPS_PROXY: P }, 'https')).toBe(P);
    expect(via('example.org', 80, { HTTP_PROXY: P }, 'http')).toBe(P);
    expect(via('example.org', 80, { HTTP_PROXY: P, REQUEST_METHOD: 'GET' }, 'http')).toBe(null);
  });

  it('turns URL credentials into Basic auth, decoded, and keeps them out of the name', () => {
    const proxy = parseProxy('http://relay%40corp:p%3Ass@proxy.corp:3128');
    expect(proxy.name).toBe(P);
    expect(Buffer.from(proxy.auth!.replace('Basic ', ''), 'base64').toString()).toBe('relay@corp:p:ss');
    expect(parseProxy(P).auth).toBe(null);
  });

  it('refuses a socks5 proxy with a sentence, naming it without credentials', () => {
    expect(() => parseProxy('socks5://u:secret@socks.corp:1080')).toThrow(
      /socks5:\/\/socks\.corp:1080 is not supported/,
    );
    expect(() => parseProxy('socks5://u:secret@socks.corp:1080')).not.toThrow(/secret/);
  });
});

describe('TELEPORT_TLS_ROUTING_CONN_UPGRADE', () => {
  const addr = 'tenant.teleport.sh:443';
  it.each([
    [undefined, null],
    ['', null],
    ['true', true],
    ['YES', true],
    ['0', false],
    ['maybe', false],
    [`${addr}=true`, true],
    [`other:443=true`, false],
    [`other:443=true;yes`, true],
    [`on, ${addr}=off`, false],
  ] as [string | undefined, boolean | null][])('%s → %s', (value, expected) => {
    expect(upgradeFromEnv(addr, { TELEPORT_TLS_ROUTING_CONN_UPGRADE: value })).toBe(expected);
  });
});
