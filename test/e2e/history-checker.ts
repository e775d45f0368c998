// The end-to-end oracle for the History tab (contract §9), from the Teleport stand-in's own record
// of what happened: every event a row's request went through is there once, and nothing else.
// Written from the contract, not from the sheet's code, so a bug there cannot hide itself.
import type { GasRuntime } from '../gas/runtime.js';
import type { JournalEntry } from '../teleport/store.js';

const KEY_COLUMN = 9;
const RESOLVED = ['APPROVED', 'DENIED', 'PROMOTED'];

interface Past {
  reviews: number;
  /** Resolved states the request passed through (the sheet may have seen only the last). */
  states: Set<string>;
  finalState: string;
  deleted: boolean;
}

function pasts(journal: readonly JournalEntry[]): Map<string, Past> {
  const out = new Map<string, Past>();
  for (const entry of journal) {
    const r = entry.request;
    const past = out.get(r.id) ?? { reviews: 0, states: new Set<string>(), finalState: r.state, deleted: false };
    past.reviews = Math.max(past.reviews, r.reviews.length);
    if (RESOLVED.includes(r.state)) past.states.add(r.state);
    past.finalState = r.state;
    if (entry.kind === 'delete') past.deleted = true;
    out.set(r.id, past);
  }
  return out;
}

/** Problems found; `ids` are the requests this cluster has a row for. */
export function checkHistory(
  runtime: GasRuntime,
  journal: readonly JournalEntry[],
  cluster: string,
  ids: ReadonlySet<string>,
): string[] {
  const tab = runtime.spreadsheet.getSheetByName('History');
  const keys = new Map<string, number>();
  for (let row = 2; tab && row <= tab.getLastRow(); row++) {
    const key = tab.cell(row, KEY_COLUMN).value;
    if (typeof key === 'string' && key.startsWith(`${cluster}/`)) keys.set(key, (keys.get(key) ?? 0) + 1);
  }
  const problems: string[] = [];
  for (const [key, n] of keys) if (n > 1) problems.push(`History holds ${key} ${n} times`);
  const known = pasts(journal);
  for (const id of ids) {
    const past = known.get(id);
    if (!past) continue;
    // A request deleted may have changed last in ways the relay never got to send (its delete
    // replaces them in the outbox); one still live is in the sheet as it is now, its past complete.
    const want = past.deleted
      ? ['requested']
      : [`requested`, ...Array.from({ length: past.reviews }, (_, i) => `review/${i + 1}`)];
    if (!past.deleted && RESOLVED.includes(past.finalState)) want.push(`state/${past.finalState}`);
    if (past.deleted && !awayAtEnd(keys, cluster, id)) problems.push(`History does not say ${id} went away`);
    for (const tail of want) if (!keys.has(`${cluster}/${id}/${tail}`)) problems.push(`History lacks ${id}/${tail}`);
  }
  for (const key of keys.keys()) {
    const [, id, ...rest] = key.slice(cluster.length).split('/');
    const past = known.get(id ?? '');
    if (!past || !possible(rest.join('/'), past)) problems.push(`History holds ${key}, which never happened`);
  }
  return problems;
}

function possible(tail: string, past: Past): boolean {
  if (tail === 'requested') return true;
  // §14: the audit log can show only a granted request assumed or used (the relay watches no other).
  if (tail === 'assumed' || tail === 'used') return past.states.has('APPROVED') || past.states.has('PROMOTED');
  const [kind, n] = tail.split('/');
  if (kind === 'review') return Number(n) >= 1 && Number(n) <= past.reviews;
  if (kind === 'state') return past.states.has(n ?? '');
  // A late sync can take a live request's row away and its next update bring it back.
  return (kind === 'gone' || kind === 'back') && Number.isInteger(Number(n)) && Number(n) >= 1;
}

function awayAtEnd(keys: ReadonlyMap<string, number>, cluster: string, id: string): boolean {
  const count = (kind: string) => {
    let n = 0;
    while (keys.has(`${cluster}/${id}/${kind}/${n + 1}`)) n++;
    return n;
  };
  return count('gone') > count('back');
}
