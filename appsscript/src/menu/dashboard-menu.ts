// The menu items of the picture: Refresh dashboard, Export evidence… and Verify evidence. Each
// runs as the person who clicks; writing waits for the script lock, as a batch does.
import { refreshDashboard, sheetZone } from '../tabs/dashboard-tab.js';
import { PERIOD_EXAMPLES, parsePeriod, type Period } from '../evidence/period.js';
import { EVIDENCE_WIDTH, evidenceTabName, layoutEvidence, type EvidenceGrid } from '../evidence/layout.js';
import { selectEvidence } from '../evidence/select.js';
import { verifyEvidence } from '../evidence/verify.js';
import type { Platform, Workbook } from '../gas/platform.js';
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

function writeEvidence(platform: Platform, wb: Workbook, period: Period, zone: Zone): EvidenceGrid {
  const ledger = readLedger(wb, zone);
  const selection = selectEvidence({ ...ledger, relays: relayContacts(platform), period, clusters: null });
  const tab = wb.tab(evidenceTabName(period));
  if (tab.exists()) tab.clear();
  else tab.create();
  const editors = tab.protectOwnerOnly(EVIDENCE_PROTECTION);
  const generatedAt = new Date(platform.now());
  const meta = { period, zone: zone.id, generatedAt, generatedBy: userEmail(platform), editors };
  const grid = layoutEvidence(selection, meta, (text) => platform.crypto.sha256Hex(text));
  const gridRows = tab.gridRows();
  if (grid.values.length > gridRows) tab.insertRowsAfter(gridRows, grid.values.length - gridRows);
  tab.range(1, 1, grid.values.length, EVIDENCE_WIDTH).setValues(grid.values);
  tab.boldAreas(grid.bold);
  wb.flush();
  return grid;
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
  const grid = platform.withScriptLock(LOCK_WAIT_MS, () => writeEvidence(platform, wb, parsed.period, zone));
  if (!grid) {
    ui.alert(EXPORT, BUSY);
    return;
  }
  const name = evidenceTabName(parsed.period);
  ui.alert(EXPORT, `"${name}" is ready and protected. Content SHA-256: ${grid.digest}`);
}

/** Recomputes the digest of the evidence tab the person is on and says whether it still matches. */
export function verifyEvidenceTab(platform: Platform): void {
  const ui = platform.ui();
  if (!ui) return;
  const wb = remember(platform);
  const at = ui.selection();
  if (!at || !at.tab.startsWith('Evidence ')) {
    ui.alert(VERIFY, 'Open an evidence tab (such as "Evidence 2026-Q3") first, then choose Verify evidence.');
    return;
  }
  const tab = wb.tab(at.tab);
  const last = tab.lastRow();
  const cells = last === 0 ? [] : tab.range(1, 1, last, EVIDENCE_WIDTH).values();
  const result = verifyEvidence(cells, (text) => platform.crypto.sha256Hex(text));
  if (result.ok) {
    ui.alert(VERIFY, `It matches: "${at.tab}" is unchanged since it was generated (SHA-256 ${result.digest}).`);
    return;
  }
  const digests = result.actual ? ` Recorded: ${result.expected}. Computed now: ${result.actual}.` : '';
  ui.alert(VERIFY, `It does NOT match: ${result.problem}${digests}`);
}
