// The Teleport menu. onOpen runs in LIMITED mode and only builds the menu; every item runs fully
// authorised, remembers this spreadsheet's id for doPost, and never changes a request in Teleport.
// Without a UI (a web app, a trigger) the items that would show something do nothing.
import { SHEET_NAME, isHttpsBaseUrl } from '../../proto/contract.js';
import { COL } from './columns.js';
import type { Platform, Ui, Workbook } from './gas/platform.js';
import { refreshDashboard } from './dashboard-tab.js';
import { readVersionColumn, reformat } from './requests-tab.js';
import { decodeMeta } from './rowmeta.js';
import * as state from './state.js';
import { contactSummary, countStatuses, describeAge, refreshMessage } from './status.js';

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
] as const;

export function onOpen(platform: Platform): void {
  platform.ui()?.menu('Teleport', MENU_ITEMS);
}

/** The spreadsheet, its id remembered for doPost; outside the sheet (a trigger) the stored one. */
export function remember(platform: Platform): Workbook {
  const active = platform.activeSpreadsheet();
  if (!active) return platform.spreadsheet(state.spreadsheetId(platform));
  state.rememberSpreadsheetId(platform, active.id());
  return active;
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
  state.requestResync(platform);
  const message = refreshMessage(state.relayRecord(platform).contactAt, platform.now());
  platform.ui()?.toast(message, 'Refresh from Teleport');
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
  const record = state.relayRecord(platform);
  const now = platform.now();
  const counts = countStatuses(readVersionColumn(wb));
  const contact = contactSummary(record.contactAt, now);
  ui.dialog(
    'status',
    'Relay status',
    {
      contact: contact.text,
      silent: contact.silent,
      relay: record.relay === '' ? 'unknown' : record.relay,
      heartbeat: record.heartbeatAt
        ? `${record.heartbeatAt} (${describeAge(now - Date.parse(record.heartbeatAt))})`
        : 'none yet',
      stats: Object.entries(record.stats),
      counts: Object.entries(counts),
      total: Object.values(counts).reduce((a, b) => a + b, 0),
    },
    { width: 480, height: 420 },
  );
}

function showSecret(ui: Ui, secret: string, rotated: boolean): void {
  ui.dialog('secret', rotated ? 'New relay secret' : 'Relay secret', { secret, rotated }, { width: 560, height: 420 });
}

// A secret nobody saw would lock the relay out, so both need a person at the sheet.
export function setUpSecret(platform: Platform): void {
  const ui = platform.ui();
  if (!ui) return;
  remember(platform);
  if (state.secrets(platform).current) {
    ui.alert('Set up secret', 'A secret is already set up. Use "Rotate secret" to replace it.');
    return;
  }
  const secret = state.newSecret(platform.crypto);
  state.saveSecrets(platform, { current: secret, previous: null, rotatedAt: null });
  showSecret(ui, secret, false);
}

export function rotateSecret(platform: Platform): void {
  const ui = platform.ui();
  if (!ui) return;
  remember(platform);
  const old = state.secrets(platform).current;
  const secret = state.newSecret(platform.crypto);
  const rotatedAt = old ? Math.floor(platform.now() / 1000) : null;
  state.saveSecrets(platform, { current: secret, previous: old, rotatedAt });
  showSecret(ui, secret, old !== null);
}
