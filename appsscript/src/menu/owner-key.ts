// A menu item runs as whoever clicks it. Only the spreadsheet's owner's executions hold the sealing
// key (stores/sealing-key.ts): for anyone else this gives no Mac, and the item does none of the work
// that would need one rather than trust cells it cannot verify.
import type { Platform, Workbook } from '../gas/platform.js';
import type { Mac } from '../rows/rowmeta.js';
import { rowMac } from '../stores/ledger-store.js';
import { sealingKey } from '../stores/sealing-key.js';

export const OWNER_ONLY_NOTE =
  'Checking what the script wrote needs the sealing key, which only the owner’s executions hold.';

export function isOwner(platform: Platform, wb: Workbook): boolean {
  const owner = wb.owner();
  let me = '';
  try {
    me = platform.effectiveUser();
  } catch {
    return false;
  }
  return owner !== null && me !== '' && owner.toLowerCase() === me.toLowerCase();
}

/** The Mac of the owner's sealing key, made when missing; null for anyone else. */
export function ownerMac(platform: Platform, wb: Workbook, create: boolean): Mac | null {
  const key = sealingKey(platform, { owner: isOwner(platform, wb), create });
  return key ? rowMac(platform, key) : null;
}
