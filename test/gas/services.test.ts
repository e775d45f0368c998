import { createHmac } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { loadBundle, removeBundles } from './bundle-fixture.js';

afterAll(removeBundles);

const unsigned = (bytes: number[]) => Buffer.from(bytes.map((b) => b & 0xff)).toString('hex');

describe('LockService', () => {
  const code = `function grab() { var l = LockService.getScriptLock(); return [l.tryLock(1000), l.hasLock()]; }
    function wait() {
      try { LockService.getScriptLock().waitLock(30000); return 'locked'; } catch (e) { return e.message; } }
    function doc() { return LockService.getDocumentLock() === null; }`;

  it('fails at once while another execution holds the script lock, and releases when an execution ends', async () => {
    const rt = await loadBundle(code);
    expect(rt.invoke('grab', 'webapp')).toEqual([true, true]);
    expect(rt.invoke('grab', 'webapp')).toEqual([true, true]);
    const release = rt.lock.holdExternally();
    expect(rt.invoke('grab', 'webapp')).toEqual([false, false]);
    expect(rt.invoke('wait', 'webapp')).toBe('Lock timeout: another process was holding the lock for too long.');
    release();
    expect(rt.invoke('wait', 'webapp')).toBe('locked');
  });

  it('has no document lock in a web app', async () => {
    const rt = await loadBundle(code);
    expect(rt.invoke('doc', 'webapp')).toBe(true);
    expect(rt.invoke('doc', 'menu')).toBe(false);
  });
});

describe('CacheService', () => {
  it('expires entries on the runtime clock and, past 1000 entries, keeps the 900 farthest from expiry', async () => {
    let now = 1_700_000_000_000;
    const rt = await loadBundle(
      `function put(k, v, s) { CacheService.getScriptCache().put(k, v, s); }
      function get(k) { return CacheService.getScriptCache().get(k); }
      function many() { var c = CacheService.getScriptCache();
        for (var i = 0; i < 1001; i++) c.put('k' + i, 'v'); return [c.get('k0'), c.get('k1000')]; }
      function flood(n, s) { var c = CacheService.getScriptCache();
        for (var i = 0; i < n; i++) c.put('f' + i, 'v', s); }
      function doc() { return CacheService.getDocumentCache(); }`,
      { clock: () => now },
    );
    rt.invoke('put', 'webapp', 'a', '1');
    rt.invoke('put', 'webapp', 'b', '2', 21600);
    now += 599_000;
    expect(rt.invoke('get', 'webapp', 'a')).toBe('1');
    now += 1_000;
    expect(rt.invoke('get', 'webapp', 'a')).toBeNull();
    expect(rt.invoke('get', 'webapp', 'b')).toBe('2');
    expect(rt.invoke('many', 'webapp')).toEqual([null, 'v']);
    expect(rt.cache.size()).toBe(901);
    // Written first, but farthest from expiry: a flood with a nearer expiry evicts itself, not it.
    rt.invoke('flood', 'webapp', 200, 60);
    expect(rt.cache.size()).toBe(1000);
    expect(rt.invoke('get', 'webapp', 'b')).toBe('2');
    expect(rt.invoke('get', 'webapp', 'f0')).toBeNull();
    expect(rt.invoke('doc', 'webapp')).toBeNull();
    rt.cache.clear();
    expect(rt.invoke('get', 'webapp', 'b')).toBeNull();
  });

  it('refuses keys over 250 characters, values over 100 KB and expiries over 6 hours', async () => {
    const rt = await loadBundle(
      `function put(k, v, s) {
        try { CacheService.getScriptCache().put(k, v, s); return 'ok'; } catch (e) { return e.message; } }`,
    );
    expect(rt.invoke('put', 'webapp', 'k'.repeat(250), 'v')).toBe('ok');
    expect(rt.invoke('put', 'webapp', 'k'.repeat(251), 'v')).toBe('Argument too large: key');
    expect(rt.invoke('put', 'webapp', 'k', 'v'.repeat(100 * 1024 + 1))).toBe('Argument too large: value');
    expect(rt.invoke('put', 'webapp', 'k', 'v', 21601)).toMatch(/expirationInSeconds/);
  });
});

