// The handlers' orchestration on a plain in-memory platform: what a POST or a menu item does to the
// spreadsheet, Properties and cache, without the local runtime or the built bundle.
import { beforeEach, describe, expect, it } from 'vitest';
import type { Batch } from '../../proto/contract.js';
import { refreshFromTeleport, reformatSheet } from '../../appsscript/src/menu/menu.js';
import { setUpSecret } from '../../appsscript/src/menu/secret-menu.js';
import { handle, type PostEvent } from '../../appsscript/src/door/webapp.js';
import { CLUSTER, makeBatch, makeRequest, signedEvent, upsert, WEB_URL } from './fixtures.js';
import { okReply } from './ok-reply.js';
import { MemoryPlatform } from './memory-platform.js';
import { COL, HEADERS } from '../../appsscript/src/ledger/layout.js';

const TAB = 'Access Requests';
const START_MS = Date.parse('2025-11-23T12:13:20.000Z');
let platform: MemoryPlatform;
let secret: string;

beforeEach(() => {
  platform = new MemoryPlatform(START_MS);
  setUpSecret(platform);
  secret = String(platform.screen.dialogs.at(-1)?.data.secret);
  platform.book.log.length = 0;
});

function post(batch: Batch | string, o: { secret?: string } = {}) {
  const event = signedEvent(batch, Math.floor(platform.nowMs / 1000), { secret: o.secret ?? secret }) as PostEvent;
  return handle(event, platform);
}

const tab = () => platform.book.tabs.get(TAB)!;

describe('a signed batch', () => {
  it('is applied in one block under the lock, flushed, and a redelivery writes nothing', () => {
    const a = makeRequest({ user: '=1+1' });
    const b = makeRequest();
    expect(post(makeBatch([upsert(a), upsert(b)]))).toEqual(okReply(2));
    expect(tab().cell(1, COL.version).value).toBe(HEADERS[COL.version - 1]);
    expect(tab().cell(2, COL.id).value).toBe(a.id);
    expect(tab().cell(2, COL.user).value).toBe('=1+1');
    expect(tab().cell(3, COL.cluster).value).toBe(CLUSTER);
    expect(tab().cell(3, COL.link)).toEqual({ value: 'View in Teleport', link: `${WEB_URL}/web/requests/${b.id}` });
    // The new tab's header, the new History tab's header, the History events, then the rows. The
    // Dashboard is not refreshed inside a POST: the POST makes its timer (tabs/dashboard-timer.ts).
    expect(platform.book.log.filter((c) => c === 'Cells.setValues')).toHaveLength(4);
    expect(platform.book.tabs.has('Dashboard')).toBe(false);
    expect(platform.timerHandlers).toEqual(['refreshDashboardOnTimer']);
    expect(platform.book.tabs.get('History')?.cell(3, 9).value).toBe(`${CLUSTER}/${b.id}/requested`);
    expect(platform.book.log.at(-1)).toBe('Workbook.flush');

    platform.book.log.length = 0;
    platform.nowMs += 1000;
    expect(post(makeBatch([upsert(a), upsert(b)]))).toEqual(okReply(2));
    // The rows it would leave alone are read once, to check they still show what their seals say.
    expect(platform.book.log).toEqual(['Tab.range', 'Cells.values', 'Tab.range', 'Cells.values', 'Workbook.flush']);
  });

  it('answers busy and touches nothing while the lock is held', () => {
    platform.lockHeld = true;
    expect(post(makeBatch([upsert(makeRequest())]))).toMatchObject({ ok: false, error: 'busy' });
    expect(platform.book.log).toEqual([]);
  });

  it('turns a failure inside into internal', () => {
    platform.scriptProperties.set('teleport.spreadsheetId', 'deleted-spreadsheet');
    platform.scriptCache.map.delete('teleport.spreadsheetId');
    expect(post(makeBatch([upsert(makeRequest())]))).toMatchObject({ ok: false, error: 'internal' });
    expect(platform.book.tabs.size).toBe(0);
  });
});

