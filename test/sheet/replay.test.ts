// Replay attacks on the real bundle behind Google's 302 front: a captured POST sent again while its
// ts is still acceptable must be refused whatever the script cache has evicted or lost, and two
// copies of one POST running at once must never both be applied.
import { afterEach, describe, expect, it } from 'vitest';
import { encodeAsciiJson, type Batch, type Reply } from '../../proto/contract.js';
import { startWebApp, type WebApp } from '../gas/web-front.js';
import { doEvent } from '../gas/web-event.js';
import { makeBatch, makeRequest, signParams, upsert } from './fixtures.js';
import { Sheet } from './harness.js';
import { bundleForThisFile } from './file-bundle.js';
import { COL } from '../../appsscript/src/ledger/layout.js';

const bundle = bundleForThisFile();
let app: WebApp | null = null;
afterEach(async () => {
  await app?.close();
  app = null;
});

/** A POST as the relay makes it, kept so that it can be sent again byte for byte. */
interface Captured {
  body: string;
  query: string;
}

function sign(sheet: Sheet, batch: Batch): Captured {
  const body = encodeAsciiJson(batch);
  return { body, query: new URLSearchParams(signParams(body, sheet.nowSeconds)).toString() };
}

async function send(web: WebApp, post: Captured): Promise<Reply> {
  const res = await fetch(`${web.url}?${post.query}`, {
    method: 'POST',
    body: post.body,
    headers: { 'content-type': 'application/json' },
  });
  return (await res.json()) as Reply;
}

const heartbeat = () => makeBatch([{ op: 'heartbeat', at: '2025-11-23T12:13:20.000Z', stats: { queued: 0 } }]);

function statusOf(sheet: Sheet, id: string): unknown {
  const tab = sheet.tab()!;
  for (let row = 2; row <= tab.getLastRow(); row++) {
    if (tab.cell(row, COL.id).value === id) return tab.cell(row, COL.status).value;
  }
  return undefined;
}

/** A sheet holding one PENDING request that arrived after an empty `sync` was captured. */
async function capturedSync(): Promise<{ sheet: Sheet; web: WebApp; sync: Captured; id: string }> {
  const sheet = await Sheet.open(bundle.dir);
  const web = (app = await startWebApp(sheet.rt));
  const sync = sign(sheet, makeBatch([{ op: 'sync', ids: [] }]));
  expect(await send(web, sync)).toMatchObject({ ok: true });
  sheet.advance(1000);
  const request = makeRequest();
  expect(await send(web, sign(sheet, makeBatch([upsert(request)])))).toMatchObject({ ok: true, applied: 1 });
  return { sheet, web, sync, id: request.id };
}

describe('a captured POST sent again inside its ±300 s', () => {
  it('is refused after the relay has sent a thousand heartbeats, and expires no newer request', async () => {
    const { sheet, web, sync, id } = await capturedSync();
    for (let i = 0; i < 1000; i++) {
      sheet.advance(250);
      expect(sheet.post(heartbeat())).toMatchObject({ ok: true });
      // Lets the sockets' timers run, so an idle keep-alive connection is closed cleanly.
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(sheet.nowSeconds - Number(new URLSearchParams(sync.query).get('ts'))).toBeLessThan(300);
    expect(await send(web, sync)).toMatchObject({ ok: false, error: 'replayed' });
    expect(statusOf(sheet, id)).toBe('PENDING');
  });

  it('is refused after the script cache lost everything, and fresh POSTs are accepted again later', async () => {
    const { sheet, web, sync, id } = await capturedSync();
    sheet.rt.cache.clear();
    const reply = await send(web, sync);
    expect(reply).toMatchObject({ ok: false });
    expect(['replayed', 'busy']).toContain((reply as { error: string }).error);
    expect(statusOf(sheet, id)).toBe('PENDING');
    sheet.advance(7 * 60_000);
    expect(await send(web, sign(sheet, heartbeat()))).toMatchObject({ ok: true });
    expect(await send(web, sync)).toMatchObject({ ok: false, error: 'clock_skew' });
  });

  it('is refused when only the part of the record it needs was evicted', async () => {
    const { sheet, web, sync, id } = await capturedSync();
    const before = new Set(sheet.rt.cache.keys());
    for (const key of before) {
      if (!key.includes('nonce')) continue;
      sheet.rt.cache.remove(key);
      const reply = await send(web, sync);
      expect(reply).toMatchObject({ ok: false });
      expect(['replayed', 'busy']).toContain((reply as { error: string }).error);
    }
    expect(statusOf(sheet, id)).toBe('PENDING');
  });
});

describe('two copies of one POST at once', () => {
  it('are never both applied, whatever point one reaches when the other runs', async () => {
    const sheet = await Sheet.open(bundle.dir);
    const web = (app = await startWebApp(sheet.rt));
    let points = 0;
    for (let at = 1; ; at++) {
      sheet.advance(1000);
      const post = sign(sheet, makeBatch([upsert(makeRequest())]));
      const inner: { reply?: Reply } = {};
      sheet.rt.interleave(
        (call) => call.n === at,
        () => {
          inner.reply = sheet.postEvent(doEvent(post.query, Buffer.from(post.body), 'application/json')).reply;
        },
      );
      const outer = await send(web, post);
      if (!inner.reply) break;
      const replies = [outer, inner.reply];
      expect(
        replies.filter((r) => r.ok),
        `interleaved before call ${at}`,
      ).toHaveLength(1);
      const refused = replies.find((r) => !r.ok) as { error: string };
      expect(['replayed', 'busy']).toContain(refused.error);
      points++;
    }
    expect(points).toBeGreaterThan(10);
    // One row per pair, and one for the last POST, which ran alone.
    expect(sheet.tab()!.getLastRow()).toBe(points + 2);
  });
});
