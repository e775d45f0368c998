// Reads Teleport's audit log: GetEvents over a time window, ascending, filtered by event type on
// the server, page by page (StartKey = the previous LastKey) until LastKey comes back empty. Each
// page is decoded with the trimmed events schema and handed over event by event, then dropped:
// the reader keeps nothing, so its memory is one page whatever the log's volume.
import type { AuthApi, WireAuditEvent, WireAuditMetadata, WireTimestamp } from './api.js';
import { fromGrpcError, TeleportError, type Principal } from './errors.js';

/** What the relay reads of one audit event. */
export interface AuditEvent {
  /** The event's own id, or one made of its type, index and time when Teleport sent none. */
  id: string;
  type: string;
  /** Milliseconds since the epoch. */
  time: number;
  /** The access requests on the certificate it was made with (cert.create: the one issued). */
  requests: readonly string[];
  /** A session.start that names a Kubernetes cluster (an interactive kubectl session). */
  kubernetes: boolean;
}

export interface AuditWindow {
  from: number;
  to: number;
  types: readonly string[];
}

export interface AuditReadStats {
  pages: number;
  events: number;
}

/** Items per page asked for (Teleport's maximum); the backend also ends a page at about 1 MiB. */
export const EVENTS_PAGE_LIMIT = 10_000;
const CALL_TIMEOUT_MS = 60_000;
const NO_REQUESTS: readonly string[] = [];

function toTimestamp(ms: number): WireTimestamp {
  const seconds = Math.floor(ms / 1000);
  return { seconds, nanos: (ms - seconds * 1000) * 1_000_000 };
}

function millis(ts: WireTimestamp | null): number {
  return ts ? Number(ts.seconds) * 1000 + Math.floor(ts.nanos / 1_000_000) : 0;
}

/** The event as the relay reads it, or null for a member the trimmed schema does not know. */
export function toAuditEvent(item: WireAuditEvent): AuditEvent | null {
  const member = item.Event;
  if (!member) return null;
  const body = item[member] as {
    Metadata?: WireAuditMetadata | null;
    User?: { AccessRequests?: string[] } | null;
    Identity?: { AccessRequests?: string[] } | null;
    KubernetesCluster?: { KubernetesCluster?: string } | null;
  } | null;
  const meta = body?.Metadata;
  if (!body || !meta) return null;
  const time = millis(meta.Time);
  const carried = member === 'CertificateCreate' ? body.Identity?.AccessRequests : body.User?.AccessRequests;
  return {
    id: meta.ID || `${meta.Type}/${meta.Index}/${time}`,
    type: meta.Type,
    time,
    requests: carried && carried.length > 0 ? carried : NO_REQUESTS,
    kubernetes: Boolean(body.KubernetesCluster?.KubernetesCluster),
  };
}

/** Every event of the window, oldest first; `onEvent` sees each once per read. */
export async function readAuditLog(
  api: AuthApi,
  window: AuditWindow,
  onEvent: (event: AuditEvent) => void,
  signal: AbortSignal | undefined,
  who?: Principal,
): Promise<AuditReadStats> {
  const stats: AuditReadStats = { pages: 0, events: 0 };
  const query = {
    StartDate: toTimestamp(window.from),
    EndDate: toTimestamp(window.to),
    EventTypes: window.types,
    Limit: EVENTS_PAGE_LIMIT,
    Order: 'ASCENDING' as const,
  };
  let startKey = '';
  for (;;) {
    const page = await api
      .getEvents({ ...query, StartKey: startKey }, signal, CALL_TIMEOUT_MS)
      .catch((err: unknown) => Promise.reject(fromGrpcError(err, 'GetEvents', who)));
    stats.pages += 1;
    for (const item of page.Items) {
      const event = toAuditEvent(item);
      stats.events += 1;
      if (event) onEvent(event);
    }
    if (!page.LastKey) return stats;
    if (page.LastKey === startKey)
      throw new TeleportError('unknown', `GetEvents returned the same page key twice (${startKey})`);
    startKey = page.LastKey;
  }
}
