// The real bundle behind Google's web app HTTP flow on a real socket: POST /exec runs doPost,
// answers 302, and the reply is read with a GET, as the relay's fetch does it.
import { afterEach, describe, expect, it } from 'vitest';
import { encodeAsciiJson } from '../../proto/contract.js';
import { startWebApp, type WebApp } from '../gas/web-front.js';
import { makeBatch, makeRequest, signParams, upsert } from './fixtures.js';
import { okReply } from './ok-reply.js';
import { Sheet } from './harness.js';
import { bundleForThisFile } from './file-bundle.js';
import { COL } from '../../appsscript/src/ledger/layout.js';

const bundle = bundleForThisFile();
let app: WebApp | null = null;
afterEach(async () => {
  await app?.close();
  app = null;
});

async function post(url: string, body: string, params: Record<string, string>): Promise<Response> {
  return fetch(`${url}?${new URLSearchParams(params)}`, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json' },
  });
}

describe('web app over HTTP', () => {
  it('applies a signed batch and answers JSON after the 302', async () => {
    const sheet = await Sheet.open(bundle.dir);
    app = await startWebApp(sheet.rt);
    const req = makeRequest({ user: "=cmd|' /C calc'!A0" });
    const body = encodeAsciiJson(makeBatch([upsert(req)]));
    const res = await post(app.url, body, signParams(body, sheet.nowSeconds));
    expect(res.redirected).toBe(true);
    expect(res.headers.get('content-type')).toMatch(/json/);
    expect(await res.json()).toEqual(okReply(1));
    expect(sheet.tab()!.cell(2, COL.user)).toMatchObject({ kind: 'text', value: req.user });
  });

  it('refuses a forged request with JSON, not an HTML page, and writes nothing', async () => {
    const sheet = await Sheet.open(bundle.dir);
    app = await startWebApp(sheet.rt);
    const before = sheet.rt.snapshot();
    const body = encodeAsciiJson(makeBatch([upsert(makeRequest())]));
    const res = await post(app.url, body, { ...signParams(body, sheet.nowSeconds), sig: 'b'.repeat(64) });
    expect(await res.json()).toMatchObject({ ok: false, error: 'bad_signature' });
    expect(sheet.rt.snapshot()).toEqual(before);
  });

  it('answers an internal failure as JSON too', async () => {
    const sheet = await Sheet.open(bundle.dir);
    sheet.rt.properties.setProperty('teleport.spreadsheetId', 'gone');
    app = await startWebApp(sheet.rt);
    const body = encodeAsciiJson(makeBatch([upsert(makeRequest())]));
    const res = await post(app.url, body, signParams(body, sheet.nowSeconds));
    expect(res.headers.get('content-type')).toMatch(/json/);
    expect(await res.json()).toEqual({ ok: false, error: 'internal', message: 'internal error' });
  });

  it('answers GET /exec with the status JSON', async () => {
    const sheet = await Sheet.open(bundle.dir);
    app = await startWebApp(sheet.rt);
    const res = await fetch(app.url);
    expect(await res.json()).toEqual({ ok: true, service: 'teleport-sheets', contract: 1 });
  });
});
