// Where doPost finds the spreadsheet: remembered in Script Properties by the menu, fronted by the
// script cache, because Properties allow 50,000 reads and writes a day and every POST needs it.
import type { Platform, Workbook } from '../gas/platform.js';

type Kept = Pick<Platform, 'scriptProperties' | 'scriptCache'>;

const KEY = 'teleport.spreadsheetId';
const CACHE_TTL_SECONDS = 21_600;
/** The cached value for "none remembered yet" (never an id). */
const NONE = '(none)';

export function spreadsheetId({ scriptProperties, scriptCache }: Kept): string | null {
  const cached = scriptCache.get(KEY);
  if (cached !== null) return cached === NONE ? null : cached;
  const stored = scriptProperties.get(KEY);
  scriptCache.put(KEY, stored ?? NONE, CACHE_TTL_SECONDS);
  return stored;
}

export function rememberSpreadsheetId(p: Kept, id: string): void {
  if (p.scriptProperties.get(KEY) === id) return;
  p.scriptProperties.set(KEY, id);
  p.scriptCache.remove(KEY);
}

/** The spreadsheet a person has open, its id remembered for doPost; outside the sheet (a trigger) the stored one. */
export function openSpreadsheet(platform: Platform): Workbook {
  const active = platform.activeSpreadsheet();
  if (!active) return platform.spreadsheet(spreadsheetId(platform));
  rememberSpreadsheetId(platform, active.id());
  return active;
}
