// Known-answer tests of the pure records the web app keeps between POSTs: the replay record
// (door/nonces.ts) and the relay record (stores/relays.ts), and how Relay status and Refresh describe relays.
import { describe, expect, it } from 'vitest';
import {
  BUCKET_SECONDS,
  MAX_BUCKET_CHARS,
  bucketLifetime,
  claim,
  parseIndex,
  rebuiltIndex,
  type ReplayIndex,
} from '../../appsscript/src/door/nonces.js';
import {
  CONTACT_SAVE_INTERVAL_MS,
  EMPTY_BOOK,
  MAX_BOOK_CHARS,
  RELAY_KEEP_MS,
  fitBook,
  liveRelays,
  noteContact,
  parseBook,
  type RelayBook,
} from '../../appsscript/src/stores/relays.js';
import { refreshMessage, relayLine } from '../../appsscript/src/menu/menu-text.js';

const NOW = 1_763_899_980; // a whole minute: bucket 29_398_333 starts here
const B = NOW / BUCKET_SECONDS;
const NONCE = 'n-7Hq2xYp9LmR4tKa';

describe('the replay record', () => {
  const empty = rebuiltIndex(NOW, null);

  it('records a fresh nonce in its ts minute, lists the minute, and takes a lease', () => {
    expect(empty).toEqual({ from: 0, made: [], lease: 0 });
    const out = claim(empty, null, NOW + 59, NONCE, NOW);
    expect(out).toEqual({ verdict: 'fresh', bucket: NONCE, index: { from: 0, made: [B], lease: NOW + 3600 } });
    const second = claim(out.index!, out.bucket!, NOW + 1, 'another-nonce-1234', NOW + 1);
    expect(second).toMatchObject({ verdict: 'fresh', bucket: `${NONCE} another-nonce-1234` });
    expect(second.index).toEqual(out.index);
  });

  it('refuses a nonce it holds, and not one it merely contains', () => {
    expect(claim(empty, `x ${NONCE} y`, NOW, NONCE, NOW)).toEqual({ verdict: 'replayed' });
    expect(claim(empty, `${NONCE}z`, NOW, NONCE, NOW).verdict).toBe('fresh');
  });

  it('answers busy for a listed minute the cache lost, and rebuilds from past every ts accepted before', () => {
    const index: ReplayIndex = { from: 0, made: [B], lease: NOW + 3000 };
    expect(claim(index, null, NOW + 10, NONCE, NOW + 20)).toEqual({
      verdict: 'busy',
      index: { from: B + 6, made: [], lease: NOW + 3000 },
    });
    expect(claim({ from: B + 6, made: [], lease: NOW }, null, NOW + 300, NONCE, NOW + 300)).toEqual({
      verdict: 'busy',
    });
    expect(claim({ from: B + 6, made: [], lease: NOW }, null, NOW + 360, NONCE, NOW + 360).verdict).toBe('fresh');
  });

  it('rebuilds a lost index from the lease: the whole window after a long silence, none just after a POST', () => {
    expect(rebuiltIndex(NOW, NOW - 700).from).toBeLessThanOrEqual(Math.floor((NOW - 300) / BUCKET_SECONDS));
    expect(rebuiltIndex(NOW, NOW + 3000).from).toBeGreaterThan(Math.floor((NOW + 300) / BUCKET_SECONDS));
  });

  it('forgets minutes that have left the window, and answers busy rather than overflow 100 KB', () => {
    const old: ReplayIndex = { from: 0, made: [B - 7, B - 6, B - 5], lease: NOW + 10 };
    expect(bucketLifetime(B - 6, NOW)).toBe(0);
    expect(claim(old, null, NOW, NONCE, NOW).index?.made).toEqual([B - 5, B]);
    const full = 'n'.repeat(MAX_BUCKET_CHARS - NONCE.length);
    expect(claim(old, full, NOW, NONCE, NOW)).toEqual({ verdict: 'busy' });
    expect(claim(old, full.slice(1), NOW, NONCE, NOW).verdict).toBe('fresh');
  });

  it('reads back only a well-formed index', () => {
    expect(parseIndex(JSON.stringify({ from: 1, made: [2], lease: 3 }))).toEqual({ from: 1, made: [2], lease: 3 });
    for (const bad of [null, '', '{', '{"from":1,"made":[2]}', '{"from":1,"made":["2"],"lease":3}'])
      expect(parseIndex(bad)).toBeNull();
  });
});

