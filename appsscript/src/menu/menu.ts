// The Teleport menu. onOpen runs in LIMITED mode and only builds the menu; every item runs fully
// authorised, remembers this spreadsheet's id for doPost, and never changes a request in Teleport.
// Without a UI (a web app, a trigger) the items that would show something do nothing.
import { SHEET_NAME, requestLink } from '../../../proto/contract.js';
import { COLUMN_COUNT } from '../rows/columns.js';
import type { Platform, Ui, Workbook } from '../gas/platform.js';
import { currentCells } from '../capacity/room.js';
import { dashboardCapacity } from '../tabs/capacity-view.js';
import { refreshDashboard } from '../tabs/dashboard-tab.js';
import { listedExports } from '../tabs/exports-tab.js';
import { reformatHistoryTab } from '../tabs/history-tab.js';
import { linkBases, publicDirectory } from '../stores/clusters.js';
import { NO_MAC, webUrls } from '../stores/ledger-store.js';
import { OWNER_ONLY_NOTE, ownerMac } from './owner-key.js';
import { relayBook, requestRefresh } from '../stores/relay-store.js';
import { liveRelays } from '../stores/relays.js';
import { reformat } from '../tabs/requests-tab.js';
import { openMeta, type RowMeta } from '../rows/rowmeta.js';
import { openSpreadsheet as remember } from '../stores/spreadsheet-id.js';
import { sheetSecretRetiredAt } from '../stores/secrets.js';
import { clusterLines, countStatuses, refreshMessage, relayLine, sheetSecretLine } from './menu-text.js';
import { COL, HEADERS } from '../ledger/layout.js';

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
  { caption: 'Archive…', functionName: 'archiveRequests' },
  null,
  {
    caption: 'Clusters and secrets',
    items: [
      { caption: 'Add cluster…', functionName: 'addCluster' },
      { caption: 'Rotate cluster secret…', functionName: 'rotateClusterSecret' },
      { caption: 'Revoke a cluster’s previous secret…', functionName: 'revokeClusterPrevious' },
      { caption: 'Remove cluster…', functionName: 'removeCluster' },
      null,
      { caption: 'Set up sheet-wide secret', functionName: 'setUpSecret' },
      { caption: 'Rotate sheet-wide secret', functionName: 'rotateSecret' },
      { caption: 'Revoke previous sheet-wide secret', functionName: 'revokePreviousSecret' },
      { caption: 'Retire sheet-wide secret…', functionName: 'retireSheetSecret' },
    ],
  },
] as const;

export function onOpen(platform: Platform): void {
  platform.ui()?.menu('Teleport', MENU_ITEMS);
}

/**
 * The selected request. For the owner, a row whose Version cell is sealed and agrees with its ID and
 * Cluster cells. An editor's execution has no key to check that, so for them the ID and Cluster cells
 * name it: the link is still made only from the cluster's verified address and an id shaped like one,
 * so a typed cell can at worst open another request's page in Teleport, which decides nothing.
 */
function selectedRow(platform: Platform, ui: Ui, wb: Workbook): Pick<RowMeta, 'id' | 'cluster'> | null {
  const at = ui.selection();
  if (!at || at.tab !== SHEET_NAME || at.row < 2) return null;
  const cells = wb.tab(SHEET_NAME).range(at.row, 1, 1, COLUMN_COUNT).values()[0] ?? [];
  const [id, cluster] = [cells[COL.id - 1], cells[COL.cluster - 1]];
  const mac = ownerMac(platform, wb, false);
  if (!mac) return typeof id === 'string' && typeof cluster === 'string' && id !== '' ? { id, cluster } : null;
  const meta = openMeta(cells[COL.version - 1], mac);
  return meta && id === meta.id && cluster === meta.cluster ? meta : null;
}

/** The link comes from the id and the cluster's enrolled address (or last verified webUrl), never from a cell. */
export function viewInTeleport(platform: Platform): void {
  const ui = platform.ui();
  if (!ui) return;
  const meta = selectedRow(platform, ui, remember(platform));
  if (!meta) {
    ui.alert(
      'View in Teleport',
      'Select a request row on the "Access Requests" tab first. A row whose hidden Version cell was edited ' +
        'has no link until the relay next sends its request.',
    );
    return;
  }
  const url = requestLink(linkBases(platform)[meta.cluster] ?? '', meta.id);
  if (!url) {
    ui.alert(
      'View in Teleport',
      'This request has no link: the relay did not send a valid https address for Teleport.',
    );
    return;
  }
  ui.dialog('view', 'View in Teleport', { url, id: meta.id }, { width: 420, height: 140 });
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
    const mac = ownerMac(platform, wb, true);
    // Without the key, links stay as they are and History is laid out but never sorted or pruned.
    if (reformat(wb, mac ?? NO_MAC, linkBases(platform)) === 'upgraded') requestRefresh(platform, platform.now());
    reformatHistoryTab(platform, wb, mac);
    if (mac) refreshDashboard(platform, wb, platform.now(), true);
    wb.flush();
    return mac !== null;
  });
  if (done === null) platform.ui()?.alert('Reformat', 'The sheet is busy receiving updates. Try again in a minute.');
  else if (!done) {
    platform.ui()?.toast(`Laid out. ${OWNER_ONLY_NOTE} Links, History and the Dashboard wait for them.`, 'Reformat');
  }
}

/** The Version column as it stands; nothing when the tab is missing or not layout 3 (this never converts it). */
function versionCells(wb: Workbook): unknown[] {
  try {
    const column = wb
      .tab(SHEET_NAME)
      .range(1, COL.version, null, 1)
      .values()
      .map((row) => row[0]);
    return column[0] === HEADERS[COL.version - 1] ? column : [];
  } catch {
    return [];
  }
}

export function relayStatus(platform: Platform): void {
  const ui = platform.ui();
  if (!ui) return;
  const wb = remember(platform);
  const now = platform.now();
  const live = liveRelays(relayBook(platform), now);
  const relays = live.map((r) => relayLine(r, now));
  const mac = ownerMac(platform, wb, false);
  const counts = countStatuses(mac ? versionCells(wb) : [], mac ?? NO_MAC);
  // Measured for the dialog when the count is an hour old; the lines come from the record.
  currentCells(platform, wb);
  const capacity = dashboardCapacity(platform, now, listedExports(wb));
  ui.dialog(
    'status',
    'Relay status',
    {
      clusters: clusterLines(publicDirectory(platform), live, webUrls(platform)),
      sheetSecret: sheetSecretLine(sheetSecretRetiredAt(platform)),
      relays,
      silent: relays.filter((r) => r.silent).length,
      counts: Object.entries(counts),
      total: Object.values(counts).reduce((a, b) => a + b, 0),
      checked: mac !== null,
      capacity,
    },
    { width: 820, height: 520 },
  );
}
