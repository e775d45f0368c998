import type { UsageKind } from '../../../proto/contract.js';
import type { AuditEvent } from '../teleport/audit-log.js';

// Which audit events say what about a request (Teleport's events.proto and lib/events/codes.go;
// docs/usage.md): cert.create carrying it means it was assumed; a session or
// request made with a certificate carrying it means it was used, and for what.

export const ASSUMED_EVENT = 'cert.create';

interface UseEvent {
  kind: UsageKind;
  /** Starts a session; a kube API request, an exec or a port forward marks use only (§13). */
  session: boolean;
}

const USE_EVENTS: Record<string, UseEvent> = {
  'session.start': { kind: 'ssh', session: true },
  exec: { kind: 'ssh', session: false },
  port: { kind: 'ssh', session: false },
  'kube.request': { kind: 'kube', session: false },
  'db.session.start': { kind: 'db', session: true },
  'app.session.start': { kind: 'app', session: true },
  'windows.desktop.session.start': { kind: 'desktop', session: true },
};

/** The event types to ask the server for: cert.create, and the use events of the kinds watched. */
export function eventTypesFor(kinds: ReadonlySet<UsageKind>): string[] {
  const types = [ASSUMED_EVENT];
  for (const [type, use] of Object.entries(USE_EVENTS)) {
    // An interactive kubectl session is a session.start too (it names its Kubernetes cluster).
    if (kinds.has(use.kind) || (type === 'session.start' && kinds.has('kube'))) types.push(type);
  }
  return types;
}

/** What a use event says, or null when it is not one (or not of a kind watched). */
export function useOf(event: AuditEvent, kinds: ReadonlySet<UsageKind>): UseEvent | null {
  const use = USE_EVENTS[event.type];
  if (!use) return null;
  const kind = event.type === 'session.start' && event.kubernetes ? 'kube' : use.kind;
  return kinds.has(kind) ? (kind === use.kind ? use : { kind, session: use.session }) : null;
}