describe('a refused POST', () => {
  it('touches no spreadsheet and records neither nonce nor contact', () => {
    const writes = platform.scriptProperties.writes;
    const batch = makeBatch([upsert(makeRequest())]);
    expect(post(batch, { secret: 'f'.repeat(64) })).toMatchObject({ ok: false, error: 'bad_signature' });
    platform.nowMs += 301_000;
    const late = signedEvent(batch, Math.floor(START_MS / 1000), { secret }) as PostEvent;
    expect(handle(late, platform)).toMatchObject({ ok: false, error: 'clock_skew' });
    expect(handle(undefined, platform)).toMatchObject({ ok: false, error: 'bad_request' });
    expect(platform.book.log).toEqual([]);
    expect(platform.book.tabs.size).toBe(0);
    expect(platform.scriptProperties.writes).toBe(writes);
    expect([...platform.scriptCache.map.keys()]).toEqual([]);
  });

  it('with a bad body after a good signature burns its nonce under the lock and writes nothing', () => {
    const event = signedEvent('{"v":1,', Math.floor(platform.nowMs / 1000), { secret }) as PostEvent;
    platform.lockHeld = true;
    expect(handle(event, platform)).toMatchObject({ ok: false, error: 'busy' });
    platform.lockHeld = false;
    expect(handle(event, platform)).toMatchObject({ ok: false, error: 'bad_request' });
    expect(handle(event, platform)).toMatchObject({ ok: false, error: 'replayed' });
    expect(platform.book.log).toEqual([]);
  });
});

describe('Refresh from Teleport', () => {
  it('sets the resync flag that the next ok reply of a relay already heard from carries once', () => {
    refreshFromTeleport(platform);
    expect(platform.screen.toasts.at(-1)?.message).toMatch(/No relay has contacted this sheet/);
    expect(post(makeBatch([]))).toMatchObject({ ok: true, resync: false });
    platform.nowMs += 1000;
    refreshFromTeleport(platform);
    expect(post('{"bad json')).toMatchObject({ ok: false });
    expect(post(makeBatch([]))).toMatchObject({ ok: true, resync: true });
    expect(post(makeBatch([]))).toMatchObject({ ok: true, resync: false });
    platform.nowMs += 30_000;
    refreshFromTeleport(platform);
    expect(platform.screen.toasts.at(-1)?.message).toMatch(/relay-a\/1.0.0\) was last heard from 30 s ago/);
    platform.scriptCache.map.delete('teleport.relays');
    platform.scriptCache.map.delete('teleport.refreshAt');
    expect(post(makeBatch([]))).toMatchObject({ ok: true, resync: true });
  });
});

describe('Reformat', () => {
  it('is idempotent and sorts newest first with links rebuilt', () => {
    const reqs = [1, 2, 3].map((d) => makeRequest({ created: `2025-11-2${d}T10:00:00.000Z` }));
    expect(post(makeBatch(reqs.map(upsert)))).toMatchObject({ ok: true, applied: 3 });
    tab().cell(3, COL.link).link = null;
    reformatSheet(platform);
    const once = tab().snapshot();
    reformatSheet(platform);
    expect(tab().snapshot()).toEqual(once);
    expect([2, 3, 4].map((r) => tab().cell(r, COL.id).value)).toEqual(reqs.map((r) => r.id).reverse());
    expect(tab().cell(3, COL.link).link).toBe(`${WEB_URL}/web/requests/${reqs[1]!.id}`);
    expect(tab().rules).toHaveLength(6);
    expect(tab().protections).toEqual([{ warningOnly: true, description: expect.stringMatching(/Teleport/) }]);
    expect(tab().hidden).toEqual(new Set([COL.version]));
    expect(platform.screen.alerts).toEqual([]);
  });

  it('alerts and changes nothing while the lock is held', () => {
    expect(post(makeBatch([upsert(makeRequest())]))).toMatchObject({ ok: true });
    const before = tab().snapshot();
    platform.lockHeld = true;
    reformatSheet(platform);
    expect(tab().snapshot()).toEqual(before);
    expect(platform.screen.alerts.at(-1)?.message).toMatch(/busy/);
  });
});
