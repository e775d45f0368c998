// The sheet-wide secret's menu items (contract §1): it signs v1 for every cluster the owner has not
// enrolled, until the owner retires it (§11), after which only each cluster's own secret signs.
import type { Platform } from '../gas/platform.js';
import { directory } from '../stores/clusters.js';
import { liveRelays } from '../stores/relays.js';
import { relayBook } from '../stores/relay-store.js';
import { newSecret, revoked, rotated, saveSecrets, secrets } from '../stores/secrets.js';
import { acceptedKeys } from '../door/verify.js';
import { ownersUi, showSecret } from './owners-ui.js';

const RETIRE_WORD = 'RETIRE';

function retiredNote(at: number): string {
  return (
    `The sheet-wide secret was retired on ${new Date(at * 1000).toISOString()}: every relay signs with its ` +
    'cluster’s own secret. Use "Add cluster…" for a new cluster.'
  );
}

export function setUpSecret(platform: Platform): void {
  const ui = ownersUi(platform, 'Set up sheet-wide secret');
  if (!ui) return;
  const kept = secrets(platform);
  if (kept.retiredAt !== null) return ui.alert('Set up sheet-wide secret', retiredNote(kept.retiredAt));
  if (kept.current) {
    const dir = directory(platform);
    const own = Object.keys(dir).filter((name) => dir[name]!.removedAt === null);
    const which = own.length === 0 ? 'every cluster' : `every cluster but ${own.sort().join(', ')} (enrolled)`;
    ui.alert(
      'Set up sheet-wide secret',
      `A secret is already set up; it signs for ${which}. Use "Rotate sheet-wide secret" to replace it.`,
    );
    return;
  }
  const secret = newSecret(platform.crypto);
  saveSecrets(platform, { ...kept, current: secret });
  showSecret(ui, secret, { rotated: false, cluster: null, webUrl: '' });
}

export function rotateSecret(platform: Platform): void {
  const ui = ownersUi(platform, 'Rotate sheet-wide secret');
  if (!ui) return;
  const kept = secrets(platform);
  if (kept.retiredAt !== null) return ui.alert('Rotate sheet-wide secret', retiredNote(kept.retiredAt));
  const secret = newSecret(platform.crypto);
  saveSecrets(platform, rotated(kept, secret, Math.floor(platform.now() / 1000)));
  showSecret(ui, secret, { rotated: kept.current !== null, cluster: null, webUrl: '' });
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
  saveSecrets(platform, revoked(kept));
  ui.alert(
    'Revoke previous secret',
    'The previous secret no longer works. A relay still signing with it is refused until it has the current one.',
  );
}

/** After this only v2 signs: every cluster that still writes must be enrolled first. */
export function retireSheetSecret(platform: Platform): void {
  const title = 'Retire sheet-wide secret';
  const ui = ownersUi(platform, title);
  if (!ui) return;
  const kept = secrets(platform);
  if (kept.retiredAt !== null) return ui.alert(title, retiredNote(kept.retiredAt));
  const now = platform.now();
  const v1 = liveRelays(relayBook(platform), now).filter((r) => r.signature === 1);
  const still =
    v1.length === 0
      ? 'No relay has signed with it in the last 7 days.'
      : `Still signing with it in the last 7 days: ${v1.map((r) => `${r.relay} (${r.cluster})`).join(', ')}. ` +
        'Their batches will be refused until their cluster is enrolled and they have its secret.';
  const answer = ui.prompt(title, `${still} Type ${RETIRE_WORD} to retire the sheet-wide secret for good.`);
  if (answer?.trim() !== RETIRE_WORD) return ui.alert(title, 'Nothing changed.');
  saveSecrets(platform, { current: null, previous: null, rotatedAt: null, retiredAt: Math.floor(now / 1000) });
  ui.alert(title, 'The sheet-wide secret no longer signs anything: only each enrolled cluster’s own secret does.');
}
