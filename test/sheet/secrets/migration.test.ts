// Moving a sheet from one sheet-wide secret to a secret per cluster (contract §11), on the real
// bundle behind Google's 302 front: two relays on the shared secret; the owner enrols prod (staging
// keeps the shared secret), then staging, then retires the shared secret. No request is lost or
// doubled, no relay is answered busy, and a relay that only signs v1 keeps working for a cluster
// that is not enrolled until the shared secret is retired.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Op, Request } from '../../../proto/contract.js';
import { HISTORY_COL } from '../../../appsscript/src/ledger/layout.js';
import { SECRET, makeRequest } from '../fixtures.js';
import { bundleForThisFile } from '../file-bundle.js';
import { Front, PROD, PROD_URL, Relay, STAGING, STAGING_URL } from './clusters.js';

const bundle = bundleForThisFile();
const DEV = 'dev.example.com';

let front: Front;
beforeEach(async () => {
  front = await Front.open(bundle.dir);
});
afterEach(() => front.close());

/** What a relay holds for its cluster: every request, as it would list them. */
class Listing {
  readonly requests: Request[] = [];
  add(n: number): Op[] {
    const made = Array.from({ length: n }, () => makeRequest());
    this.requests.push(...made);
    return made.map((request) => ({ op: 'upsert', request }));
  }
  /** The full listing a relay sends at start, with its closing sync. */
  all(): Op[] {
    return [
      ...this.requests.map((request): Op => ({ op: 'upsert', request })),
      { op: 'sync', ids: this.requests.map((r) => r.id) },
    ];
  }
}

function requestedEvents(cluster: string): string[] {
  const history = front.sheet.rt.spreadsheet.getSheetByName('History')!;
  return history
    .values()
    .filter((row) => row[HISTORY_COL.cluster - 1] === cluster && row[HISTORY_COL.event - 1] === 'requested')
    .map((row) => String(row[HISTORY_COL.requestId - 1]));
}

function expectEvery(cluster: string, listing: Listing): void {
  for (const r of listing.requests) expect(front.shown(cluster, r.id)[0], `${cluster}/${r.id}`).toBe('PENDING');
  expect(requestedEvents(cluster).sort()).toEqual(listing.requests.map((r) => r.id).sort());
}

describe('from the sheet-wide secret to a secret per cluster', () => {
  it('loses and doubles no request, answers no relay busy, and ends with v2 only', async () => {
    const prod = new Relay(front, PROD, SECRET, { webUrl: PROD_URL });
    const staging = new Relay(front, STAGING, SECRET, { webUrl: STAGING_URL });
    const [prodList, stagingList] = [new Listing(), new Listing()];
    await prod.deliver(prodList.add(3));
    await staging.deliver(stagingList.add(2));
    expect([prod.signature, staging.signature]).toEqual([1, 1]);

    // The owner enrols prod; prod's relay, still on the shared secret, is refused and keeps its ops.
    const prodSecret = front.enrol(PROD, PROD_URL);
    const queued = prodList.add(1);
    expect(await prod.attempt(prod.batch(queued))).toMatchObject({ ok: false, error: 'bad_signature' });
    await staging.deliver(stagingList.add(1));
    // Its secret file now holds prod's secret: the restart signs v2, sends what it kept, then lists.
    prod.restart(prodSecret);
    await prod.deliver(queued);
    await prod.deliver(prodList.all());
    expect(prod.signature).toBe(2);

    const stagingSecret = front.enrol(STAGING, STAGING_URL);
    staging.restart(stagingSecret);
    await staging.deliver(stagingList.add(1));
    await staging.deliver(stagingList.all());
    expect(staging.signature).toBe(2);

    front.answer('retireSheetSecret', 'RETIRE');
    await prod.deliver(prodList.add(1));
    await staging.deliver(stagingList.add(1));
    expectEvery(PROD, prodList);
    expectEvery(STAGING, stagingList);
    expect(front.links(PROD).every((l) => l?.startsWith(`${PROD_URL}/web/requests/`))).toBe(true);
    const replies = [...prod.replies, ...staging.replies];
    expect(replies.filter((r) => !r.ok && r.error === 'busy')).toEqual([]);
    front.sheet.menu('relayStatus');
    const status = front.sheet.rt.ui.dialogs.at(-1)!.html;
    expect(status).toMatch(/prod-relay\/1\.0\.0<\/td>[\s\S]*?v2: its cluster’s own secret/);
    expect(status).toContain('The sheet-wide secret was retired');
  });

  it('keeps the re-listing a Refresh owes a relay when its cluster is enrolled before it is handed out', async () => {
    const prod = new Relay(front, PROD, SECRET, { webUrl: PROD_URL });
    await prod.deliver([]);
    front.sheet.menu('refreshFromTeleport');
    prod.restart(front.enrol(PROD, PROD_URL));
    expect(await prod.deliver([])).toMatchObject({ ok: true, resync: true });
    expect(await prod.deliver([])).toMatchObject({ ok: true, resync: false });
    front.sheet.menu('relayStatus');
    expect(front.sheet.rt.ui.dialogs.at(-1)!.html.match(/prod-relay\/1\.0\.0/g)).toHaveLength(1);
  });

  it('keeps a relay that only signs v1 working for a cluster not enrolled, until the owner retires it', async () => {
    const dev = new Relay(front, DEV, SECRET, { webUrl: 'https://dev.example.com' });
    dev.signature = 1;
    front.enrol(PROD, PROD_URL);
    const [request] = await dev.requests(1);
    expect(front.shown(DEV, request!.id)).toEqual(['PENDING', `https://dev.example.com/web/requests/${request!.id}`]);
    front.sheet.menu('relayStatus');
    expect(front.sheet.rt.ui.dialogs.at(-1)!.html).toMatch(/dev-relay\/1\.0\.0<\/td>[\s\S]*?v1: the sheet-wide secret/);
    front.answer('retireSheetSecret', 'RETIRE');
    expect(front.sheet.rt.ui.prompts.at(-1)?.prompt).toContain(
      'Still signing with it in the last 7 days: dev-relay/1.0.0',
    );
    expect(await dev.attempt(dev.batch([]))).toMatchObject({ ok: false, error: 'bad_signature' });
  });
});