describe('the relay record', () => {
  const MS = NOW * 1000;
  const contact = (relay: string, cluster: string, now: number, refreshAt = 0, heartbeat = false) => ({
    relay,
    cluster,
    now,
    refreshAt,
    heartbeat: heartbeat ? { at: '2025-11-23T12:13:20.000Z', stats: { q: 1 } } : null,
    signature: 1 as const,
  });

  it('owes each known relay one resync per click; a relay first heard after the click owes none', () => {
    let book: RelayBook = EMPTY_BOOK;
    book = noteContact(book, contact('a/1', 'one', MS)).book;
    book = noteContact(book, contact('b/1', 'two', MS)).book;
    const click = MS + 1000;
    const a1 = noteContact(book, contact('a/1', 'one', MS + 2000, click));
    expect(a1.resync).toBe(true);
    const a2 = noteContact(a1.book, contact('a/1', 'one', MS + 3000, click));
    expect(a2.resync).toBe(false);
    const b1 = noteContact(a2.book, contact('b/1', 'two', MS + 4000, click));
    expect(b1.resync).toBe(true);
    const c1 = noteContact(b1.book, contact('c/1', 'three', MS + 5000, click));
    expect(c1.resync).toBe(false);
    expect(noteContact(c1.book, contact('c/1', 'three', MS + 6000, click)).resync).toBe(false);
    expect(noteContact(c1.book, contact('c/1', 'three', MS + 7000, MS + 6500)).resync).toBe(true);
  });

  it('saves to Properties for a new relay, a heartbeat, a resync, or contact unsaved for 5 minutes', () => {
    const first = noteContact(EMPTY_BOOK, contact('a/1', 'one', MS));
    expect(first.save).toBe(true);
    expect(noteContact(first.book, contact('a/1', 'one', MS + 1000)).save).toBe(false);
    expect(noteContact(first.book, contact('a/1', 'one', MS + 1000, 0, true)).save).toBe(true);
    expect(noteContact(first.book, contact('a/1', 'one', MS + 1000, MS + 500)).save).toBe(true);
    expect(noteContact(first.book, contact('a/1', 'one', MS + CONTACT_SAVE_INTERVAL_MS)).save).toBe(true);
    const v2 = noteContact(first.book, { ...contact('a/1', 'one', MS + 1000), signature: 2 });
    expect(v2.save).toBe(true);
    expect(v2.book.relays[0]).toMatchObject({ relay: 'a/1', signature: 2 });
  });

  it('keeps the last heartbeat across plain contacts, and drops relays silent for 7 days', () => {
    let book = noteContact(EMPTY_BOOK, contact('a/1', 'one', MS, 0, true)).book;
    book = noteContact(book, contact('b/1', 'two', MS)).book;
    book = noteContact(book, contact('a/1', 'one', MS + 1000)).book;
    expect(book.relays.find((r) => r.relay === 'a/1')).toMatchObject({ heartbeatAt: '2025-11-23T12:13:20.000Z' });
    expect(liveRelays(book, MS + RELAY_KEEP_MS).map((r) => r.relay)).toEqual(['a/1', 'b/1']);
    book = noteContact(book, contact('a/1', 'one', MS + RELAY_KEEP_MS + 500)).book;
    expect(book.relays.map((r) => r.relay)).toEqual(['a/1']);
  });

  it('fits one property value: stats go first, then the relays silent longest', () => {
    const big = { q: 1, ...Object.fromEntries(Array.from({ length: 400 }, (_, i) => [`stat_${i}`, i])) };
    const relays = Array.from({ length: 60 }, (_, i) => ({
      relay: `relay-${i}/1.0.0`.padEnd(100, 'x'),
      cluster: `cluster-${i}.example.com`,
      contactAt: MS + i,
      heartbeatAt: null,
      stats: i === 59 ? big : {},
      refreshSeen: 0,
      signature: 1 as const,
      usageAt: null,
    }));
    const json = fitBook({ relays, savedAt: MS });
    expect(json.length).toBeLessThanOrEqual(MAX_BOOK_CHARS);
    const kept = parseBook(json).relays;
    expect(kept[0]).toMatchObject({ relay: relays[59]!.relay, stats: {} });
    expect(kept.length).toBeGreaterThan(20);
    expect(Math.min(...kept.map((r) => r.contactAt))).toBe(MS + 60 - kept.length);
  });

  it('describes each relay in one line and warns about each silent one', () => {
    let book = noteContact(EMPTY_BOOK, contact('a/1', 'one.example', MS, 0, true)).book;
    book = noteContact(book, contact('b/2', 'two.example', MS + 100_000)).book;
    const now = MS + 200_000;
    expect(relayLine(book.relays[0]!, now)).toMatchObject({
      cluster: 'one.example',
      relay: 'a/1',
      silent: true,
      contact: 'silent for over 2 minutes (last heard from 3 min ago)',
      stats: 'q: 1',
    });
    expect(refreshMessage(liveRelays(book, now), now)).toBe(
      'Warning: one.example (a/1) has been silent for over 2 minutes (last heard from 3 min ago). ' +
        'two.example (b/2) was last heard from 1 min ago. Each of the 2 relays will re-send every request with ' +
        'its next delivery.',
    );
    expect(refreshMessage([], now)).toMatch(/^No relay has contacted this sheet in the last 7 days/);
  });
});
