// Export evidence… and Verify evidence. Both need the sealing key to vouch for anything (the rows
// the script wrote, the record of an export), so only the owner's executions export, and an
// editor's Verify says what it could and could not check rather than "it matches". An extract goes
// into a spreadsheet of its own (its cells count against its own limit, and the owner can share it
// with an auditor alone); the live sheet lists it on the Exports tab and records it in History.
import { sheetZone } from '../tabs/dashboard-tab.js';
import { EXPORTS_TAB, listExport, listedExports } from '../tabs/exports-tab.js';
import { appendHistory } from '../tabs/history-tab.js';
import { PERIOD_EXAMPLES, parsePeriod, type Period } from '../evidence/period.js';
import { EVIDENCE_WIDTH, evidenceTabName, layoutEvidence, type EvidenceGrid } from '../evidence/layout.js';
import { selectEvidence } from '../evidence/select.js';
import { verifyEvidence } from '../evidence/verify.js';
import type { Platform, Tab, Ui, Workbook } from '../gas/platform.js';
import type { Mac } from '../rows/rowmeta.js';
import { HISTORY_WIDTH } from '../ledger/history-seal.js';
import { HISTORY_SHEET_NAME } from '../ledger/layout.js';
import { exportEvent, recordedDigest } from '../records/export-record.js';
import { relayContacts } from '../records/relay-contacts.js';
import { readSealedLedger } from '../records/sealed-ledger.js';
import type { Zone } from '../records/zone.js';
import { openSpreadsheet as remember } from '../stores/spreadsheet-id.js';
import { OWNER_ONLY_NOTE, isOwner, ownerMac, userEmail } from './owner-key.js';

const LOCK_WAIT_MS = 30_000;
const BUSY = 'The sheet is busy receiving updates. Try again in a minute.';
const EXPORT = 'Export evidence';
const VERIFY = 'Verify evidence';
export const EVIDENCE_PROTECTION =
  'Evidence for auditors: only the owner may change it, and its Content SHA-256 shows whether anyone did.';

interface Exported {
  grid: EvidenceGrid;
  url: string;
}

function writeEvidence(platform: Platform, wb: Workbook, period: Period, zone: Zone, mac: Mac): Exported {
  const ledger = readSealedLedger(wb, zone, mac);
  const relays = relayContacts(platform);
  const selection = selectEvidence({ ...ledger, relays, period, clusters: null });
  const name = evidenceTabName(period);
  const target = platform.createSpreadsheet(`${name} (teleport-sheets)`);
  const tab = target.tab(name);
  tab.create();
  const editors = tab.protectOwnerOnly(EVIDENCE_PROTECTION);
  const generatedAt = new Date(platform.now());
  const generatedBy = userEmail(platform);
  const grid = layoutEvidence(selection, { period, zone: zone.id, generatedAt, generatedBy, editors }, (text) =>
    platform.crypto.sha256Hex(text),
  );
  const gridRows = tab.gridRows();
  if (grid.values.length > gridRows) tab.insertRowsAfter(gridRows, grid.values.length - gridRows);
  tab.range(1, 1, grid.values.length, EVIDENCE_WIDTH).setValues(grid.values);
  tab.boldAreas(grid.bold);
  target.flush();
  const url = target.url();
  appendHistory(platform, wb, [exportEvent(name, grid.digest, generatedAt, generatedBy)], mac);
  // Each table starts with its header row.
  const [requests, historyRows] = [selection.tables.requests.length - 1, selection.tables.history.length - 1];
  const made = { made: generatedAt, by: generatedBy ?? '' };
  listExport(platform, wb, {
    kind: 'evidence',
    period: period.text,
    url,
    digest: grid.digest,
    requests,
    historyRows,
    ...made,
  });
  wb.flush();
  return { grid, url };
}

