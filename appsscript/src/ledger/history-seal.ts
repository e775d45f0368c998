// Every History row the script writes is sealed (contract §15): a keyed MAC over its nine cells,
// read the way getValues gives them back, in the hidden Seal column. A row without a valid seal —
// typed, pasted, or edited after it was written — is never taken as a recorded event.
import { normalCell } from '../rows/cover.js';
import type { Mac } from '../rows/rowmeta.js';
import { HISTORY_HEADERS } from './layout.js';

export const SEAL_HEADER = 'Seal';
/** The History tab's width: its nine columns and the Seal after them. */
export const HISTORY_WIDTH = HISTORY_HEADERS.length + 1;
export const SEAL_COL = HISTORY_WIDTH;

/** The seal of a row's nine cells, as written (literal text) or as read back. */
export function historySeal(cells: readonly unknown[], mac: Mac, literalText: boolean): string {
  const values = HISTORY_HEADERS.map((_, i) => normalCell(cells[i], literalText));
  return mac(JSON.stringify(['history', ...values])).slice(0, 32);
}

/** A row read back from the tab (ten cells) carries the seal of its own cells. */
export function isSealed(row: readonly unknown[], mac: Mac): boolean {
  const seal = row[SEAL_COL - 1];
  return typeof seal === 'string' && seal !== '' && seal === historySeal(row, mac, false);
}
