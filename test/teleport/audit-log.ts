import { randomUUID } from 'node:crypto';
import { toTimestamp } from './schema.js';

// The stand-in's audit log: events kept in (time, arrival) order, served the way Teleport's
// GetEvents serves them: a time range, an optional type filter, either order, pages of at most
// Limit items that also end at about 1 MiB of event data, and an opaque key to go on from.
// An event can be appended with any time, so one "indexed late" (an older time, appended after
// a read went past it) behaves as it would in a real backend.

type Wire = Record<string, unknown>;

/** The audit event types the stand-in can write: the ones that show a request used, and a few others. */
export const EVENT_TYPES = {
  'cert.create': { member: 'CertificateCreate', code: 'TC000I' },
  'session.start': { member: 'SessionStart', code: 'T2000I' },
  'session.end': { member: 'SessionEnd', code: 'T2004I' },
  exec: { member: 'Exec', code: 'T3002I' },
  port: { member: 'PortForward', code: 'T3003I' },
  'kube.request': { member: 'KubeRequest', code: 'T3009I' },
  'app.session.start': { member: 'AppSessionStart', code: 'T2007I' },
  'db.session.start': { member: 'DatabaseSessionStart', code: 'TDB00I' },
  'windows.desktop.session.start': { member: 'WindowsDesktopSessionStart', code: 'TDP00I' },
  'access_request.create': { member: 'AccessRequestCreate', code: 'T5000I' },
} as const;
export type AuditEventType = keyof typeof EVENT_TYPES;

export interface AuditEventInit {
  type: AuditEventType;
  /** When it happened; default now. */
  time?: Date;
  user?: string;
  /** The requests on the caller's certificate (cert.create: the identity's; others: the user's). */
  accessRequests?: string[];
  /** session.start of a Kubernetes session: the cluster's name. */
  kubernetesCluster?: string;
  /** Bytes of filler (e.g. a long command line), to make events as big as real ones. */
  padding?: number;
  /** The event's own id; default a fresh UUID. */
  id?: string;
}

interface StoredEvent {
  seq: number;
  time: number;
  type: AuditEventType;
  id: string;
  user: string;
  accessRequests: readonly string[];
  kubernetesCluster: string;
  padding: number;
}

export interface EventQuery {
  start: number;
  end: number;
  types: readonly string[];
  limit: number;
  startKey: string;
  ascending: boolean;
}

export const DEFAULT_EVENT_LIMIT = 500;
export const MAX_EVENT_LIMIT = 10_000;
/** Teleport's MaxEventBytesInResponse: a page ends once its events reach about this much data. */
export const MAX_PAGE_BYTES = 1024 * 1024;

interface Position {
  time: number;
  seq: number;
}

function before(a: Position, b: Position): boolean {
  return a.time < b.time || (a.time === b.time && a.seq < b.seq);
}

function keyOf(e: StoredEvent): string {
  return Buffer.from(`${e.time}/${e.seq}`).toString('base64url');
}

function parseKey(key: string): Position | null {
  const m = /^(-?\d+)\/(\d+)$/.exec(Buffer.from(key, 'base64url').toString());
  return m ? { time: Number(m[1]), seq: Number(m[2]) } : null;
}

export class AuditLog {
  private readonly events: StoredEvent[] = [];
  private seq = 0;

  constructor(
    private readonly cluster: string,
    private readonly now: () => number,
  ) {}

  get size(): number {
    return this.events.length;
  }

  append(init: AuditEventInit): string {
    const event: StoredEvent = {
      seq: ++this.seq,
      time: (init.time ?? new Date(this.now())).getTime(),
      type: init.type,
      id: init.id ?? randomUUID(),
      user: init.user ?? 'alice',
      accessRequests: init.accessRequests ?? [],
      kubernetesCluster: init.kubernetesCluster ?? '',
      padding: init.padding ?? 0,
    };
    this.events.splice(this.insertionPoint(event), 0, event);
    return event.id;
  }

