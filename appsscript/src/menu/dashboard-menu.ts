// The menu items of the picture: Refresh dashboard, Export evidence… and Verify evidence. Each
// runs as the person who clicks; writing waits for the script lock, as a batch does.
import { refreshDashboard, sheetZone } from '../tabs/dashboard-tab.js';
import { PERIOD_EXAMPLES, parsePeriod, type Period } from '../evidence/period.js';
import { EVIDENCE_WIDTH, evidenceTabName, layoutEvidence } from '../evidence/layout.js';
import { selectEvidence } from '../evidence/select.js';
import { EXPORTS_TAB, listExport, listedExports } from '../tabs/exports-tab.js';
import { verifyEvidence } from '../evidence/verify.js';
import type { Platform, Tab, Ui, Workbook } from '../gas/platform.js';
import { readLedger } from '../records/ledger-rows.js';
import { relayContacts } from '../records/relay-contacts.js';
import { openSpreadsheet as remember, spreadsheetId } from '../stores/spreadsheet-id.js';
import { onDashboardTimer } from '../tabs/dashboard-timer.js';
import type { Zone } from '../records/zone.js';

const LOCK_WAIT_MS = 30_000;
const BUSY = 'The sheet is busy receiving updates. Try again in a minute.';
const EXPORT = 'Export evidence';
const VERIFY = 'Verify evidence';
export const EVIDENCE_PROTECTION =
  'Evidence for auditors: only the owner may change it, and its Content SHA-256 shows whether anyone did.';

/** The Dashboard's time-driven trigger (tabs/dashboard-timer.ts). */
export function refreshDashboardOnTimer(platform: Platform): void {
  onDashboardTimer(platform, platform.spreadsheet(spreadsheetId(platform)));
}

export function refreshDashboardNow(platform: Platform): void {
  const wb = remember(platform);
  const done = platform.withScriptLock(LOCK_WAIT_MS, () => {
    refreshDashboard(platform, wb, platform.now(), false);
    wb.flush();
    return true;
  });
  if (done) platform.ui()?.toast('The Dashboard tab is up to date.', 'Refresh dashboard');
  else platform.ui()?.alert('Refresh dashboard', BUSY);
}

/** The user's address when the platform gives it (not without the userinfo.email scope, say). */
function userEmail(platform: Platform): string | null {
  try {
    return platform.effectiveUser() || null;
  } catch {
    return null;
  }
}

/**
 * The extract goes into a spreadsheet of its own (its cells count against its own limit, and the
 * owner can share it with an auditor alone); the live sheet lists it on the Exports tab.
 */
function writeEvidence(platform: Platform, wb: Workbook, period: Period, zone: Zone): Exported {
  const ledger = readLedger(wb, zone);
  const selection = selectEvidence({ ...ledger, relays: relayContacts(platform), period, clusters: null });
  const name = evidenceTabName(period);
  const target = platform.createSpreadsheet(`${name} (teleport-sheets)`);
  const tab = target.tab(name);
  tab.create();
  const editors = tab.protectOwnerOnly(EVIDENCE_PROTECTION);
  const generatedAt = new Date(platform.now());
  const meta = { period, zone: zone.id, generatedAt, generatedBy: userEmail(platform), editors };
  const grid = layoutEvidence(selection, meta, (text) => platform.crypto.sha256Hex(text));
  const gridRows = tab.gridRows();
  if (grid.values.length > gridRows) tab.insertRowsAfter(gridRows, grid.values.length - gridRows);
  tab.range(1, 1, grid.values.length, EVIDENCE_WIDTH).setValues(grid.values);
  tab.boldAreas(grid.bold);
  target.flush();
  const url = target.url();
  // Each table starts with its header row.
  const requests = selection.tables.requests.length - 1;
  const historyRows = selection.tables.history.length - 1;
  const by = meta.generatedBy ?? '';
  listExport(platform, wb, {
    kind: 'evidence',
    period: period.text,
    url,
    digest: grid.digest,
    requests,
    historyRows,
    made: generatedAt,
    by,
  });
  wb.flush();
  return { digest: grid.digest, url };
}

