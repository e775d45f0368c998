// A listing is held whole until its snapshot is handed over, so the relay bounds what a broken or
// hostile server can make it hold: past MAX_LISTED_REQUESTS requests or MAX_LIST_PAGES pages the
// listing fails with a coded error that says what to do, instead of growing until out of memory.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectTeleport, type TeleportClient } from '../../../relay/src/teleport/connection.js';
import { parseIdentityFile } from '../../../relay/src/teleport/identity-file.js';
import { MAX_LIST_PAGES, MAX_LISTED_REQUESTS } from '../../../relay/src/teleport/list.js';
import { silentLogger } from '../../../relay/src/log.js';
import { createCluster, identityFileText, issueIdentity } from '../../teleport/pki.js';
import { startFakeTeleport, type FakeTeleport } from '../../teleport/server.js';

let teleport: FakeTeleport;
let client: TeleportClient;

beforeAll(async () => {
  const cluster = await createCluster('example.com');
  teleport = await startFakeTeleport({ cluster });
  const identity = await issueIdentity(cluster, { user: 'access-plugin', roles: ['access-plugin'] });
  const credentials = parseIdentityFile(identityFileText(identity));
  client = await connectTeleport({ addr: teleport.address, mode: 'auth', credentials, logger: silentLogger() });
});
afterAll(async () => {
  client?.close();
  await teleport?.close();
});

async function failure(): Promise<unknown> {
  return client.listAccessRequests().then(
    () => null,
    (err: unknown) => err,
  );
}

describe('a listing is bounded', () => {
  it(`stops after ${MAX_LIST_PAGES} pages of a listing that never ends`, async () => {
    teleport.createRequest();
    teleport.setEndlessListing(true);
    const pages = teleport.stats.listPages;
    try {
      expect(await failure()).toMatchObject({
        code: 'too_large',
        message: expect.stringContaining(`more than ${MAX_LIST_PAGES} pages`),
        fix: expect.stringContaining('tctl requests rm'),
      });
    } finally {
      teleport.setEndlessListing(false);
    }
    expect(teleport.stats.listPages - pages).toBe(MAX_LIST_PAGES);
  });

  it(`stops past ${MAX_LISTED_REQUESTS} requests, however few pages carry them`, async () => {
    for (let i = 0; i < 999; i++) teleport.createRequest();
    teleport.setEndlessListing(true);
    const pages = teleport.stats.listPages;
    try {
      expect(await failure()).toMatchObject({
        code: 'too_large',
        message: expect.stringContaining(`more than ${MAX_LISTED_REQUESTS} requests`),
      });
    } finally {
      teleport.setEndlessListing(false);
    }
    expect(teleport.stats.listPages - pages).toBe(MAX_LISTED_REQUESTS / 1000 + 1);
  });

  it('lists normally once the server behaves', async () => {
    expect(await client.listAccessRequests()).toHaveLength(1000);
  });
});
