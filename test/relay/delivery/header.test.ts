import { describe, expect, it } from 'vitest';
import { batchHeader, webUrlFromProxyAddr, type PingSource } from '../../../relay/src/delivery/header.js';

// The batch header is a value the delivery loop waits for: known at once with web_url, else at
// the first snapshot whose Ping named the Proxy's public address.

class FakeSource implements PingSource {
  ping: { clusterName: string; proxyPublicAddr: string } | null = null;
  listeners = new Set<() => void>();
  status() {
    return { ping: this.ping };
  }
  onSnapshot(listener: () => void) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  snapshot() {
    for (const listener of [...this.listeners]) listener();
  }
}

const settled = async <T>(promise: Promise<T>): Promise<T | 'pending'> =>
  Promise.race([promise, new Promise<'pending'>((resolve) => setImmediate(() => resolve('pending')))]);

describe('batchHeader', () => {
  it('is known at once when web_url is configured, with the identity’s cluster until a Ping', async () => {
    const source = new FakeSource();
    const header = batchHeader({ webUrl: 'https://t.example', relay: 'r/1', identityCluster: 'id.example', source });
    expect(await header).toEqual({ cluster: 'id.example', webUrl: 'https://t.example', relay: 'r/1' });
    expect(source.listeners.size).toBe(0);
  });

  it('waits for a snapshot whose Ping reports the Proxy address, then stops listening', async () => {
    const source = new FakeSource();
    const header = batchHeader({ webUrl: null, relay: 'r/1', identityCluster: 'id.example', source });
    expect(await settled(header)).toBe('pending');
    source.ping = { clusterName: 'example.com', proxyPublicAddr: '' };
    source.snapshot();
    expect(await settled(header)).toBe('pending');
    source.ping = { clusterName: 'example.com', proxyPublicAddr: 'teleport.example.com:443' };
    source.snapshot();
    expect(await header).toEqual({ cluster: 'example.com', webUrl: 'https://teleport.example.com', relay: 'r/1' });
    expect(source.listeners.size).toBe(0);
  });
});

describe('webUrlFromProxyAddr', () => {
  it.each([
    ['teleport.example.com:443', 'https://teleport.example.com'],
    ['teleport.example.com:3080', 'https://teleport.example.com:3080'],
    ['https://a.example:443, b.example:443', 'https://a.example'],
    ['', null],
  ])('%s → %s', (addr, url) => {
    expect(webUrlFromProxyAddr(addr)).toBe(url);
  });
});
