// A menu item runs as whoever clicks it. Only the spreadsheet's owner's executions hold the sealing
// key (stores/sealing-key.ts): for anyone else this gives no Mac, and the item does none of the work
// that would need one rather than trust cells it cannot verify.
import type { Platform, Workbook } from '../gas/platform.js';
import type { Mac } from '../rows/rowmeta.js';
import { rowMac } from '../stores/ledger-store.js';
import { sealingKey } from '../stores/sealing-key.js';

export const OWNER_ONLY_NOTE =
  'Checking what the script wrote needs the sealing key, which only the owner’s executions hold.';

/** The clicker's address when the platform gives it (not without the userinfo.email scope, say). */
export function userEmail(platform: Platform): string | null {
  try {
    return platform.effectiveUser() || null;
  } catch {
    return null;
  }
}

/** Whether `owner` (null for a spreadsheet in a shared drive) is the person running this execution. */
export function runsAsOwner(platform: Platform, owner: string | null): boolean {
  const me = userEmail(platform);
  return owner !== null && me !== null && owner.toLowerCase() === me.toLowerCase();
}

export function isOwner(platform: Platform, wb: Workbook): boolean {
  return runsAsOwner(platform, wb.owner());
}

/** The Mac of the owner's sealing key, made when missing; null for anyone else. */
export function ownerMac(platform: Platform, wb: Workbook, create: boolean): Mac | null {
  const key = sealingKey(platform, { owner: isOwner(platform, wb), create });
  return key ? rowMac(platform, key) : null;
}
