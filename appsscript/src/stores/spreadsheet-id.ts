// Where doPost finds the spreadsheet: remembered in Script Properties by the menu, fronted by the
// script cache, because Properties allow 50,000 reads and writes a day and every POST needs it.
import type { Platform, Workbook } from '../gas/platform.js';
import { readThrough, type ScriptStores } from './cached-properties.js';

const KEY = 'teleport.spreadsheetId';
/** The cached value for "none remembered yet" (never an id). */
const NONE = '(none)';

export function spreadsheetId({ scriptProperties, scriptCache }: ScriptStores): string | null {
  return readThrough(scriptProperties, scriptCache, KEY, { absent: NONE });
}

export function rememberSpreadsheetId(p: ScriptStores, id: string): void {
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
