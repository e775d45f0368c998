// The cluster menu items (contract §11) on the real bundle: only the owner enrols, rotates,
// revokes and removes; a cluster's secret is shown once and kept where no editor reads it; a rotated
// secret keeps working 24 hours, a revoked or removed one stops at once; bad names and addresses
// change nothing; and the clusters show in Relay status, escaped, for an editor too.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SECRET } from '../fixtures.js';
import { bundleForThisFile } from '../file-bundle.js';
import { Front, PROD, PROD_URL, Relay, shownSecret } from './clusters.js';

const bundle = bundleForThisFile();
const EDITOR = 'editor@example.com';

let front: Front;
beforeEach(async () => {
  front = await Front.open(bundle.dir);
});
afterEach(() => front.close());

const lastAlert = () => front.sheet.rt.ui.alerts.at(-1)?.prompt ?? '';
const heartbeat = (relay: Relay) => relay.attempt(relay.batch([]));

/** Everything an editor can read without changing the script. */
function editorReadable(): string {
  const { rt } = front.sheet;
  return JSON.stringify([
    rt.properties.all(),
    rt.cache.keys().map((k) => rt.cache.get(k)),
    rt.userPropertiesOf(EDITOR).all(),
    rt
      .userCacheOf(EDITOR)
      .keys()
      .map((k) => rt.userCacheOf(EDITOR).get(k)),
  ]);
}

describe('Add cluster…', () => {
  it('shows a fresh 256-bit secret once, with the relay’s steps, and keeps it from editors', async () => {
    const secret = front.enrol(PROD, `${PROD_URL}/`);
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    const { html, title } = front.sheet.rt.ui.dialogs.at(-1)!;
    expect(title).toBe(`Secret of cluster ${PROD}`);
    expect(html).toContain('secret_file');
    expect(html).toContain(`<code>${PROD_URL}</code>`);
    const relay = new Relay(front, PROD, secret);
    expect(await heartbeat(relay)).toMatchObject({ ok: true });
    expect(relay.signature).toBe(2);
    front.sheet.rt.invokeAs(EDITOR, 'relayStatus', 'menu');
    expect(editorReadable()).not.toContain(secret);
    expect(JSON.stringify(front.sheet.rt.userProperties.all())).toContain(secret);
  });

  it('refuses a bad name, a bad address and a cluster already enrolled, and changes nothing', () => {
    for (const [name, url] of [
      ['prod example', PROD_URL],
      [PROD, 'http://prod.example.com'],
      [PROD, 'https://prod.example.com/"><script>'],
    ]) {
      front.sheet.rt.ui.answer('OK', name);
      front.sheet.rt.ui.answer('OK', url);
      front.sheet.menu('addCluster');
      expect(lastAlert()).toMatch(/Nothing changed/);
    }
    expect(front.sheet.rt.ui.dialogs).toEqual([]);
    front.enrol(PROD, PROD_URL);
    front.sheet.rt.ui.answer('OK', PROD);
    front.sheet.menu('addCluster');
    expect(lastAlert()).toMatch(/already enrolled/);
    expect(front.sheet.rt.ui.dialogs).toHaveLength(1);
  });

  it('is refused to an editor, who is shown no secret', () => {
    front.sheet.rt.ui.answer('OK', PROD);
    front.sheet.rt.ui.answer('OK', PROD_URL);
    front.sheet.rt.invokeAs(EDITOR, 'addCluster', 'menu');
    expect(front.sheet.rt.ui.dialogs).toEqual([]);
    expect(lastAlert()).toMatch(/Only the owner of this spreadsheet/);
    expect(front.sheet.rt.userPropertiesOf(EDITOR).all()).toEqual({});
  });
});

describe('a cluster’s secret', () => {
  it('rotates with 24 hours of grace for the previous one, which Revoke ends at once', async () => {
    const first = front.enrol(PROD, PROD_URL);
    front.answer('rotateClusterSecret', PROD);
    const second = shownSecret(front.sheet)!;
    expect(second).not.toBe(first);
    expect(front.sheet.rt.ui.dialogs.at(-1)!.html).toMatch(/valid for 24 hours/);
    const [old, next] = [new Relay(front, PROD, first), new Relay(front, PROD, second)];
    expect(await heartbeat(old)).toMatchObject({ ok: true });
    front.answer('revokeClusterPrevious', PROD);
    expect(lastAlert()).toMatch(/no longer works/);
    expect(await heartbeat(old)).toMatchObject({ ok: false, error: 'bad_signature' });
    expect(await heartbeat(next)).toMatchObject({ ok: true });
    front.sheet.advance(25 * 3600 * 1000);
    expect(await heartbeat(next)).toMatchObject({ ok: true });
  });

  it('ends when the cluster is removed: not even the sheet-wide secret writes its rows, which stay', async () => {
    const relay = new Relay(front, PROD, front.enrol(PROD, PROD_URL));
    const [request] = await relay.requests(1);
    front.answer('removeCluster', PROD);
    expect(lastAlert()).toMatch(/is removed/);
    expect(await heartbeat(relay)).toMatchObject({ ok: false, error: 'bad_signature' });
    const shared = new Relay(front, PROD, SECRET);
    expect(await shared.attempt(shared.batch([{ op: 'sync', ids: [] }]))).toMatchObject({ error: 'bad_signature' });
    expect(front.shown(PROD, request!.id)).toEqual(['PENDING', `${PROD_URL}/web/requests/${request!.id}`]);
    const again = new Relay(front, PROD, front.enrol(PROD, PROD_URL));
    expect(await heartbeat(again)).toMatchObject({ ok: true });
  });

  it('asks which cluster, and changes nothing for a name that is not enrolled', () => {
    front.sheet.menu('rotateClusterSecret');
    expect(lastAlert()).toMatch(/No cluster is enrolled/);
    front.enrol(PROD, PROD_URL);
    front.answer('rotateClusterSecret', 'staging.example.com');
    expect(front.sheet.rt.ui.prompts.at(-1)?.prompt).toContain(`Enrolled: ${PROD}.`);
    expect(lastAlert()).toMatch(/Nothing changed/);
    expect(front.sheet.rt.ui.dialogs).toHaveLength(1);
  });
});

describe('Relay status', () => {
  it('shows every cluster, its enrolment and where its links start, to an editor too', async () => {
    const prod = new Relay(front, PROD, front.enrol(PROD, PROD_URL));
    await heartbeat(prod);
    const dev = new Relay(front, 'dev.example.com', SECRET, { webUrl: 'https://dev.example.com' });
    await heartbeat(dev);
    front.sheet.rt.invokeAs(EDITOR, 'relayStatus', 'menu');
    const html = front.sheet.rt.ui.dialogs.at(-1)!.html;
    expect(html).toMatch(new RegExp(`<td>${PROD}</td><td>enrolled \\d{4}-\\d{2}-\\d{2}</td><td>${PROD_URL}</td>`));
    expect(html).toContain('<td>dev.example.com</td><td>not enrolled: signs with the sheet-wide secret</td>');
    expect(html).toContain('The sheet-wide secret signs (v1) for clusters that are not enrolled.');
    front.sheet.menu('setUpSecret');
    expect(lastAlert()).toContain(`it signs for every cluster but ${PROD} (enrolled)`);
  });
});
