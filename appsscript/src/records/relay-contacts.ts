// What the Dashboard and the evidence extract know of each cluster's relay: its last contact (the
// relay record, contract §10) and the base of the cluster's links: its enrolled address (§11), else
// the webUrl of its last verified batch.
import type { RelayContact } from './rows.js';
import type { Platform } from '../gas/platform.js';
import { linkBases, type OwnerStores } from '../stores/clusters.js';
import { relayBook } from '../stores/relay-store.js';
import type { RelayEntry } from '../stores/relays.js';

/** The heartbeat's `usageReading` when the relay sends it; else whether it has sent usage ops. */
export function readsUsage(relay: Pick<RelayEntry, 'stats' | 'usageAt'>): boolean | null {
  const reading = relay.stats.usageReading;
  if (reading === 1 || reading === 0) return reading === 1;
  return relay.usageAt !== null ? true : null;
}

export function relayContacts(platform: OwnerStores & Pick<Platform, 'crypto'>): RelayContact[] {
  const urls = linkBases(platform);
  const contacts: RelayContact[] = relayBook(platform).relays.map((relay) => ({
    cluster: relay.cluster,
    webUrl: urls[relay.cluster] ?? '',
    lastContact: new Date(relay.contactAt),
    readsUsage: readsUsage(relay),
  }));
  // A cluster whose relay record was pruned still links its rows.
  for (const [cluster, webUrl] of Object.entries(urls)) {
    if (!contacts.some((c) => c.cluster === cluster)) contacts.push({ cluster, webUrl, lastContact: null });
  }
  return contacts;
}
