// What the Dashboard and the evidence extract know of each cluster's relay: its last contact
// (the relay record, contract §10) and the webUrl its links are built on.
import type { RelayContact } from './dashboard/rows.js';
import type { Platform } from './gas/platform.js';
import { relayBook } from './relay-store.js';

export function relayContacts(platform: Pick<Platform, 'scriptProperties' | 'scriptCache'>): RelayContact[] {
  return relayBook(platform).relays.map((relay) => ({
    cluster: relay.cluster,
    webUrl: '',
    lastContact: new Date(relay.contactAt),
  }));
}
