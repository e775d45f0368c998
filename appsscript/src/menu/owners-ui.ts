// A menu item runs as the person who clicked it and reads and writes that person's User
// Properties, while the web app reads the owner's: so only the spreadsheet's owner may manage
// clusters and secrets, and everyone else is told plainly who can. A secret nobody saw would lock
// a relay out, so each of these items needs a person at the sheet.
import type { Platform, Ui } from '../gas/platform.js';
import { openSpreadsheet } from '../stores/spreadsheet-id.js';
import { runsAsOwner } from './owner-key.js';

/** Enrolment changes wait this long for batches being applied. */
export const ENROLMENT_LOCK_WAIT_MS = 30_000;

/** The person at the sheet, when they own it; otherwise an alert says who can, and null. */
export function ownersUi(platform: Platform, title: string): Ui | null {
  const ui = platform.ui();
  if (!ui) return null;
  const owner = openSpreadsheet(platform).owner();
  if (runsAsOwner(platform, owner)) return ui;
  ui.alert(
    title,
    owner === null
      ? 'Only the owner of the spreadsheet can manage clusters and relay secrets, and a spreadsheet in a shared ' +
          'drive has no owner. Keep the spreadsheet in its owner’s My Drive.'
      : `Only the owner of this spreadsheet, ${owner}, can manage clusters and relay secrets. Ask them to do it.`,
  );
  return null;
}

/** The secret dialog: shown once, printed only escaped. `cluster` null for the sheet-wide secret. */
export function showSecret(
  ui: Ui,
  secret: string,
  o: { rotated: boolean; cluster: string | null; webUrl: string },
): void {
  const whose = o.cluster === null ? 'for every cluster not enrolled' : `of cluster ${o.cluster}`;
  const title = `${o.rotated ? 'New secret' : 'Secret'} ${whose}`;
  ui.dialog('secret', title, { secret, ...o }, { width: 560, height: 480 });
}
