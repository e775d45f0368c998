// A TLS front door for a plain-HTTP stand-in (the web app), with a certificate from the test web
// CA for a public-looking name, so the relay can reach it as https through a proxy.
import { connect as netConnect, type AddressInfo, type Socket } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';

export interface TlsFront {
  readonly address: string;
  readonly connections: number;
  close(): Promise<void>;
}

export async function startTlsFront(o: { certPem: string; keyPem: string; upstream: string }): Promise<TlsFront> {
  const sockets = new Set<Socket>();
  let connections = 0;
  const [host, port] = o.upstream.split(/:(?=\d+$)/) as [string, string];
  const server = createTlsServer({ cert: o.certPem, key: o.keyPem, noDelay: true }, (client) => {
    connections += 1;
    const upstream = netConnect({ host, port: Number(port), noDelay: true });
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => s.destroy()).once('close', () => sockets.delete(s));
    }
    client.once('close', () => upstream.destroy());
    upstream.once('close', () => client.destroy());
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    address: `127.0.0.1:${(server.address() as AddressInfo).port}`,
    get connections() {
      return connections;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
