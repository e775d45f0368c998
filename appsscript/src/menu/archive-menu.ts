// Archive… (owner only): asks for a cutoff, then moves the rows of requests Teleport no longer has
// into an archive spreadsheet (archive/run.ts). A run cut short — by the 6-minute limit, a chunk
// boundary or anything else — is finished by choosing Archive… again: it resumes without asking.
import type { Platform, Workbook } from '../gas/platform.js';
import { parseCutoff, CUTOFF_EXAMPLES } from '../archive/cutoff.js';
import { archiveStep, type ArchiveStep } from '../archive/run.js';
import { archiveRun, saveArchiveRun, type ArchiveRun } from '../stores/archive-store.js';
import { openSpreadsheet as remember } from '../stores/spreadsheet-id.js';
import { sheetZone } from '../tabs/dashboard-tab.js';
import { EXPORTS_TAB } from '../tabs/exports-tab.js';
import { isOwner, ownerMac } from './owner-key.js';

const ARCHIVE = 'Archive';
const LOCK_WAIT_MS = 30_000;
const BUSY = 'The sheet is busy receiving updates. Try again in a minute.';

/** A new run from the owner's answer, or null (cancelled, or a bad cutoff already explained). */
function newRun(platform: Platform, wb: Workbook): ArchiveRun | null {
  const ui = platform.ui()!;
  const answer = ui.prompt(
    ARCHIVE,
    'Moves every request Teleport no longer has (EXPIRED, or resolved and gone), created before a cutoff, ' +
      `with its History, into a new archive spreadsheet, and gives its room back. Enter ${CUTOFF_EXAMPLES}.`,
  );
  if (answer === null) return null;
  const parsed = parseCutoff(answer, sheetZone(platform, wb));
  if (!parsed.ok) {
    ui.alert(ARCHIVE, parsed.error);
    return null;
  }
  const run = { cutoff: parsed.cutoff.getTime(), label: parsed.label, startedAt: platform.now(), spreadsheetId: null };
  saveArchiveRun(platform, run);
  return run;
}

/** The run's archive spreadsheet, created (and its id kept at once) the first time. */
function openArchive(platform: Platform, run: ArchiveRun): Workbook {
  if (run.spreadsheetId !== null) return platform.spreadsheet(run.spreadsheetId);
  const archive = platform.createSpreadsheet(`Access requests archive, ${run.label} (teleport-sheets)`);
  saveArchiveRun(platform, { ...run, spreadsheetId: archive.id() });
  return archive;
}

function report(step: ArchiveStep): string {
  if (step.digest === null) {
    return (
      `${step.requests} requests are in the archive so far (${step.url}); ${step.left} are still to move. ` +
      'Choose Archive… again to continue: it resumes where it stopped.'
    );
  }
  const where = step.listed
    ? `It is listed on the ${EXPORTS_TAB} tab.`
    : `The sheet had no room to create the ${EXPORTS_TAB} tab: History records it (event "archived").`;
  return (
    `Archived ${step.requests} requests and ${step.historyRows} History rows into ${step.url} and gave their ` +
    `room back. ${where} Content SHA-256: ${step.digest}`
  );
}

export function archiveRequests(platform: Platform): void {
  const ui = platform.ui();
  if (!ui) return;
  const wb = remember(platform);
  if (!isOwner(platform, wb)) {
    ui.alert(ARCHIVE, 'Only the owner of this spreadsheet can archive requests.');
    return;
  }
  const run = archiveRun(platform) ?? newRun(platform, wb);
  if (!run) return;
  const mac = ownerMac(platform, wb, false);
  if (!mac) {
    ui.alert(ARCHIVE, 'There is nothing to archive yet: the relay has not delivered anything to this sheet.');
    return;
  }
  const step = platform.withScriptLock(LOCK_WAIT_MS, () => {
    const result = archiveStep(platform, wb, openArchive(platform, archiveRun(platform) ?? run), run, mac);
    wb.flush();
    return result;
  });
  if (!step) {
    ui.alert(ARCHIVE, BUSY);
    return;
  }
  if (step.digest !== null) saveArchiveRun(platform, null);
  ui.alert(ARCHIVE, report(step));
}
