// What a row knows of its request's use (contract §13–§14): the merge of every `usage` op received,
// kept in the row's Version cell so a usage op is planned from that one read, and shown in the five
// usage columns. The merge keeps the earliest Assumed and First used, the latest Last used, the
// largest Sessions and the union of kinds, so repeats, late deliveries, two relays and a relay that
// reads the log back over a shorter look-back never move a figure backwards.
import { USAGE_KINDS, type UsageKind, type UsageOp } from '../../../proto/contract.js';

export interface UsageMark {
  /** ISO times (UTC, milliseconds), or null while unknown. */
  assumed: string | null;
  firstUsed: string | null;
  lastUsed: string | null;
  sessions: number;
  /** In USAGE_KINDS order, no repeats. */
  kinds: UsageKind[];
}

type Usage = Omit<UsageOp, 'op' | 'id'>;

const utc = (iso: string | null) => (iso === null ? null : new Date(iso).toISOString());

function pick(a: string | null, b: string | null, later: boolean): string | null {
  if (a === null || b === null) return a ?? b;
  const [ta, tb] = [Date.parse(a), Date.parse(b)];
  return (later ? tb > ta : tb < ta) ? b : a;
}

/** The row's usage after an op: `before` is null when the row has none yet. */
export function mergeUsage(before: UsageMark | null, op: Usage): UsageMark {
  const kinds = new Set<UsageKind>([...(before?.kinds ?? []), ...op.kinds]);
  return {
    assumed: pick(before?.assumed ?? null, utc(op.assumed), false),
    firstUsed: pick(before?.firstUsed ?? null, utc(op.firstUsed), false),
    lastUsed: pick(before?.lastUsed ?? null, utc(op.lastUsed), true),
    sessions: Math.max(before?.sessions ?? 0, op.sessions),
    kinds: USAGE_KINDS.filter((kind) => kinds.has(kind)),
  };
}

export function sameUsage(a: UsageMark | null, b: UsageMark | null): boolean {
  return JSON.stringify(a && packUsage(a)) === JSON.stringify(b && packUsage(b));
}

export function kindsText(kinds: readonly UsageKind[]): string {
  return kinds.join(', ');
}

/** The mark as it lives in the Version cell: short keys, unknown times left out. */
export interface PackedUsage {
  a?: string;
  f?: string;
  l?: string;
  s: number;
  k: string;
}

export function packUsage(mark: UsageMark): PackedUsage {
  return {
    ...(mark.assumed !== null ? { a: mark.assumed } : {}),
    ...(mark.firstUsed !== null ? { f: mark.firstUsed } : {}),
    ...(mark.lastUsed !== null ? { l: mark.lastUsed } : {}),
    s: mark.sessions,
    k: kindsText(mark.kinds),
  };
}

const isoOrNull = (value: unknown): string | null | undefined => {
  if (value === undefined) return null;
  return typeof value === 'string' && !isNaN(Date.parse(value)) ? value : undefined;
};

/** The mark packed by packUsage, or undefined when `value` is not one. */
export function unpackUsage(value: unknown): UsageMark | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const o = value as Record<string, unknown>;
  const [assumed, firstUsed, lastUsed] = [o.a, o.f, o.l].map(isoOrNull);
  if (assumed === undefined || firstUsed === undefined || lastUsed === undefined) return undefined;
  if (!Number.isInteger(o.s) || (o.s as number) < 0 || typeof o.k !== 'string') return undefined;
  const kinds = o.k === '' ? [] : o.k.split(', ');
  if (!kinds.every((k) => (USAGE_KINDS as readonly string[]).includes(k))) return undefined;
  return { assumed, firstUsed, lastUsed, sessions: o.s as number, kinds: kinds as UsageKind[] };
}