interface Exported {
  digest: string;
  url: string;
}

/** Asks for a period and creates (or replaces) its evidence tab; a bad period creates nothing. */
export function exportEvidence(platform: Platform): void {
  const ui = platform.ui();
  if (!ui) return;
  const wb = remember(platform);
  const answer = ui.prompt(EXPORT, `Which period? Enter ${PERIOD_EXAMPLES}.`);
  if (answer === null) return;
  const zone = sheetZone(platform, wb);
  const parsed = parsePeriod(answer, zone);
  if (!parsed.ok) {
    ui.alert(EXPORT, parsed.error);
    return;
  }
  const done = platform.withScriptLock(LOCK_WAIT_MS, () => writeEvidence(platform, wb, parsed.period, zone));
  if (!done) {
    ui.alert(EXPORT, BUSY);
    return;
  }
  const name = evidenceTabName(parsed.period);
  ui.alert(
    EXPORT,
    `"${name}" is ready and protected, in a spreadsheet of its own: ${done.url} (share it with an auditor ` +
      `as a viewer). It is listed on the ${EXPORTS_TAB} tab. Content SHA-256: ${done.digest}`,
  );
}

/** The evidence tab's cells: the one the person is on in this sheet (an older export), or a listed export's. */
function evidenceCells(
  platform: Platform,
  ui: Ui,
  wb: Workbook,
): { name: string; cells: unknown[][]; listed: string | null } | null {
  const at = ui.selection();
  if (at && at.tab.startsWith('Evidence ')) return { name: at.tab, cells: tabCells(wb.tab(at.tab)), listed: null };
  const answer = ui.prompt(VERIFY, `Which export? Enter its period as it was exported (${PERIOD_EXAMPLES}).`);
  if (answer === null) return null;
  const listed = listedExports(wb)
    .filter((e) => e.kind === 'evidence' && e.period === answer.trim())
    .pop();
  const id = listed ? /\/d\/([A-Za-z0-9_-]+)/.exec(listed.url)?.[1] : undefined;
  if (!listed || !id) {
    ui.alert(VERIFY, `The ${EXPORTS_TAB} tab lists no evidence export for “${answer.trim()}”.`);
    return null;
  }
  const name = `Evidence ${answer.trim()}`;
  return { name, cells: tabCells(platform.spreadsheet(id).tab(name)), listed: listed.digest };
}

function tabCells(tab: Tab): unknown[][] {
  if (!tab.exists()) return [];
  const last = tab.lastRow();
  return last === 0 ? [] : tab.range(1, 1, last, EVIDENCE_WIDTH).values();
}

/** Recomputes an evidence tab's digest and says whether it still matches (and matches what Exports lists). */
export function verifyEvidenceTab(platform: Platform): void {
  const ui = platform.ui();
  if (!ui) return;
  const wb = remember(platform);
  const found = evidenceCells(platform, ui, wb);
  if (!found) return;
  const result = verifyEvidence(found.cells, (text) => platform.crypto.sha256Hex(text));
  if (result.ok && (found.listed === null || found.listed === result.digest)) {
    ui.alert(VERIFY, `It matches: "${found.name}" is unchanged since it was generated (SHA-256 ${result.digest}).`);
    return;
  }
  if (result.ok) {
    ui.alert(
      VERIFY,
      `It does NOT match: the ${EXPORTS_TAB} tab lists ${found.listed}, the export carries ${result.digest}.`,
    );
    return;
  }
  const digests = result.actual ? ` Recorded: ${result.expected}. Computed now: ${result.actual}.` : '';
  ui.alert(VERIFY, `It does NOT match: ${result.problem}${digests}`);
}
