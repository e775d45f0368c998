// Who an execution runs as, what each user's stores hold, the scope Session needs, and overlapping
// executions: the runtime's model of an owner, the editors of the spreadsheet and a busy web app.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadBundle, removeBundles } from './bundle-fixture.js';
import { GasRuntime } from './runtime.js';

afterAll(removeBundles);

const code = `function who() { return [Session.getActiveUser().getEmail(), Session.getEffectiveUser().getEmail()]; }
  function owner() { var o = SpreadsheetApp.getActiveSpreadsheet().getOwner(); return o ? o.getEmail() : null; }
  function setMine(v) { PropertiesService.getUserProperties().setProperty('k', v);
    CacheService.getUserCache().put('k', v, 60); }
  function getMine() { return [PropertiesService.getUserProperties().getProperty('k'),
    CacheService.getUserCache().get('k')]; }
  function touch() { var got = LockService.getScriptLock().tryLock(0); var c = CacheService.getScriptCache();
    c.put('a', String(Number(c.get('a') || 0) + 1), 60); return got; }`;

describe('users', () => {
  it('runs a menu as the person who clicked and a web app as its owner', async () => {
    const rt = await loadBundle(code, { ownerEmail: 'owner@example.com' });
    expect(rt.invokeAs('editor@example.com', 'who', 'menu')).toEqual(['editor@example.com', 'editor@example.com']);
    expect(rt.invokeAs('editor@example.com', 'who', 'webapp')).toEqual(['', 'owner@example.com']);
    expect(rt.invoke('who', 'menu')).toEqual(['owner@example.com', 'owner@example.com']);
    expect(rt.invokeAs('editor@example.com', 'owner', 'menu')).toBe('owner@example.com');
    rt.spreadsheet.inSharedDrive = true;
    expect(rt.invoke('owner', 'menu')).toBeNull();
  });

  it("gives each user their own User Properties and user cache; the web app reads the owner's", async () => {
    const rt = await loadBundle(code, { ownerEmail: 'owner@example.com' });
    rt.invoke('setMine', 'menu', 'owners');
    rt.invokeAs('editor@example.com', 'setMine', 'menu', 'editors');
    expect(rt.invoke('getMine', 'webapp')).toEqual(['owners', 'owners']);
    expect(rt.invokeAs('editor@example.com', 'getMine', 'menu')).toEqual(['editors', 'editors']);
    expect(rt.userProperties.get('k')).toBe('owners');
    expect(rt.userPropertiesOf('editor@example.com').get('k')).toBe('editors');
  });

  it('refuses Session without userinfo.email when the manifest lists its scopes', async () => {
    const rt = await loadBundle(code);
    const dir = await mkdtemp(join(tmpdir(), 'gas-scopes-'));
    await writeFile(join(dir, 'Code.js'), code);
    const manifest = (scopes: string[]) =>
      writeFile(join(dir, 'appsscript.json'), JSON.stringify({ oauthScopes: scopes }));
    await manifest(['https://www.googleapis.com/auth/spreadsheets']);
    const narrow = await GasRuntime.load(dir);
    expect(() => narrow.invoke('who', 'menu')).toThrow(
      'You do not have permission to call Session.getActiveUser. ' +
        'Required permissions: https://www.googleapis.com/auth/userinfo.email',
    );
    await manifest(['https://www.googleapis.com/auth/userinfo.email']);
    expect((await GasRuntime.load(dir)).invoke('who', 'menu')).toEqual(['owner@example.com', 'owner@example.com']);
    expect(rt.invoke('who', 'menu')).toEqual(['owner@example.com', 'owner@example.com']);
    await rm(dir, { recursive: true, force: true });
  });
});

describe('overlapping executions', () => {
  it('runs another execution just before the chosen call of the next one, once', async () => {
    const rt = await loadBundle(code);
    const seen: string[] = [];
    let inner: unknown;
    rt.interleave(
      (call) => {
        seen.push(`${call.n}:${call.api}.${call.method}`);
        return call.api === 'Cache' && call.method === 'put';
      },
      () => {
        inner = rt.invoke('touch', 'webapp');
      },
    );
    // The inner one finds the lock held, and both read a=0 before either wrote: a lost update.
    expect(rt.invoke('touch', 'webapp')).toBe(true);
    expect(inner).toBe(false);
    expect(rt.cache.get('a')).toBe('1');
    expect(seen).toEqual([
      '1:LockService.getScriptLock',
      '2:Lock.tryLock',
      '3:CacheService.getScriptCache',
      '4:Cache.get',
      '5:Cache.put',
    ]);
    expect(rt.invoke('touch', 'webapp')).toBe(true);
    expect(rt.cache.get('a')).toBe('2');
  });
});
