// The Teleport menu. onOpen runs in LIMITED mode and only builds the menu; every item runs fully
// authorised, remembers this spreadsheet's id for doPost, and never changes a request in Teleport.
// Without a UI (a web app, a trigger) the items that would show something do nothing.
import { SHEET_NAME, isHttpsBaseUrl } from '../../proto/contract.js';
import { COL } from './columns.js';
import type { Platform, Ui, Workbook } from './gas/platform.js';
import { refreshDashboard } from './dashboard-tab.js';
import { relayBook, requestRefresh } from './relay-store.js';
import { liveRelays } from './relays.js';
import { readVersionColumn, reformat } from './requests-tab.js';
import { decodeMeta } from './rowmeta.js';
import { openSpreadsheet as remember } from './state.js';
import { countStatuses, refreshMessage, relayLine } from './status.js';

const REFORMAT_LOCK_WAIT_MS = 30_000;

const MENU_ITEMS = [
  { caption: 'View in Teleport', functionName: 'viewInTeleport' },
  { caption: 'Refresh from Teleport', functionName: 'refreshFromTeleport' },
  null,
  { caption: 'Reformat', functionName: 'reformatSheet' },
  { caption: 'Relay status', functionName: 'relayStatus' },
  null,
  { caption: 'Refresh dashboard', functionName: 'refreshDashboard' },
  { caption: 'Export evidence…', functionName: 'exportEvidence' },
  { caption: 'Verify evidence', functionName: 'verifyEvidence' },
  null,
  { caption: 'Set up secret', functionName: 'setUpSecret' },
  { caption: 'Rotate secret', functionName: 'rotateSecret' },
  { caption: 'Revoke previous secret', functionName: 'revokePreviousSecret' },
] as const;

export function onOpen(platform: Platform): void {
  platform.ui()?.menu('Teleport', MENU_ITEMS);
}

/** The Version cell of the selected request row, or undefined when the selection is elsewhere. */
function selectedVersionCell(ui: Ui, wb: Workbook): unknown {
  const at = ui.selection();
  if (!at || at.tab !== SHEET_NAME || at.row < 2) return undefined;
  return wb.tab(SHEET_NAME).range(at.row, COL.version, 1, 1).values()[0]?.[0];
}

export function viewInTeleport(platform: Platform): void {
  const ui = platform.ui();
  if (!ui) return;
  const meta = decodeMeta(selectedVersionCell(ui, remember(platform)));
  if (!meta) {
    ui.alert('View in Teleport', 'Select a request row on the "Access Requests" tab first.');
    return;
  }
  if (meta.url === '') {
    ui.alert(
      'View in Teleport',
      'This request has no link: the relay did not send a valid https address for Teleport.',
    );
    return;
  }
  if (!isHttpsBaseUrl(meta.url)) {
    ui.alert('View in Teleport', 'The hidden Version cell of this row was edited, so its link cannot be trusted.');
    return;
  }
  ui.dialog('view', 'View in Teleport', { url: meta.url, id: meta.id }, { width: 420, height: 140 });
}

export function refreshFromTeleport(platform: Platform): void {
  remember(platform);
  const now = platform.now();
  requestRefresh(platform, now);
  platform.ui()?.toast(refreshMessage(liveRelays(relayBook(platform), now), now), 'Refresh from Teleport');
}

export function reformatSheet(platform: Platform): void {
  const wb = remember(platform);
  const done = platform.withScriptLock(REFORMAT_LOCK_WAIT_MS, () => {
    reformat(wb);
    refreshDashboard(platform, wb, platform.now(), true);
    wb.flush();
    return true;
  });
  if (!done) platform.ui()?.alert('Reformat', 'The sheet is busy receiving updates. Try again in a minute.');
}

export function relayStatus(platform: Platform): void {
  const ui = platform.ui();
  if (!ui) return;
  const wb = remember(platform);
  const now = platform.now();
  const relays = liveRelays(relayBook(platform), now).map((r) => relayLine(r, now));
  const counts = countStatuses(readVersionColumn(wb));
  ui.dialog(
    'status',
    'Relay status',
    {
      relays,
      silent: relays.filter((r) => r.silent).length,
      counts: Object.entries(counts),
      total: Object.values(counts).reduce((a, b) => a + b, 0),
    },
    { width: 720, height: 460 },
  );
}
