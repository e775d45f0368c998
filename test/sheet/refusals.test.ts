// Contract §2 on the real bundle: the vector is accepted through the runtime's Utilities, and every
// refusal leaves the spreadsheet byte-for-byte unchanged and echoes nothing.
import { describe, expect, it } from 'vitest';
import { encodeAsciiJson } from '../../proto/contract.js';
import {
  makeBatch,
  makeBatchV2,
  makeRequest,
  postEvent,
  signedEvent,
  signParams,
  upsert,
  usageOp,
} from './fixtures.js';
import { okReply } from './ok-reply.js';
import { Sheet } from './harness.js';
import { bundleForThisFile } from './file-bundle.js';
import { VECTOR } from '../contract-vector.js';

const bundle = bundleForThisFile();

const MARK = 'SECRET-MARKER-user';

/** A sheet holding one row, ready to show that a refused POST changes nothing. */
async function seeded(): Promise<Sheet> {
  const sheet = await Sheet.open(bundle.dir);
  expect(sheet.post(makeBatch([upsert(makeRequest())]))).toMatchObject({ ok: true });
  return sheet;
}

function expectRefused(sheet: Sheet, event: unknown, error: string): void {
  const before = sheet.rt.snapshot();
  const { reply, mimeType } = sheet.postEvent(event);
  expect(reply).toMatchObject({ ok: false, error });
  expect(mimeType).toMatch(/json/i);
  expect(JSON.stringify(reply)).not.toContain(MARK);
  expect(sheet.rt.snapshot()).toEqual(before);
}

const body = () => encodeAsciiJson(makeBatch([upsert(makeRequest({ user: MARK }))]));

describe('the contract test vector', () => {
  it('is accepted by the bundle through Utilities.computeHmacSha256Signature', async () => {
    const sheet = await Sheet.open(bundle.dir);
    sheet.nowMs = Number(VECTOR.ts) * 1000;
    const event = postEvent(VECTOR.body, { ts: VECTOR.ts, nonce: VECTOR.nonce, sig: VECTOR.sig });
    expect(sheet.postEvent(event).reply).toEqual({ ok: true, applied: 1, stale: 0, resync: false, accepts: 2 });
  });
});

describe('refusals change nothing', () => {
  it('forged signature', async () => {
    const sheet = await seeded();
    const b = body();
    expectRefused(sheet, postEvent(b, { ...signParams(b, sheet.nowSeconds), sig: 'a'.repeat(64) }), 'bad_signature');
  });

  it('body altered after signing', async () => {
    const sheet = await seeded();
    const b = body();
    expectRefused(
      sheet,
      postEvent(b.replace(MARK, 'SECRET-MARKER-usex'), signParams(b, sheet.nowSeconds)),
      'bad_signature',
    );
  });

  it('wrong secret', async () => {
    const sheet = await seeded();
    expectRefused(sheet, signedEvent(body(), sheet.nowSeconds, { secret: 'f'.repeat(64) }), 'bad_signature');
  });

  it('no secret set up yet', async () => {
    const sheet = await Sheet.open(bundle.dir, { secret: null });
    expectRefused(sheet, signedEvent(body(), sheet.nowSeconds), 'bad_signature');
  });

  it('the previous secret after its 24 h of grace (and not before)', async () => {
    const sheet = await seeded();
    sheet.menu('rotateSecret');
    expect(sheet.post(makeBatch([]))).toMatchObject({ ok: true });
    sheet.advance(24 * 3600 * 1000 + 1000);
    expectRefused(sheet, signedEvent(body(), sheet.nowSeconds), 'bad_signature');
  });

  it('old and future ts', async () => {
    const sheet = await seeded();
    expectRefused(sheet, signedEvent(body(), sheet.nowSeconds, { ts: sheet.nowSeconds - 301 }), 'clock_skew');
    expectRefused(sheet, signedEvent(body(), sheet.nowSeconds, { ts: sheet.nowSeconds + 301 }), 'clock_skew');
  });

  it('replayed nonce', async () => {
    const sheet = await seeded();
    const event = signedEvent(body(), sheet.nowSeconds);
    expect(sheet.postEvent(event).reply).toMatchObject({ ok: true });
    expectRefused(sheet, event, 'replayed');
  });

  it('oversized body', async () => {
    const sheet = await seeded();
    const big = encodeAsciiJson(makeBatch([upsert(makeRequest({ reason: 'x'.repeat(1024 * 1024) }))]));
    expectRefused(sheet, signedEvent(big, sheet.nowSeconds), 'bad_request');
  });

  it.each([
    ['malformed JSON', '{"v":1,"ops":['],
    ['wrong v', JSON.stringify({ ...makeBatch([]), v: 3 })],
    ['a usage op in a version 1 body', JSON.stringify(makeBatch([usageOp('x') as never]))],
    ['a bad usage op', JSON.stringify(makeBatchV2([usageOp('x', { sessions: -1 })]))],
    ['unknown op', JSON.stringify(makeBatch([{ op: 'approve', id: 'x' } as never]))],
    ['missing fields', JSON.stringify(makeBatch([{ op: 'upsert', request: { id: 'x', user: MARK } } as never]))],
    [
      'a valid op followed by a bad one',
      JSON.stringify(makeBatch([upsert(makeRequest({ user: MARK })), { op: 'delete' } as never])),
    ],
  ])('%s', async (_name, text) => {
    const sheet = await seeded();
    expectRefused(sheet, signedEvent(text, sheet.nowSeconds), 'bad_request');
  });

  it('missing or malformed parameters, and no event at all', async () => {
    const sheet = await seeded();
    const b = body();
    const params = signParams(b, sheet.nowSeconds);
    expectRefused(sheet, postEvent(b, { ts: params.ts!, nonce: params.nonce! }), 'bad_request');
    expectRefused(sheet, postEvent(b, { ...params, nonce: 'bad nonce!' }), 'bad_request');
    expectRefused(sheet, postEvent(b, { ...params, ts: '12.5' }), 'bad_request');
    expectRefused(sheet, postEvent('', params), 'bad_request');
    expectRefused(sheet, undefined, 'bad_request');
  });
});