describe('PropertiesService', () => {
  it('counts reads and writes and enforces 9 KB a value and 500 KB a store', async () => {
    const rt = await loadBundle(`function set(k, v) {
        try { PropertiesService.getScriptProperties().setProperty(k, v); return 'ok'; }
        catch (e) { return e.message; } }
      function get(k) { return PropertiesService.getScriptProperties().getProperty(k); }`);
    expect(rt.invoke('set', 'webapp', 'a', 'x'.repeat(9 * 1024))).toBe('ok');
    expect(rt.invoke('set', 'webapp', 'b', 'x'.repeat(9 * 1024 + 1))).toBe('Argument too large: value');
    expect(rt.invoke('get', 'webapp', 'a')).toHaveLength(9 * 1024);
    expect(rt.invoke('get', 'webapp', 'missing')).toBeNull();
    expect([rt.properties.reads, rt.properties.writes]).toEqual([2, 1]);
    for (let i = 0; i < 54; i++) expect(rt.invoke('set', 'webapp', `k${i}`, 'x'.repeat(9 * 1024))).toBe('ok');
    expect(rt.invoke('set', 'webapp', 'k55', 'x'.repeat(9 * 1024))).toMatch(/exceeded the property storage quota/);
    expect(rt.properties.get('k55')).toBeNull();
  });
});

describe('Utilities', () => {
  const code = `function hmac(v, k, utf8) {
      return utf8 ? Utilities.computeHmacSha256Signature(v, k, Utilities.Charset.UTF_8)
        : Utilities.computeHmacSha256Signature(v, k); }
    function misc() { return [Utilities.getUuid(), Utilities.base64Encode('héllo', Utilities.Charset.UTF_8),
      Utilities.formatDate(new Date(Date.UTC(2024, 0, 2, 3, 4, 5)), 'America/New_York',
        "yyyy-MM-dd'T'HH:mm:ss XXX EEE MMM"),
      Utilities.computeDigest(Utilities.DigestAlgorithm.SHA_256, 'abc')]; }`;

  it('returns signed bytes matching node:crypto, hashing non-ASCII as "?" without a charset', async () => {
    const rt = await loadBundle(code);
    const ascii = rt.invoke('hmac', 'webapp', 'v1\n1\nn\n{}', 'secret', false) as number[];
    expect(ascii.some((b) => b < 0)).toBe(true);
    expect(ascii.every((b) => b >= -128 && b <= 127)).toBe(true);
    expect(unsigned(ascii)).toBe(createHmac('sha256', 'secret').update('v1\n1\nn\n{}').digest('hex'));
    const trap = rt.invoke('hmac', 'webapp', 'héllo 😀', 'kéy', false) as number[];
    expect(unsigned(trap)).toBe(createHmac('sha256', 'k?y').update('h?llo ?').digest('hex'));
    const utf8 = rt.invoke('hmac', 'webapp', 'héllo 😀', 'kéy', true) as number[];
    expect(unsigned(utf8)).toBe(createHmac('sha256', Buffer.from('kéy')).update(Buffer.from('héllo 😀')).digest('hex'));
  });

  it('makes v4 UUIDs, base64, SimpleDateFormat dates and digests', async () => {
    const rt = await loadBundle(code);
    const [uuid, b64, date, digest] = rt.invoke('misc', 'webapp') as [string, string, string, number[]];
    expect(uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(b64).toBe(Buffer.from('héllo').toString('base64'));
    expect(date).toBe('2024-01-01T22:04:05 -05:00 Mon Jan');
    expect(unsigned(digest)).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

describe('HtmlService and ContentService', () => {
  it('escapes <?= ?>, prints <?!= ?> raw and runs <? ?> with template properties as variables', async () => {
    const rt = await loadBundle(
      `function render(v) { var t = HtmlService.createTemplateFromFile('Dialog'); t.name = v; t.items = [1, 2];
      return t.evaluate().setTitle('T').getContent(); }
      function helper() { return 'from script'; }`,
      {},
      {
        Dialog:
          '<p><?= name ?></p><i><?!= name ?></i>' +
          '<? for (var i = 0; i < items.length; i++) { ?><b><?= items[i] ?></b><? } ?><s><?= helper() ?></s>',
      },
    );
    expect(rt.invoke('render', 'menu', '<a href="x">\'&')).toBe(
      '<p>&lt;a href=&quot;x&quot;&gt;&#39;&amp;</p><i><a href="x">\'&</i><b>1</b><b>2</b><s>from script</s>',
    );
  });

  it('reports a missing HTML file', async () => {
    const rt = await loadBundle(
      `function f() { try { HtmlService.createHtmlOutputFromFile('Nope'); } catch (e) { return e.message; } }`,
    );
    expect(rt.invoke('f', 'menu')).toBe('No HTML file named Nope was found.');
  });

  it('returns text with a MIME type', async () => {
    const rt = await loadBundle(
      `function f() { var o = ContentService.createTextOutput('{}').setMimeType(ContentService.MimeType.JSON);
        return [o.getContent(), o.getMimeType()]; }`,
    );
    expect(rt.invoke('f', 'webapp')).toEqual(['{}', 'application/json']);
  });
});