/** Asks for a period and creates (or replaces) its evidence tab; a bad period creates nothing. */
export function exportEvidence(platform: Platform): void {
  const ui = platform.ui();
  if (!ui) return;
  const wb = remember(platform);
  if (!isOwner(platform, wb)) {
    ui.alert(EXPORT, `Only the owner of this spreadsheet can export evidence. ${OWNER_ONLY_NOTE}`);
    return;
  }
  const mac = ownerMac(platform, wb, false);
  if (!mac) {
    ui.alert(EXPORT, 'There is nothing to export yet: the relay has not delivered anything to this sheet.');
    return;
  }
  const answer = ui.prompt(EXPORT, `Which period? Enter ${PERIOD_EXAMPLES}.`);
  if (answer === null) return;
  const zone = sheetZone(platform, wb);
  const parsed = parsePeriod(answer, zone);
  if (!parsed.ok) {
    ui.alert(EXPORT, parsed.error);
    return;
  }
  const done = platform.withScriptLock(LOCK_WAIT_MS, () => writeEvidence(platform, wb, parsed.period, zone, mac));
  if (!done) {
    ui.alert(EXPORT, BUSY);
    return;
  }
  const name = evidenceTabName(parsed.period);
  ui.alert(
    EXPORT,
    `"${name}" is ready and protected, in a spreadsheet of its own: ${done.url} (share it with an auditor as a ` +
      `viewer). It is listed on the ${EXPORTS_TAB} tab. Content SHA-256: ${done.grid.digest} — keep this digest ` +
      'with the evidence: it is what the tab must still match.',
  );
}

function historyCells(wb: Workbook): unknown[][] {
  try {
    return wb.tab(HISTORY_SHEET_NAME).range(2, 1, null, HISTORY_WIDTH).values();
  } catch {
    return [];
  }
}

function tabCells(tab: Tab): unknown[][] {
  if (!tab.exists()) return [];
  const last = tab.lastRow();
  return last === 0 ? [] : tab.range(1, 1, last, EVIDENCE_WIDTH).values();
}

/** The evidence tab's cells: the one the person is on in this sheet (an older export), or a listed export's. */
function evidenceCells(platform: Platform, ui: Ui, wb: Workbook): { name: string; cells: unknown[][] } | null {
  const at = ui.selection();
  if (at && at.tab.startsWith('Evidence ')) return { name: at.tab, cells: tabCells(wb.tab(at.tab)) };
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
  return { name, cells: tabCells(platform.spreadsheet(id).tab(name)) };
}

/** Recomputes an evidence tab's digest, and compares it with the sealed export record. */
export function verifyEvidenceTab(platform: Platform): void {
  const ui = platform.ui();
  if (!ui) return;
  const wb = remember(platform);
  const found = evidenceCells(platform, ui, wb);
  if (!found) return;
  const { name, cells } = found;
  const result = verifyEvidence(cells, (text) => platform.crypto.sha256Hex(text));
  if (!result.ok) {
    const digests = result.actual ? ` Recorded: ${result.expected}. Computed now: ${result.actual}.` : '';
    ui.alert(VERIFY, `It does NOT match: ${result.problem}${digests}`);
    return;
  }
  const mac = ownerMac(platform, wb, false);
  if (!mac) {
    ui.alert(
      VERIFY,
      `"${name}" matches the digest it carries (${result.digest}), but whoever can edit the tab ` +
        `can rewrite that too. ${OWNER_ONLY_NOTE} Ask the owner to verify it, or compare the digest with the one ` +
        'the export showed.',
    );
    return;
  }
  const recorded = recordedDigest(historyCells(wb), name, mac);
  if (recorded === result.digest) {
    ui.alert(VERIFY, `It matches: "${name}" is unchanged since it was generated (SHA-256 ${result.digest}).`);
    return;
  }
  const why = recorded === null ? 'History holds no sealed record of this export.' : `The export recorded ${recorded}.`;
  ui.alert(VERIFY, `It does NOT match: the tab carries a digest its export did not record. ${why}`);
}
