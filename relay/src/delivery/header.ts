import { isHttpsBaseUrl } from '../../../proto/contract.js';

// Every batch names its cluster, the base of the links into Teleport and the relay. With
// `sheet.web_url` set that is known at once; otherwise it waits for the first Ping that reports
// the Proxy's public address. Once known it is kept, also while Teleport is unreachable.

export interface BatchHeader {
  cluster: string;
  webUrl: string;
  relay: string;
}

/** What the header needs of the Teleport side. */
export interface PingSource {
  status(): { ping: { clusterName: string; proxyPublicAddr: string } | null };
  onSnapshot(listener: () => void): () => void;
}

export interface HeaderOptions {
  /** `sheet.web_url`, when configured. */
  webUrl: string | null;
  /** "<relay id>/<version>". */
  relay: string;
  /** The cluster the identity was issued by, used until Teleport answers a Ping. */
  identityCluster: string;
  source: PingSource;
}

/** Resolves with the header as soon as it is known. */
export function batchHeader(o: HeaderOptions): Promise<BatchHeader> {
  return new Promise((resolve) => {
    const attempt = (): boolean => {
      const header = headerNow(o);
      if (header) resolve(header);
      return header !== null;
    };
    if (attempt()) return;
    const off = o.source.onSnapshot(() => {
      if (attempt()) off();
    });
  });
}

function headerNow(o: HeaderOptions): BatchHeader | null {
  const ping = o.source.status().ping;
  const webUrl = o.webUrl ?? (ping?.proxyPublicAddr ? webUrlFromProxyAddr(ping.proxyPublicAddr) : null);
  if (!webUrl) return null;
  return { cluster: ping?.clusterName || o.identityCluster, webUrl, relay: o.relay };
}

/** "teleport.example.com:443" → "https://teleport.example.com"; other ports are kept. */
export function webUrlFromProxyAddr(addr: string): string | null {
  const first = addr
    .split(',')[0]!
    .trim()
    .replace(/^https?:\/\//, '');
  const url = `https://${first.replace(/:443$/, '')}`;
  return isHttpsBaseUrl(url) ? url : null;
}
