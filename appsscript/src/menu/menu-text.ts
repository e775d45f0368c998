// What the menu tells people about the relays (last contact, silence, stats) and the rows. Pure.
import { REQUEST_STATES, type RowStatus } from '../../../proto/contract.js';
import type { PublicEnrolment } from '../stores/clusters.js';
import type { RelayEntry } from '../stores/relays.js';
import { readsUsage } from '../records/relay-contacts.js';
import { openMeta, statusOf, type Mac } from '../rows/rowmeta.js';

export const SILENCE_WARNING_MS = 2 * 60 * 1000;

export function describeAge(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86400) return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min ago`;
  return `${Math.floor(s / 86400)} days ago`;
}

/** One relay as Relay status shows it. */
export interface RelayLine {
  cluster: string;
  relay: string;
  contact: string;
  silent: boolean;
  heartbeat: string;
  /** §13: whether the relay reads usage from Teleport's audit log. */
  usage: string;
  stats: string;
  signature: string;
}

const signatureText = (r: Pick<RelayEntry, 'signature'>) =>
  r.signature === 2 ? 'v2: its cluster’s own secret' : 'v1: the sheet-wide secret';

/** What Relay status says of a relay's usage: its heartbeat's word first, else the usage ops it sent. */
export function usageText(r: Pick<RelayEntry, 'stats' | 'usageAt'>, now: number): string {
  const tracked = r.stats.usageTracked;
  switch (readsUsage(r)) {
    case true:
      if (r.stats.usageReading === 1) return `reads usage (${tracked ?? 0} requests watched)`;
      return `sends usage (last ${describeAge(now - r.usageAt!)})`;
    case false:
      return "does not read usage: off, or no event permission (the relay's check says which)";
    default:
      return 'no usage seen (the relay may predate it)';
  }
}

export function relayLine(r: RelayEntry, now: number): RelayLine {
  const age = now - r.contactAt;
  const silent = age > SILENCE_WARNING_MS;
  return {
    cluster: r.cluster === '' ? '(no cluster)' : r.cluster,
    relay: r.relay === '' ? 'unknown' : r.relay,
    contact: silent ? `silent for over 2 minutes (last heard from ${describeAge(age)})` : describeAge(age),
    silent,
    heartbeat: r.heartbeatAt ? `${r.heartbeatAt} (${describeAge(now - Date.parse(r.heartbeatAt))})` : 'none yet',
    usage: usageText(r, now),
    stats: Object.entries(r.stats)
      .map(([k, v]) => `${k}: ${v}`)
      .join(', '),
    signature: signatureText(r),
  };
}

/** One cluster as Relay status shows it. */
export interface ClusterLine {
  cluster: string;
  enrolment: string;
  webUrl: string;
}

const day = (seconds: number) => new Date(seconds * 1000).toISOString().slice(0, 10);

/** Every enrolled or removed cluster, then every other cluster a relay delivered for, by name. */
export function clusterLines(
  enrolled: Readonly<Record<string, PublicEnrolment>>,
  relays: readonly RelayEntry[],
  sharedUrls: Readonly<Record<string, string>>,
): ClusterLine[] {
  const lines = Object.entries(enrolled).map(([cluster, e]) => ({
    cluster,
    enrolment:
      e.removedAt !== null
        ? `removed ${day(e.removedAt)}: no relay writes its rows`
        : `enrolled ${day(e.enrolledAt)}` + (e.rotatedAt !== null ? `, secret rotated ${day(e.rotatedAt)}` : ''),
    webUrl: e.webUrl,
  }));
  const others = new Set(
    relays.map((r) => r.cluster).filter((c) => !Object.prototype.hasOwnProperty.call(enrolled, c)),
  );
  for (const cluster of others) {
    lines.push({
      cluster,
      enrolment: 'not enrolled: signs with the sheet-wide secret',
      webUrl: sharedUrls[cluster] ?? '',
    });
  }
  return lines.sort((a, b) => a.cluster.localeCompare(b.cluster));
}

/** What the sheet-wide secret may still sign. */
export function sheetSecretLine(retiredAt: number | null): string {
  return retiredAt === null
    ? 'The sheet-wide secret signs (v1) for clusters that are not enrolled.'
    : `The sheet-wide secret was retired ${day(retiredAt)}: only each enrolled cluster’s own secret signs (v2).`;
}

/** The Refresh toast: every relay heard from in the last 7 days, with a warning for each silent one. */
export function refreshMessage(relays: readonly RelayEntry[], now: number): string {
  if (relays.length === 0)
    return 'No relay has contacted this sheet in the last 7 days. The refresh will happen when a relay next delivers.';
  const lines = relays.map((r) => {
    const line = relayLine(r, now);
    const who = `${line.cluster} (${line.relay})`;
    return line.silent ? `Warning: ${who} has been ${line.contact}.` : `${who} was last heard from ${line.contact}.`;
  });
  const n = relays.length === 1 ? 'The relay' : `Each of the ${relays.length} relays`;
  return `${lines.join(' ')} ${n} will re-send every request with its next delivery.`;
}

export type StatusCounts = Record<RowStatus, number>;

/** Only sealed cells count: a status is never taken from a cell someone could have typed. */
export function countStatuses(versionColumn: readonly unknown[], mac: Mac): StatusCounts {
  const counts = Object.fromEntries([...REQUEST_STATES, 'EXPIRED'].map((s) => [s, 0])) as StatusCounts;
  versionColumn.forEach((cell, i) => {
    const meta = i === 0 ? null : openMeta(cell, mac);
    if (meta) counts[statusOf(meta)]++;
  });
  return counts;
}
