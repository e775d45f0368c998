// Nothing lost, nothing doubled: load and faults through the whole chain. Each scenario ends with
// the checker comparing every request in the stand-in with its row.
import { until } from '../until.js';
import { afterEach, describe, expect, it } from 'vitest';
import type { Fault } from '../gas/web-front.js';
import { Chain } from './chain.js';
import { describeVerdict, type Verdict } from './checker.js';
import { newRequest, seededRandom, step } from './workload.js';

let chain: Chain | undefined;
afterEach(async () => {
  await chain?.close();
  chain = undefined;
});

function report(name: string, verdict: Verdict): void {
  console.log(`  ${name}: ${describeVerdict(verdict)}`);
  expect(verdict.ok).toBe(true);
  expect(verdict.duplicates).toEqual([]);
}

async function nextPost(c: Chain): Promise<void> {
  const posts = c.web.posts;
  await until(
    'the next POST',
    () => c.web.posts,
    (n) => n !== posts,
    { intervalMs: 5 },
  );
}

/** Drives `events` stand-in events; calls `during(i)` between them so faults land mid-flow. */
async function drive(
  c: Chain,
  random: () => number,
  events: number,
  during: (i: number) => Promise<void> | void = () => {},
): Promise<void> {
  for (let i = 0; i < events; i++) {
    step(c.teleport, random);
    await during(i);
    if (i % 50 === 0) await new Promise((resolve) => setImmediate(resolve));
  }
}

describe('end to end: faults', () => {
  it('1,000 requests and ~3,000 events, the stream dropped ten times and the relay SIGKILLed mid-sync', async () => {
    chain = await Chain.start();
    const random = seededRandom(7);
    for (let i = 0; i < 1000; i++) newRequest(chain.teleport, random);
    const relay = await chain.startRelay();
    // Kill the relay while its first sync of 1,000 requests is being delivered.
    await chain.teleport.waitFor(() => chain!.teleport.stats.lists >= 1);
    await nextPost(chain);
    const initsBeforeRestart = chain.teleport.stats.initsSent;
    await relay.restart();
    await chain.teleport.waitFor(() => chain!.teleport.stats.initsSent > initsBeforeRestart, 30_000);
    // Ten drops spread over the load, each after the relay has re-established its stream, so every
    // one cuts a live stream (and often a listing) rather than hitting the same gap.
    let drops = 0;
    await drive(chain, random, 2000, async (i) => {
      if (i % 200 === 100 && drops < 10) {
        const inits = chain!.teleport.stats.initsSent;
        chain!.teleport.dropStreams(drops % 2 === 0 ? 'unavailable' : 'reset');
        drops++;
        await chain!.teleport.waitFor(() => chain!.teleport.stats.initsSent > inits, 30_000);
      }
    });
    expect(drops).toBe(10);
    report('1,000 requests, 3,000 events, 10 drops, SIGKILL', await chain.converge(120_000));
    expect(chain.teleport.stats.initsSent).toBeGreaterThanOrEqual(12);
  });

  it('the web app failing a third of POSTs with HTML error pages, timeouts, busy and lost replies', async () => {
    const faults: Fault[] = [
      { kind: 'html_error' },
      { kind: 'timeout' },
      { kind: 'lost_reply' },
      { kind: 'status', status: 503 },
      { kind: 'reset' },
    ];
    let n = 0;
    chain = await Chain.start({
      faults: ({ method }) => (method === 'POST' && ++n % 3 === 0 ? faults[(n / 3) % faults.length]! : null),
    });
    const random = seededRandom(11);
    for (let i = 0; i < 200; i++) newRequest(chain.teleport, random);
    await chain.startRelay();
    // Pace the activity by deliveries, so the faults land on many POSTs rather than on a few big ones.
    await drive(chain, random, 400, async (i) => {
      if (i % 10 === 9) await nextPost(chain!);
    });
    // Another execution holds the script lock while the next batch arrives: the reply is `busy`.
    const release = chain.runtime.lock.holdExternally();
    step(chain.teleport, random);
    await nextPost(chain);
    release();
    report('a third of POSTs failing', await chain.converge(120_000));
    expect(n).toBeGreaterThanOrEqual(30);
  });

  it('two relays at once never make two rows', async () => {
    chain = await Chain.start();
    const random = seededRandom(13);
    for (let i = 0; i < 300; i++) newRequest(chain.teleport, random);
    await chain.startRelay();
    await chain.startRelay();
    await drive(chain, random, 600);
    report('two relays', await chain.converge(90_000));
  });

  it('identity rotated while running (Machine ID style, a new key each time)', async () => {
    chain = await Chain.start({ machineId: true, keyType: 'ed25519' });
    const random = seededRandom(17);
    for (let i = 0; i < 50; i++) newRequest(chain.teleport, random);
    await chain.startRelay();
    await chain.converge();
    for (let round = 0; round < 3; round++) {
      const streams = chain.teleport.stats.watchStreams;
      await chain.rotateIdentity();
      await chain.teleport.waitFor(() => chain!.teleport.stats.watchStreams > streams, 30_000);
      await drive(chain, random, 40);
    }
    report('identity rotated 3 times', await chain.converge());
  });

  it('through the TLS-routing proxy', async () => {
    chain = await Chain.start({ viaProxy: true, keyType: 'rsa' });
    const random = seededRandom(19);
    for (let i = 0; i < 100; i++) newRequest(chain.teleport, random);
    await chain.startRelay();
    await drive(chain, random, 200);
    report('proxy path', await chain.converge());
    expect(chain.proxy!.routed).toBeGreaterThan(0);
  });
});
