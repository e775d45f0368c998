import { beforeAll, describe, expect, it } from 'vitest';
import { createCluster, type TestCluster } from '../../teleport/pki.js';
import { until } from '../../until.js';
import { approved, HOUR, startRelay, world } from './world.js';

// The start-up read over a busy log: the relay asks for the most a page may hold, Teleport ends
// each page at about 1 MiB of event data, and the relay follows LastKey to the end.

const EVENTS = 50_000;
const MATCHING_EVERY = 1_000;
let cluster: TestCluster;

beforeAll(async () => {
  cluster = await createCluster('paging.example.com');
});

describe('usage over a busy log', () => {
  it('reads back over 50,000 events in pages cut at 1 MiB and counts every session once', async () => {
    const w = await world(cluster);
    const a = approved(w.teleport, 'alice');
    const other = approved(w.teleport, 'bob');
    const start = Date.now() - HOUR / 2;
    let expected = 0;
    for (let i = 0; i < EVENTS; i++) {
      const mine = i % MATCHING_EVERY === 0;
      if (mine) expected += 1;
      w.teleport.appendEvent({
        type: 'session.start',
        time: new Date(start + i * 20),
        accessRequests: mine ? [a.id, 'not-watched'] : [`elsewhere-${i % 97}`],
        padding: 600,
      });
    }
    w.teleport.appendEvent({ type: 'kube.request', time: new Date(start + 2), accessRequests: [other.id] });
    const app = await startRelay(w);
    await until('the read-back on the sheet', () => w.sheet.rows.get(a.id)?.usage?.sessions === expected, undefined, {
      timeoutMs: 120_000,
    });
    expect(w.sheet.rows.get(other.id)!.usage).toMatchObject({ sessions: 0, kinds: ['kube'] });
    // Far more pages than 50,000 / 10,000: each ended at about 1 MiB, with LastKey set.
    expect(w.teleport.stats.eventPages).toBeGreaterThan(20);
    expect(w.teleport.stats.eventsServed).toBe(EVENTS + 1);
    const metrics = await (await fetch(`http://127.0.0.1:${app.httpPort}/metrics`)).text();
    expect(metrics).toContain(`teleport_sheets_usage_pages_total ${w.teleport.stats.eventPages}`);
    expect(metrics).toContain(`teleport_sheets_usage_events_read_total ${EVENTS + 1}`);
    expect(metrics).toContain(`teleport_sheets_usage_events_matched_total ${expected + 1}`);
  });
});
