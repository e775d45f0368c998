// What Archive… keeps outside the cells (Script Properties): the totals of every archive finished,
// for the Dashboard's one line, and the archive under way, so that a run stopped at any call is
// finished by the next one (archive/run.ts).
import type { ScriptStores } from './cached-properties.js';

const TOTALS_KEY = 'teleport.archived';
const RUN_KEY = 'teleport.archiveRun';

export interface ArchivedTotals {
  archives: number;
  requests: number;
  events: number;
}

/** An archive under way: its cutoff and the spreadsheet it moves rows into. */
export interface ArchiveRun {
  cutoff: number;
  /** What the person typed, for the record. */
  label: string;
  startedAt: number;
  spreadsheetId: string | null;
}

function parse<T>(json: string | null, valid: (o: Partial<T>) => boolean): T | null {
  if (!json) return null;
  try {
    const o = JSON.parse(json) as Partial<T>;
    return typeof o === 'object' && o !== null && valid(o) ? (o as T) : null;
  } catch {
    return null;
  }
}

export function archivedTotals(p: Pick<ScriptStores, 'scriptProperties'>): ArchivedTotals {
  const stored = parse<ArchivedTotals>(p.scriptProperties.get(TOTALS_KEY), (o) => Number.isInteger(o.requests));
  return stored ?? { archives: 0, requests: 0, events: 0 };
}

export function addArchived(p: Pick<ScriptStores, 'scriptProperties'>, moved: ArchivedTotals): void {
  const t = archivedTotals(p);
  const sum = {
    archives: t.archives + moved.archives,
    requests: t.requests + moved.requests,
    events: t.events + moved.events,
  };
  p.scriptProperties.set(TOTALS_KEY, JSON.stringify(sum));
}

export function archiveRun(p: Pick<ScriptStores, 'scriptProperties'>): ArchiveRun | null {
  return parse<ArchiveRun>(p.scriptProperties.get(RUN_KEY), (o) => Number.isFinite(o.cutoff));
}

export function saveArchiveRun(p: Pick<ScriptStores, 'scriptProperties'>, run: ArchiveRun | null): void {
  if (run === null) p.scriptProperties.delete(RUN_KEY);
  else p.scriptProperties.set(RUN_KEY, JSON.stringify(run));
}
