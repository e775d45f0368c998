// The demo's users using their access (contract §13–§14): of each approved request whose access is
// running, most are assumed and used over what they grant — ssh to a node, a database session, a
// Kubernetes session and API requests — some are only assumed, some never touched, so the sheet,
// History and the Dashboard show both used and unused approvals. The events go to the cluster's
// audit log with the request IDs on the certificate, as Teleport records them.
import type { AuditEventType } from '../../teleport/audit-log.js';
import type { FakeTeleport, StandInRequest } from '../../teleport/server.js';

const MINUTE = 60_000;

/** What of the stand-in the demo's users touch: its requests, and its audit log. */
export type AuditLogOf = Pick<FakeTeleport, 'requests' | 'appendEvent'>;

/** The use events one resource kind leads to (a Kubernetes session is session.start naming the cluster). */
function usesOf(kind: string): { type: AuditEventType; kube?: boolean }[] {
  if (kind === 'db') return [{ type: 'db.session.start' }];
  if (kind === 'kube_cluster' || kind === 'namespace')
    return [{ type: 'session.start', kube: true }, { type: 'kube.request' }];
  if (kind === 'app') return [{ type: 'app.session.start' }];
  return [{ type: 'session.start' }];
}

/** The events of one request's use, from `start`, a minute or so apart. */
function use(teleport: AuditLogOf, r: StandInRequest, start: number, random: () => number): void {
  const accessRequests = [r.id];
  teleport.appendEvent({ type: 'cert.create', time: new Date(start), user: r.user, accessRequests });
  if (random() < 0.2) return; // assumed, never used
  const kinds = r.resources.length > 0 ? r.resources.map((res) => res.kind) : ['node'];
  let at = start;
  for (const kind of kinds)
    for (const { type, kube } of usesOf(kind)) {
      at += Math.round((0.5 + random()) * MINUTE);
      const cluster = kube ? { kubernetesCluster: r.resources[0]?.name ?? 'k8s' } : {};
      teleport.appendEvent({
        type,
        time: new Date(Math.min(at, Date.now())),
        user: r.user,
        accessRequests,
        ...cluster,
      });
    }
}

/**
 * Uses some of the approved requests not seen before, between their approval and now; returns how
 * many were used. `seen` keeps each request to one decision across calls (the trickle calls it again).
 */
export function useSome(teleport: AuditLogOf, random: () => number, seen: Set<string>): number {
  const now = Date.now();
  let used = 0;
  for (const r of teleport.requests()) {
    if (seen.has(r.id) || r.state !== 'APPROVED' || r.accessExpires.getTime() <= now) continue;
    seen.add(r.id);
    const approvedAt = r.reviews.at(-1)?.created.getTime() ?? r.created.getTime();
    // One in four approvals stays unused: the figure an access review looks for.
    if (random() < 0.25) continue;
    use(teleport, r, Math.min(approvedAt + Math.round(random() * 5 * MINUTE), now), random);
    used++;
  }
  return used;
}
