// The secret's menu items. A menu item runs as the person who clicked it and reads and writes that
// person's User Properties, while the web app reads the owner's: so only the spreadsheet's owner may
// set up, rotate or revoke, and everyone else is told plainly who can. A secret nobody saw would lock
// the relay out, so each item needs a person at the sheet.
import type { Platform, Ui } from '../gas/platform.js';
import { newSecret, saveSecrets, secrets } from '../stores/secrets.js';
import { openSpreadsheet } from '../stores/spreadsheet-id.js';
import { acceptedKeys } from '../door/verify.js';

/** The person at the sheet, when they own it; otherwise an alert says who can, and null. */
function ownersUi(platform: Platform, title: string): Ui | null {
  const ui = platform.ui();
  if (!ui) return null;
  const owner = openSpreadsheet(platform).owner();
  const me = platform.effectiveUser();
  if (owner !== null && me !== '' && owner.toLowerCase() === me.toLowerCase()) return ui;
  ui.alert(
    title,
    owner === null
      ? 'Only the owner of the spreadsheet can manage the relay secret, and a spreadsheet in a shared drive has ' +
          'no owner. Keep the spreadsheet in its owner’s My Drive.'
      : `Only the owner of this spreadsheet, ${owner}, can manage the relay secret. Ask them to do it.`,
  );
  return null;
}

function showSecret(ui: Ui, secret: string, rotated: boolean): void {
  ui.dialog('secret', rotated ? 'New relay secret' : 'Relay secret', { secret, rotated }, { width: 560, height: 440 });
}

export function setUpSecret(platform: Platform): void {
  const ui = ownersUi(platform, 'Set up secret');
  if (!ui) return;
  if (secrets(platform).current) {
    ui.alert('Set up secret', 'A secret is already set up. Use "Rotate secret" to replace it.');
    return;
  }
  const secret = newSecret(platform.crypto);
  saveSecrets(platform, { current: secret, previous: null, rotatedAt: null });
  showSecret(ui, secret, false);
}

export function rotateSecret(platform: Platform): void {
  const ui = ownersUi(platform, 'Rotate secret');
  if (!ui) return;
  const old = secrets(platform).current;
  const secret = newSecret(platform.crypto);
  const rotatedAt = old ? Math.floor(platform.now() / 1000) : null;
  saveSecrets(platform, { current: secret, previous: old, rotatedAt });
  showSecret(ui, secret, old !== null);
}

/** Ends the previous secret's 24 hours at once, for when it may have leaked. */
export function revokePreviousSecret(platform: Platform): void {
  const ui = ownersUi(platform, 'Revoke previous secret');
  if (!ui) return;
  const kept = secrets(platform);
  const nowSeconds = Math.floor(platform.now() / 1000);
  if (!kept.current || acceptedKeys(kept, nowSeconds).length < 2) {
    ui.alert('Revoke previous secret', 'There is no previous secret that still works: nothing to revoke.');
    return;
  }
  saveSecrets(platform, { current: kept.current, previous: null, rotatedAt: null });
  ui.alert(
    'Revoke previous secret',
    'The previous secret no longer works. A relay still signing with it is refused until it has the current one.',
  );
}
