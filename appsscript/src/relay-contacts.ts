// What the Dashboard and the evidence extract know of each cluster's relay: its last contact and
// the webUrl its links are built on.
import type { RelayContact } from './dashboard/rows.js';
import type { Platform } from './gas/platform.js';

export function relayContacts(_platform: Pick<Platform, 'scriptProperties' | 'scriptCache'>): RelayContact[] {
  return [];
}
