// Finding 1 of issue 17, on the real bundle behind Google's 302 front: the staging relay, holding
// its own enrolled secret and the sheet-wide one too, tries every way of writing prod's rows. Each
// is refused before the sheet is touched (contract §11): prod's pending requests stay PENDING, no
// forged request appears, and prod's links only ever start at the address the owner enrolled.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Op, Request } from '../../../proto/contract.js';
import { HISTORY_COL } from '../../../appsscript/src/ledger/layout.js';
import { SECRET, makeRequest } from '../fixtures.js';
import { bundleForThisFile } from '../file-bundle.js';
import { ATTACKER_URL, Front, PROD, PROD_URL, Relay, STAGING, STAGING_URL } from './clusters.js';

const bundle = bundleForThisFile();

let front: Front;
let prod: Relay;
let staging: Relay;
let pending: Request[];

beforeEach(async () => {
  front = await Front.open(bundle.dir);
  prod = new Relay(front, PROD, front.enrol(PROD, PROD_URL), { webUrl: PROD_URL });
  staging = new Relay(front, STAGING, front.enrol(STAGING, STAGING_URL), { webUrl: STAGING_URL });
  pending = await prod.requests(3);
  await staging.requests(1);
});
afterEach(() => front.close());

const forgedRoot = (): Request =>
  makeRequest({
    user: 'mallory',
    roles: ['root'],
    state: 'APPROVED',
    reviews: [{ author: 'security-lead', state: 'APPROVED', reason: 'ok', created: '2025-11-23T12:30:00.000Z' }],
  });

/** What the staging relay sends as prod: everything expired, a forged approval, its own links. */
const LOUD: Op[] = [
  { op: 'upsert', request: forgedRoot() },
  { op: 'sync', ids: [] },
];
/** The quiet variant: one delete of an id that does not exist, carrying the attacker's webUrl. */
const QUIET: Op[] = [{ op: 'delete', id: '00000000-0000-4000-8000-ffffffffffff' }];

/** Every way the staging relay can sign a batch naming prod, and the refusal each gets. */
function attempts(ops: Op[]) {
  const body = staging.batch(ops, { cluster: PROD, webUrl: ATTACKER_URL, relay: 'prod-relay/1.0.0' });
  const mine = staging.secret;
  return [
    {
      how: 'v2 as prod with staging’s secret',
      post: front.sign(body, { secret: mine, cluster: PROD }),
      error: 'bad_signature',
    },
    {
      how: 'v2 as prod with the sheet-wide secret',
      post: front.sign(body, { secret: SECRET, cluster: PROD }),
      error: 'bad_signature',
    },
    { how: 'v1 with the sheet-wide secret', post: front.sign(body, { secret: SECRET }), error: 'bad_signature' },
    { how: 'v1 with staging’s secret', post: front.sign(body, { secret: mine }), error: 'bad_signature' },
    {
      how: 'v2 as staging, the body naming prod',
      post: front.sign(body, { secret: mine, cluster: STAGING }),
      error: 'bad_request',
    },
  ];
}

function expiredEvents(): unknown[][] {
  const history = front.sheet.rt.spreadsheet.getSheetByName('History')!;
  return history.values().filter((row) => row[HISTORY_COL.event - 1] === 'expired');
}

describe('the staging relay, writing as prod', () => {
  it.each([
    ['expiring every prod request and forging an approval', LOUD],
    ['deleting a request that does not exist, with its own webUrl', QUIET],
  ])('is refused before the sheet is touched: %s', async (_what, ops) => {
    const before = front.sheet.rt.snapshot();
    const properties = front.sheet.rt.properties.all();
    for (const { how, post, error } of attempts(ops)) {
      front.sheet.advance(1000);
      expect(await front.send(post), how).toMatchObject({ ok: false, error });
    }
    expect(front.sheet.rt.snapshot()).toEqual(before);
    expect(front.sheet.rt.properties.all()).toEqual(properties);
    for (const r of pending) expect(front.shown(PROD, r.id)).toEqual(['PENDING', `${PROD_URL}/web/requests/${r.id}`]);
    expect(expiredEvents()).toEqual([]);
  });

  it('never moves prod’s links, after a Reformat and after prod re-sends everything', async () => {
    for (const { post } of [...attempts(LOUD), ...attempts(QUIET)]) {
      front.sheet.advance(1000);
      await front.send(post);
    }
    // Staging's own batch may carry any webUrl: staging's links still start at its enrolled address.
    await staging.deliver([{ op: 'delete', id: '00000000-0000-4000-8000-fffffffffffe' }], { webUrl: ATTACKER_URL });
    front.sheet.menu('reformatSheet');
    const expected = pending.map((r) => `${PROD_URL}/web/requests/${r.id}`);
    expect(front.links(PROD).sort()).toEqual(expected.sort());
    await prod.deliver([
      ...pending.map((request): Op => ({ op: 'upsert', request })),
      { op: 'sync', ids: pending.map((r) => r.id) },
    ]);
    front.sheet.menu('reformatSheet');
    expect(front.links(PROD).sort()).toEqual(expected.sort());
    expect(front.links(STAGING).every((link) => link?.startsWith(`${STAGING_URL}/web/requests/`))).toBe(true);
    expect(
      front.sheet
        .tab()!
        .values()
        .some((row) => row.includes('mallory')),
    ).toBe(false);
  });

  it('takes its links from the enrolled address whatever webUrl prod’s own relay sends', async () => {
    const [request] = await prod.requests(1);
    await prod.deliver([{ op: 'upsert', request: { ...request!, reason: 'changed' } }], { webUrl: ATTACKER_URL });
    expect(front.shown(PROD, request!.id)).toEqual(['PENDING', `${PROD_URL}/web/requests/${request!.id}`]);
    front.sheet.menu('reformatSheet');
    expect(front.links(PROD).every((link) => link?.startsWith(`${PROD_URL}/web/requests/`))).toBe(true);
  });
});
