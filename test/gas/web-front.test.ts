import { request } from 'node:http';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { loadBundle, removeBundles } from './bundle-fixture.js';
import { startWebApp, type Fault, type WebApp, type WebAppHandler } from './web-front.js';

const apps: WebApp[] = [];
afterEach(async () => {
  for (const app of apps.splice(0)) await app.close();
});
afterAll(removeBundles);

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function raw(url: string, method: string, body?: string, contentType = 'application/json'): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers: body === undefined ? {} : { 'content-type': contentType } }, (res) => {
      let text = '';
      res
        .setEncoding('utf8')
        .on('data', (c: string) => (text += c))
        .on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function start(target: Parameters<typeof startWebApp>[0], faults?: (n: number) => Fault | null): Promise<WebApp> {
  const app = await startWebApp(target, {
    deploymentId: 'AKfycbTest',
    faults: faults ? ({ method, n }) => (method === 'POST' ? faults(n) : null) : null,
  });
  apps.push(app);
  return app;
}

const BUNDLE = `function doPost(e) {
    if (e.parameter.fail) throw new Error('boom <b>');
    if (e.parameter.nothing) return 42;
    var echo = { body: e.postData.contents, type: e.postData.type, p: e.parameter, ps: e.parameters,
      q: e.queryString, len: e.contentLength, keys: Object.keys(e).sort() };
    return ContentService.createTextOutput(JSON.stringify(echo)).setMimeType(ContentService.MimeType.JSON);
  }
  function doGet(e) { return ContentService.createTextOutput('hello ' + e.parameter.who); }`;

describe('the web app front over a runtime', () => {
  it('answers a POST with 302 to an echo URL whose GET returns the output; fetch follows it', async () => {
    const app = await start(await loadBundle(BUNDLE));
    expect(app.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/macros\/s\/AKfycbTest\/exec$/);
    const first = await raw(`${app.url}?ts=1&sig=a&sig=b`, 'POST', '{"v":1}');
    expect(first.status).toBe(302);
    const location = String(first.headers.location);
    expect(location).toMatch(/\/macros\/echo\?user_content_key=[\w-]+$/);
    const reply = await raw(location, 'GET');
    expect(reply.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(JSON.parse(reply.body)).toEqual({
      body: '{"v":1}',
      type: 'application/json',
      p: { ts: '1', sig: 'a' },
      ps: { ts: ['1'], sig: ['a', 'b'] },
      q: 'ts=1&sig=a&sig=b',
      len: 7,
      keys: ['contentLength', 'contextPath', 'parameter', 'parameters', 'postData', 'queryString'],
    });
    expect((await raw(location, 'POST', '{}')).status).toBe(405);
    const followed = await fetch(app.url, {
      method: 'POST',
      body: '{"v":2}',
      headers: { 'content-type': 'application/json' },
    });
    expect(JSON.parse(await followed.text()).body).toBe('{"v":2}');
    expect(app.posts).toBe(2);
  });

  it('fills e.parameter from a form-encoded body but not from JSON', async () => {
    const app = await start(await loadBundle(BUNDLE));
    const res = await fetch(app.url, {
      method: 'POST',
      body: 'a=1&b=2',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(JSON.parse(await res.text()).p).toEqual({ a: '1', b: '2' });
  });

  it('runs doGet on GET /exec, 403s a HEAD and asks to sign in for a path after /exec', async () => {
    const app = await start(await loadBundle(BUNDLE));
    expect(await (await fetch(`${app.url}?who=you`)).text()).toBe('hello you');
    expect((await raw(app.url, 'HEAD')).status).toBe(403);
    const signIn = await raw(`${app.url}/extra`, 'POST', '{}');
    expect(signIn.status).toBe(200);
    expect(signIn.body).toContain('<title>Sign in - Google Accounts</title>');
  });

  it("turns an uncaught exception into a 200 HTML page titled Error, and no output into Google's notice", async () => {
    const app = await start(await loadBundle(BUNDLE));
    const error = await raw(`${app.url}?fail=1`, 'POST', '{}');
    expect([error.status, error.headers['content-type']]).toEqual([200, 'text/html; charset=utf-8']);
    expect(error.body).toContain('<title>Error</title>');
    expect(error.body).toContain('boom &lt;b&gt;');
    const nothing = await raw(`${app.url}?nothing=1`, 'POST', '{}');
    expect([nothing.status, nothing.body.includes('The script completed but did not return anything.')]).toEqual([
      200,
      true,
    ]);
  });

  it("answers Google's notice when the script is killed at its time limit", async () => {
    const app = await start(await loadBundle('function doPost() { for (;;) {} }', { executionTimeoutMs: 50 }));
    const page = await raw(app.url, 'POST', '{}');
    expect([page.status, page.body.includes('The script completed but did not return anything.')]).toEqual([200, true]);
  });
});

describe('faults', () => {
  function counting(): { handler: WebAppHandler; runs: () => number } {
    let runs = 0;
    return { handler: () => ({ content: `{"run":${++runs}}`, mimeType: 'application/json' }), runs: () => runs };
  }

  it('serves an HTML error page without running the script', async () => {
    const c = counting();
    const app = await start(c.handler, (n) => (n === 1 ? { kind: 'html_error' } : null));
    const page = await raw(app.url, 'POST', '{}');
    expect([page.status, page.body.includes('<title>Error</title>'), c.runs()]).toEqual([200, true, 0]);
    expect(await (await fetch(app.url, { method: 'POST', body: '{}' })).text()).toBe('{"run":1}');
  });

  it('answers a gateway status without running the script', async () => {
    const c = counting();
    const app = await start(c.handler, () => ({ kind: 'status', status: 502 }));
    const page = await raw(app.url, 'POST', '{}');
    expect([page.status, page.headers['content-type'], c.runs()]).toEqual([502, 'text/html; charset=utf-8', 0]);
  });

  it('resets the connection before running the script', async () => {
    const c = counting();
    const app = await start(c.handler, () => ({ kind: 'reset' }));
    await expect(raw(app.url, 'POST', '{}')).rejects.toMatchObject({ code: 'ECONNRESET' });
    expect(c.runs()).toBe(0);
  });

  it('runs the script and then loses the reply', async () => {
    const c = counting();
    const app = await start(c.handler, () => ({ kind: 'lost_reply' }));
    await expect(raw(app.url, 'POST', '{}')).rejects.toMatchObject({ code: 'ECONNRESET' });
    expect(c.runs()).toBe(1);
  });

  it('never answers a request caught by a timeout fault, until closed', async () => {
    const c = counting();
    let arrived!: () => void;
    const seen = new Promise<void>((resolve) => (arrived = resolve));
    const app = await startWebApp(c.handler, {
      faults: () => {
        arrived();
        return { kind: 'timeout' };
      },
    });
    const pending = raw(app.url, 'POST', '{}');
    await seen;
    await app.close();
    await expect(pending).rejects.toBeInstanceOf(Error);
    expect(c.runs()).toBe(0);
  });

  it('can change or drop the fault plan while running', async () => {
    const c = counting();
    const app = await start(c.handler, () => ({ kind: 'status', status: 503 }));
    expect((await raw(app.url, 'POST', '{}')).status).toBe(503);
    app.setFaults(null);
    expect((await raw(app.url, 'POST', '{}')).status).toBe(302);
    expect(app.posts).toBe(2);
  });
});
