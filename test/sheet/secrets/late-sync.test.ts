// Finding 5 of issue 17, on the real bundle behind Google's 302 front: a POST answered `busy` never
// had its nonce claimed, so whoever captured it can send it again while its ts is still acceptable.
// A `sync` or `delete` signed before the batch that last upserted a row never takes that row away
// (contract §15), whether it is a replay, a late retry or a second relay's.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Op, Request } from '../../../proto/contract.js';
import { HISTORY_COL } from '../../../appsscript/src/ledger/layout.js';
import { SECRET } from '../fixtures.js';
import { bundleForThisFile } from '../file-bundle.js';
import { Front, PROD, PROD_URL, Relay, STAGING } from './clusters.js';

const bundle = bundleForThisFile();

let front: Front;
afterEach(() => front.close());
beforeEach(async () => {
  front = await Front.open(bundle.dir);
});

const upserts = (requests: readonly Request[]): Op[] => requests.map((request) => ({ op: 'upsert', request }));

function historyEvents(cluster: string, id: string): string[] {
  const history = front.sheet.rt.spreadsheet.getSheetByName('History')!;
  return history
    .values()
    .filter((row) => row[HISTORY_COL.cluster - 1] === cluster && row[HISTORY_COL.requestId - 1] === id)
    .map((row) => String(row[HISTORY_COL.event - 1]));
}

/** The relay's sync while another execution holds the lock: answered busy, and kept by whoever watched. */
async function busySync(relay: Relay, ids: string[]) {
  const post = front.sign(relay.batch([{ op: 'sync', ids }]), relay.signing());
  const release = front.sheet.rt.lock.holdExternally();
  expect(await front.send(post)).toMatchObject({ ok: false, error: 'busy' });
  release();
  return post;
}

describe.each([
  ['an enrolled cluster’s relay (v2)', 'enrolled'],
  ['a relay on the sheet-wide secret (v1)', 'shared'],
] as const)('%s', (_name, kind) => {
  const relayOf = () =>
    kind === 'enrolled'
      ? new Relay(front, PROD, front.enrol(PROD, PROD_URL), { webUrl: PROD_URL })
      : new Relay(front, STAGING, SECRET, { webUrl: PROD_URL });

  it('sees a busy sync replayed 185 s later leave the newer request alone, with no expired event', async () => {
    const relay = relayOf();
    const old = await relay.requests(1);
    const captured = await busySync(
      relay,
      old.map((r) => r.id),
    );
    await relay.deliver([{ op: 'sync', ids: old.map((r) => r.id) }]);
    const [newer] = await relay.requests(1);
    front.sheet.advance(185_000 - 3000);
    expect(await front.send(captured)).toMatchObject({ ok: true });
    expect(front.shown(relay.cluster, newer!.id)[0]).toBe('PENDING');
    expect(historyEvents(relay.cluster, newer!.id)).toEqual(['requested']);
    expect(front.shown(relay.cluster, old[0]!.id)[0]).toBe('PENDING');
  });

  it('still lets a sync or delete signed after the last upsert take the row away', async () => {
    const relay = relayOf();
    const [a, b] = await relay.requests(2);
    await relay.deliver([{ op: 'sync', ids: [a!.id] }]);
    await relay.deliver([{ op: 'delete', id: a!.id }]);
    expect(front.shown(relay.cluster, a!.id)[0]).toBe('EXPIRED');
    expect(front.shown(relay.cluster, b!.id)[0]).toBe('EXPIRED');
    expect(historyEvents(relay.cluster, b!.id)).toEqual(['requested', 'expired']);
  });

  it('sees a second relay’s late delete, signed before a re-upsert, leave the row back', async () => {
    const relay = relayOf();
    const [a] = await relay.requests(1);
    const lateDelete = front.sign(relay.batch([{ op: 'delete', id: a!.id }]), relay.signing());
    front.sheet.advance(1000);
    await relay.deliver(upserts([{ ...a!, reason: 'still here' }]));
    expect(await front.send(lateDelete)).toMatchObject({ ok: true });
    expect(front.shown(relay.cluster, a!.id)[0]).toBe('PENDING');
  });
});