describe('busy and internal', () => {
  it('answers busy while another execution holds the script lock, and writes nothing', async () => {
    const sheet = await seeded();
    const release = sheet.rt.lock.holdExternally();
    expectRefused(sheet, signedEvent(body(), sheet.nowSeconds), 'busy');
    release();
    expect(sheet.post(body())).toMatchObject({ ok: true, applied: 1 });
  });

  it('turns an exception inside into internal JSON, never an HTML page', async () => {
    const sheet = await seeded();
    sheet.rt.properties.setProperty('teleport.spreadsheetId', 'no-such-spreadsheet');
    sheet.rt.cache.remove('teleport.spreadsheetId');
    expectRefused(sheet, signedEvent(body(), sheet.nowSeconds), 'internal');
    expect(sheet.postEvent(signedEvent(body(), sheet.nowSeconds)).reply).toEqual({
      ok: false,
      error: 'internal',
      message: 'internal error',
    });
  });
});

describe('Properties quota', () => {
  it('reads secret and settings from caches on every POST, Properties only after eviction', async () => {
    const sheet = await seeded();
    sheet.post(body());
    const owner = sheet.rt.userProperties;
    const before = () => [sheet.rt.properties.reads, sheet.rt.properties.writes, owner.reads, owner.writes];
    const counts = before();
    for (let i = 0; i < 5; i++) {
      sheet.advance(1000);
      expect(sheet.post(body())).toMatchObject({ ok: true });
    }
    expect(before()).toEqual(counts);
    for (const key of sheet.rt.cache.keys()) if (!key.startsWith('teleport.nonces')) sheet.rt.cache.remove(key);
    sheet.rt.userCacheOf('owner@example.com').clear();
    expect(sheet.post(body())).toMatchObject({ ok: true });
    expect(sheet.rt.properties.reads).toBeGreaterThan(counts[0]!);
    expect(owner.reads).toBeGreaterThan(counts[2]!);
  });

  it('still applies and acknowledges a batch when Properties refuse the contact bookkeeping', async () => {
    const sheet = await seeded();
    sheet.menu('refreshFromTeleport');
    for (let i = 0; i < 60; i++) sheet.rt.properties.set(`filler.${i}`, 'x'.repeat(9000));
    const reply = sheet.post(makeBatch([upsert(makeRequest()), { op: 'heartbeat', at: '2025-11-23T12:13:20.000Z' }]));
    expect(reply).toEqual(okReply(2, { resync: true }));
    expect(sheet.tab()!.cell(3, 1).kind).toBe('text');
    expect(sheet.post(makeBatch([]))).toEqual(okReply(0));
  });
});
