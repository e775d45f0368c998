// What Archive… keeps outside the cells (Script Properties): the archive under way — its cutoff and
// its spreadsheet — so that a run stopped at any call is finished by the next one (archive/run.ts).
// What was archived is listed on the Exports tab, never counted here.
import type { ScriptStores } from './cached-properties.js';

const RUN_KEY = 'teleport.archiveRun';

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

export function archiveRun(p: Pick<ScriptStores, 'scriptProperties'>): ArchiveRun | null {
  return parse<ArchiveRun>(p.scriptProperties.get(RUN_KEY), (o) => Number.isFinite(o.cutoff));
}

export function saveArchiveRun(p: Pick<ScriptStores, 'scriptProperties'>, run: ArchiveRun | null): void {
  if (run === null) p.scriptProperties.delete(RUN_KEY);
  else p.scriptProperties.set(RUN_KEY, JSON.stringify(run));
}
