// Refresh dashboard, and the Dashboard's timer. The menu item runs as the person who clicks; like
// the timer it reads the ledger outside the script lock and takes the lock only to write, as a
// batch does. Only the owner's click refreshes at once: for anyone else the refresh is left to the
// timer (which runs as the owner), due at once.
import { markRefreshDue, refreshBesideLock } from '../tabs/dashboard-tab.js';
import type { Platform } from '../gas/platform.js';
import { openSpreadsheet as remember, spreadsheetId } from '../stores/spreadsheet-id.js';
import { onDashboardTimer } from '../tabs/dashboard-timer.js';
import { isOwner } from './owner-key.js';

const LOCK_WAIT_MS = 30_000;
const BUSY = 'The sheet is busy receiving updates. Try again in a minute.';
const TITLE = 'Refresh dashboard';

/** The Dashboard's time-driven trigger (tabs/dashboard-timer.ts). */
export function refreshDashboardOnTimer(platform: Platform): void {
  onDashboardTimer(platform, platform.spreadsheet(spreadsheetId(platform)));
}

export function refreshDashboardNow(platform: Platform): void {
  const wb = remember(platform);
  if (!isOwner(platform, wb)) {
    markRefreshDue(platform);
    platform.ui()?.toast('The Dashboard refreshes on its timer, within 5 minutes.', TITLE);
    return;
  }
  if (refreshBesideLock(platform, wb, platform.now(), LOCK_WAIT_MS))
    platform.ui()?.toast('The Dashboard tab is up to date.', TITLE);
  else platform.ui()?.alert(TITLE, BUSY);
}
