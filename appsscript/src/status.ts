// What the menu tells people about the relay: last contact, silence, row counts. Pure.
import { REQUEST_STATES, type RowStatus } from '../../proto/contract.js';
import { openMeta, statusOf, type Mac } from './rowmeta.js';

export const SILENCE_WARNING_MS = 2 * 60 * 1000;

export interface RelayRecord {
  /** "<relay id>/<relay version>" as the relay sent it. */
  relay: string;
  /** ms since epoch of the last verified POST. */
  contactAt: number | null;
  /** The last heartbeat's `at` and stats. */
  heartbeatAt: string | null;
  stats: Record<string, number>;
}

export const NO_RELAY: RelayRecord = { relay: '', contactAt: null, heartbeatAt: null, stats: {} };

export function describeAge(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s ago`;
  if (s < 3600) return `${Math.floor(s / 60)} min ago`;
  if (s < 86400) return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min ago`;
  return `${Math.floor(s / 86400)} days ago`;
}

export function contactSummary(contactAt: number | null, now: number): { text: string; silent: boolean } {
  if (contactAt === null) return { text: 'The relay has never contacted this sheet.', silent: true };
  const age = now - contactAt;
  if (age > SILENCE_WARNING_MS) {
    const text = `Warning: the relay has been silent for over 2 minutes (last heard from ${describeAge(age)}).`;
    return { text: `${text} Check that it is running.`, silent: true };
  }
  return { text: `The relay was last heard from ${describeAge(age)}.`, silent: false };
}

export function refreshMessage(contactAt: number | null, now: number): string {
  const { text, silent } = contactSummary(contactAt, now);
  const next = silent
    ? 'The refresh will happen when the relay next delivers.'
    : 'It will re-send every request with its next delivery.';
  return `${text} ${next}`;
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

export function parseRelayRecord(json: string | null): RelayRecord {
  if (!json) return NO_RELAY;
  try {
    const o = JSON.parse(json) as Partial<RelayRecord>;
    return {
      relay: typeof o.relay === 'string' ? o.relay : '',
      contactAt: typeof o.contactAt === 'number' ? o.contactAt : null,
      heartbeatAt: typeof o.heartbeatAt === 'string' ? o.heartbeatAt : null,
      stats: typeof o.stats === 'object' && o.stats !== null ? o.stats : {},
    };
  } catch {
    return NO_RELAY;
  }
}
