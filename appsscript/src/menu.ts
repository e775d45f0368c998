// The Teleport menu. onOpen runs in LIMITED mode and only builds the menu; every item runs fully
// authorised, remembers this spreadsheet's id for doPost, and never changes a request in Teleport.
import { isHttpsBaseUrl } from '../../proto/contract.js';
import { reformat } from './gas-layout.js';
import * as services from './gas-services.js';
import { flush, openSpreadsheet, readVersionColumn } from './gas-sheet.js';
import * as ui from './gas-ui.js';
import { decodeMeta } from './rowmeta.js';
import { contactSummary, countStatuses, describeAge, refreshMessage } from './status.js';

const REFORMAT_LOCK_WAIT_MS = 30_000;

const MENU_ITEMS = [
  ['View in Teleport', 'viewInTeleport'],
  ['Refresh from Teleport', 'refreshFromTeleport'],
  null,
  ['Reformat', 'reformatSheet'],
  ['Relay status', 'relayStatus'],
  null,
  ['Set up secret', 'setUpSecret'],
  ['Rotate secret', 'rotateSecret'],
] as const;

export function onOpen(): void {
  ui.buildMenu(MENU_ITEMS);
}

/** The spreadsheet, its id remembered for doPost; outside the sheet (a trigger) the stored one. */
function remember(): GoogleAppsScript.Spreadsheet.Spreadsheet {
  const active = ui.activeSpreadsheet();
  if (!active) return openSpreadsheet(services.spreadsheetId());
  services.rememberSpreadsheetId(active.getId());
  return active;
}

export function viewInTeleport(): void {
  if (!ui.uiAvailable()) return;
  remember();
  const meta = decodeMeta(ui.selectedVersionCell());
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

export function refreshFromTeleport(): void {
  remember();
  services.requestResync();
  const message = refreshMessage(services.relayRecord().contactAt, Date.now());
  ui.toast(message, 'Refresh from Teleport');
}

export function reformatSheet(): void {
  const ss = remember();
  const done = services.withScriptLock(REFORMAT_LOCK_WAIT_MS, () => {
    reformat(ss);
    flush();
    return true;
  });
  if (!done) ui.alert('Reformat', 'The sheet is busy receiving updates. Try again in a minute.');
}

export function relayStatus(): void {
  if (!ui.uiAvailable()) return;
  const ss = remember();
  const record = services.relayRecord();
  const now = Date.now();
  const counts = countStatuses(readVersionColumn(ss));
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

function showSecret(secret: string, rotated: boolean): void {
  ui.dialog('secret', rotated ? 'New relay secret' : 'Relay secret', { secret, rotated }, { width: 560, height: 420 });
}

// A secret nobody saw would lock the relay out, so both need a person at the sheet.
export function setUpSecret(): void {
  if (!ui.uiAvailable()) return;
  remember();
  if (services.secrets().current) {
    ui.alert('Set up secret', 'A secret is already set up. Use "Rotate secret" to replace it.');
    return;
  }
  const secret = services.randomSecret();
  services.saveSecrets({ current: secret, previous: null, rotatedAt: null });
  showSecret(secret, false);
}

export function rotateSecret(): void {
  if (!ui.uiAvailable()) return;
  remember();
  const old = services.secrets().current;
  const secret = services.randomSecret();
  services.saveSecrets({ current: secret, previous: old, rotatedAt: old ? Math.floor(Date.now() / 1000) : null });
  showSecret(secret, old !== null);
}