  /** One page: the items as wire OneOf messages, and the key to go on from ('' at the end). */
  page(q: EventQuery): { items: Wire[]; lastKey: string; bytes: number } {
    const types = q.types.length > 0 ? new Set(q.types) : null;
    const matches = (e: StoredEvent) => e.time >= q.start && e.time <= q.end && (!types || types.has(e.type));
    const items: Wire[] = [];
    let bytes = 0;
    let last: StoredEvent | null = null;
    let i = this.firstIndex(q);
    const step = q.ascending ? 1 : -1;
    for (; i >= 0 && i < this.events.length; i += step) {
      const e = this.events[i]!;
      if (q.ascending ? e.time > q.end : e.time < q.start) break;
      if (!matches(e)) continue;
      if (items.length >= q.limit) break;
      const wire = this.wire(e);
      const size = JSON.stringify(wire).length;
      if (items.length > 0 && bytes + size > MAX_PAGE_BYTES) break;
      items.push(wire);
      bytes += size;
      last = e;
    }
    const more =
      i >= 0 &&
      i < this.events.length &&
      (q.ascending ? this.events[i]!.time <= q.end : this.events[i]!.time >= q.start);
    return { items, lastKey: more && last ? keyOf(last) : '', bytes };
  }

  /** Where a page starts: after the key in the page's direction, else at the range's first end. */
  private firstIndex(q: EventQuery): number {
    const key = q.startKey ? parseKey(q.startKey) : null;
    if (q.ascending) {
      if (key) return this.lowerBound((e) => !before(key, e));
      return this.lowerBound((e) => e.time < q.start);
    }
    if (key) return this.lowerBound((e) => before(e, key)) - 1;
    return this.lowerBound((e) => e.time <= q.end) - 1;
  }

  /** The first index whose event does not satisfy `isBefore` (which holds for a prefix). */
  private lowerBound(isBefore: (e: StoredEvent) => boolean): number {
    let lo = 0;
    let hi = this.events.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (isBefore(this.events[mid]!)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  private insertionPoint(event: StoredEvent): number {
    return this.lowerBound((e) => before(e, event));
  }

  private wire(e: StoredEvent): Wire {
    const { member, code } = EVENT_TYPES[e.type];
    const metadata = {
      Index: e.seq,
      Type: e.type,
      ID: e.id,
      Code: code,
      Time: toTimestamp(new Date(e.time)),
      ClusterName: this.cluster,
    };
    return { [member]: { Metadata: metadata, ...this.body(e) } };
  }

  private body(e: StoredEvent): Wire {
    const requests = [...e.accessRequests];
    if (e.type === 'cert.create') {
      return { CertificateType: 'user', Identity: { User: e.user, AccessRequests: requests } };
    }
    const user = { User: e.user, Login: 'root', AccessRequests: requests, UserRoles: ['access', 'dba'] };
    if (e.type === 'access_request.create') return { User: user, RequestID: requests[0] ?? '' };
    const session = { SessionID: `s-${e.seq}`, WithMFA: '' };
    if (e.type !== 'session.start') return { User: user, Session: session };
    return {
      User: user,
      Session: session,
      Server: {
        ServerNamespace: 'default',
        ServerID: `node-${e.seq % 7}`,
        ServerHostname: 'db-1',
        ServerAddr: '10.0.0.7:3022',
      },
      Connection: { LocalAddr: '10.0.0.7:3022', RemoteAddr: '203.0.113.9:51000', Protocol: 'ssh' },
      TerminalSize: '80:24',
      KubernetesCluster: { KubernetesCluster: e.kubernetesCluster, KubernetesUsers: [], KubernetesGroups: [] },
      InitialCommand: e.padding > 0 ? ['x'.repeat(e.padding)] : [],
      SessionRecording: 'node',
    };
  }
}
