// What a process listens on, read from /proc (Linux): its socket inodes matched against the
// namespace's TCP and Unix socket tables. Used to prove the relay opens no door beside its HTTP port.
import { readdir, readFile, readlink } from 'node:fs/promises';

export interface Listening {
  /** Ports of TCP sockets in LISTEN state (IPv4 and IPv6). */
  tcp: number[];
  /** Paths (or @abstract names) of listening Unix sockets. */
  unix: string[];
}

const TCP_LISTEN = '0A';
const UNIX_ACCEPTING = 0x10000;

async function socketInodes(pid: number): Promise<Set<string>> {
  const inodes = new Set<string>();
  for (const fd of await readdir(`/proc/${pid}/fd`)) {
    const link = await readlink(`/proc/${pid}/fd/${fd}`).catch(() => '');
    const m = /^socket:\[(\d+)\]$/.exec(link);
    if (m) inodes.add(m[1]!);
  }
  return inodes;
}

function rows(table: string): string[][] {
  return table
    .split('\n')
    .slice(1)
    .map((line) => line.trim().split(/\s+/))
    .filter((cols) => cols.length > 1);
}

export async function listeningSockets(pid: number): Promise<Listening> {
  const mine = await socketInodes(pid);
  const tcp: number[] = [];
  for (const file of ['tcp', 'tcp6']) {
    const table = await readFile(`/proc/${pid}/net/${file}`, 'utf8').catch(() => '');
    for (const cols of rows(table))
      if (cols[3] === TCP_LISTEN && mine.has(cols[9]!)) tcp.push(parseInt(cols[1]!.split(':')[1]!, 16));
  }
  const unix: string[] = [];
  for (const cols of rows(await readFile(`/proc/${pid}/net/unix`, 'utf8')))
    if (parseInt(cols[3]!, 16) & UNIX_ACCEPTING && mine.has(cols[6]!)) unix.push(cols[7] ?? '(unnamed)');
  return { tcp, unix };
}
