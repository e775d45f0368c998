// The per-cluster menu items (contract §11), owner only: enrol a cluster with its Teleport web
// address and show its new 256-bit secret once; rotate (24 h grace), revoke the previous secret, or
// remove it (its secret ends and no relay writes its rows any more, which stay, links and all).
import { CLUSTER_PARAM_PATTERN, isHttpsBaseUrl } from '../../../proto/contract.js';
import type { Platform, Ui } from '../gas/platform.js';
import { acceptedKeys } from '../door/verify.js';
import { directory, saveEnrolment, type Directory, type Enrolment } from '../stores/clusters.js';
import { forgetWebUrl } from '../stores/ledger-store.js';
import { newSecret, revoked, rotated } from '../stores/secrets.js';
import { ENROLMENT_LOCK_WAIT_MS, ownersUi, showSecret } from './owners-ui.js';

const BUSY_NOTE = 'The sheet is busy receiving updates. Try again in a minute.';

const seconds = (platform: Platform) => Math.floor(platform.now() / 1000);

/** Saves under the script lock, so that no batch is applied with half of the change; false when busy. */
function save(platform: Platform, ui: Ui, title: string, cluster: string, e: Enrolment): boolean {
  const done = platform.withScriptLock(ENROLMENT_LOCK_WAIT_MS, () => {
    saveEnrolment(platform, cluster, e);
    // The address a batch signed with the sheet-wide secret left for it is never used again.
    forgetWebUrl(platform, cluster);
    return true;
  });
  if (!done) ui.alert(title, BUSY_NOTE);
  return done === true;
}

function enrolledNames(dir: Directory): string[] {
  return Object.keys(dir)
    .filter((name) => dir[name]!.removedAt === null)
    .sort();
}

/** Asks which enrolled cluster; null (after saying why) when the answer names none. */
function chooseCluster(ui: Ui, title: string, dir: Directory, what: string): string | null {
  const names = enrolledNames(dir);
  if (names.length === 0) {
    ui.alert(title, 'No cluster is enrolled. Use "Add cluster…" first.');
    return null;
  }
  const answer = ui.prompt(title, `${what} Enrolled: ${names.join(', ')}. Which cluster?`);
  if (answer === null) return null;
  const name = answer.trim();
  if (names.includes(name)) return name;
  ui.alert(title, 'No enrolled cluster has that name. Nothing changed.');
  return null;
}

function askName(ui: Ui, title: string, dir: Directory): string | null {
  const answer = ui.prompt(
    title,
    'The cluster name exactly as Teleport reports it (the relay’s check command prints it: "✓ ping: cluster …").',
  );
  if (answer === null) return null;
  const name = answer.trim();
  if (!CLUSTER_PARAM_PATTERN.test(name)) {
    ui.alert(title, 'A cluster name is 1 to 253 letters, digits, dots, dashes or underscores. Nothing changed.');
    return null;
  }
  if (dir[name]?.removedAt === null) {
    ui.alert(title, `${name} is already enrolled. Use "Rotate cluster secret…" to give it a new secret.`);
    return null;
  }
  return name;
}

function askAddress(ui: Ui, title: string, name: string): string | null {
  const answer = ui.prompt(
    title,
    `The Teleport web address of ${name} (https://…): every View in Teleport link of its rows starts there.`,
  );
  if (answer === null) return null;
  const webUrl = answer.trim().replace(/\/+$/, '');
  if (isHttpsBaseUrl(webUrl)) return webUrl;
  ui.alert(title, 'The address must be https://host (with an optional port and path). Nothing changed.');
  return null;
}

export function addCluster(platform: Platform): void {
  const title = 'Add cluster';
  const ui = ownersUi(platform, title);
  if (!ui) return;
  const dir = directory(platform);
  const name = askName(ui, title, dir);
  const webUrl = name === null ? null : askAddress(ui, title, name);
  if (name === null || webUrl === null) return;
  const secret = newSecret(platform.crypto);
  const e: Enrolment = {
    webUrl,
    enrolledAt: seconds(platform),
    removedAt: null,
    current: secret,
    previous: null,
    rotatedAt: null,
  };
  if (save(platform, ui, title, name, e)) showSecret(ui, secret, { rotated: false, cluster: name, webUrl });
}

export function rotateClusterSecret(platform: Platform): void {
  const title = 'Rotate cluster secret';
  const ui = ownersUi(platform, title);
  if (!ui) return;
  const dir = directory(platform);
  const name = chooseCluster(ui, title, dir, 'Its current secret keeps working for 24 hours.');
  if (name === null) return;
  const secret = newSecret(platform.crypto);
  const kept = dir[name]!;
  if (save(platform, ui, title, name, rotated(kept, secret, seconds(platform)))) {
    showSecret(ui, secret, { rotated: true, cluster: name, webUrl: kept.webUrl });
  }
}

export function revokeClusterPrevious(platform: Platform): void {
  const title = 'Revoke a cluster’s previous secret';
  const ui = ownersUi(platform, title);
  if (!ui) return;
  const dir = directory(platform);
  const name = chooseCluster(ui, title, dir, 'Its previous secret stops working at once.');
  if (name === null) return;
  const kept = dir[name]!;
  if (acceptedKeys(kept, seconds(platform)).length < 2) {
    ui.alert(title, `${name} has no previous secret that still works: nothing to revoke.`);
    return;
  }
  if (save(platform, ui, title, name, revoked(kept))) {
    ui.alert(title, `The previous secret of ${name} no longer works. A relay still signing with it is refused.`);
  }
}

export function removeCluster(platform: Platform): void {
  const title = 'Remove cluster';
  const ui = ownersUi(platform, title);
  if (!ui) return;
  const dir = directory(platform);
  const what =
    'Its secret ends at once and no relay can write its rows any more, not even with the sheet-wide secret; ' +
    'its rows and their links stay. "Add cluster…" enrols it again.';
  const name = chooseCluster(ui, title, dir, what);
  if (name === null) return;
  const ended: Enrolment = {
    ...dir[name]!,
    current: null,
    previous: null,
    rotatedAt: null,
    removedAt: seconds(platform),
  };
  if (save(platform, ui, title, name, ended)) ui.alert(title, `${name} is removed: no relay writes its rows any more.`);
}
