// Several clusters' relays delivering into one sheet through Google's POST → 302 → GET front, and
// the owner enrolling clusters through the real menu items (contract §11). A relay here signs as
// the real one does: v2 with its cluster in the query, falling back once to v1 with the same secret
// when the sheet answers bad_signature, and keeping to v1 from then on.
import { expect } from 'vitest';
import { encodeAsciiJson, type Batch, type Op, type Reply, type Request } from '../../../proto/contract.js';
import { COL } from '../../../appsscript/src/ledger/layout.js';
import { startWebApp, type WebApp } from '../../gas/web-front.js';
import { makeBatch, makeRequest, signParams, type SignOptions } from '../fixtures.js';
import { Sheet } from '../harness.js';

export const PROD = 'prod.example.com';
export const STAGING = 'staging.example.com';
export const PROD_URL = 'https://prod.example.com';
export const STAGING_URL = 'https://staging.example.com';
export const ATTACKER_URL = 'https://attacker.example.net';

/** A POST as it went over the wire, kept so that it can be sent again byte for byte. */
export interface Captured {
  body: string;
  query: string;
}

export class Front {
  private constructor(
    readonly sheet: Sheet,
    readonly app: WebApp,
  ) {}

  static async open(bundleDir: string, o: { secret?: string | null } = {}): Promise<Front> {
    const sheet = await Sheet.open(bundleDir, o);
    return new Front(sheet, await startWebApp(sheet.rt));
  }

  sign(batch: Batch | string, o: SignOptions = {}): Captured {
    const body = typeof batch === 'string' ? batch : encodeAsciiJson(batch);
    return { body, query: new URLSearchParams(signParams(body, this.sheet.nowSeconds, o)).toString() };
  }

  async send(post: Captured): Promise<Reply> {
    const res = await fetch(`${this.app.url}?${post.query}`, {
      method: 'POST',
      body: post.body,
      headers: { 'content-type': 'application/json' },
    });
    return (await res.json()) as Reply;
  }

  /** The owner enrols a cluster through Add cluster…; returns the secret its dialog showed once. */
  enrol(cluster: string, webUrl: string): string {
    this.sheet.rt.ui.answer('OK', cluster);
    this.sheet.rt.ui.answer('OK', webUrl);
    this.sheet.menu('addCluster');
    const secret = shownSecret(this.sheet);
    if (!secret) throw new Error(`Add cluster showed no secret: ${this.sheet.rt.ui.alerts.at(-1)?.prompt}`);
    return secret;
  }

  /** The owner runs a menu item that asks for one line of text. */
  answer(item: string, text: string): void {
    this.sheet.rt.ui.answer('OK', text);
    this.sheet.menu(item);
  }

  /** Rows of this cluster and id, 1-based, from their ID and Cluster cells. */
  rowsOf(cluster: string, id: string): number[] {
    const rows: number[] = [];
    this.sheet
      .tab()!
      .values()
      .forEach((row, i) => {
        if (i > 0 && row[COL.id - 1] === id && row[COL.cluster - 1] === cluster) rows.push(i + 1);
      });
    return rows;
  }

  /** [Status, link target] of a cluster's request, which must have exactly one row. */
  shown(cluster: string, id: string): [unknown, string | undefined] {
    const rows = this.rowsOf(cluster, id);
    expect(rows, `${cluster}/${id} has one row`).toHaveLength(1);
    const tab = this.sheet.tab()!;
    return [tab.cell(rows[0]!, COL.status).value, tab.cell(rows[0]!, COL.link).link];
  }

  /** The link target of every row of the cluster. */
  links(cluster: string): (string | undefined)[] {
    const tab = this.sheet.tab()!;
    const out: (string | undefined)[] = [];
    tab.values().forEach((row, i) => {
      if (i > 0 && row[COL.cluster - 1] === cluster) out.push(tab.cell(i + 1, COL.link).link);
    });
    return out;
  }

  close(): Promise<void> {
    return this.app.close();
  }
}

export function shownSecret(sheet: Sheet): string | undefined {
  return /<pre id="secret">([0-9a-f]{64})<\/pre>/.exec(sheet.rt.ui.dialogs.at(-1)?.html ?? '')?.[1];
}

/** One cluster's relay: its secret, and the signature it has settled on. */
export class Relay {
  signature: 1 | 2 = 2;
  readonly replies: Reply[] = [];

  constructor(
    private readonly front: Front,
    readonly cluster: string,
    public secret: string,
    readonly o: { relay?: string; webUrl?: string } = {},
  ) {}

  batch(ops: Op[], overrides: Partial<Batch> = {}): Batch {
    const relay = this.o.relay ?? `${this.cluster.split('.')[0]}-relay/1.0.0`;
    return makeBatch(ops, { cluster: this.cluster, webUrl: this.o.webUrl ?? '', relay, ...overrides });
  }

  /** A restart: v2 is tried first again (with whatever secret its file now holds). */
  restart(secret = this.secret): void {
    this.secret = secret;
    this.signature = 2;
  }

  /** One attempt as the real relay makes it: v2, and once v1 with the same secret after bad_signature. */
  async attempt(batch: Batch): Promise<Reply> {
    const v = this.signature;
    const reply = await this.post(batch, v);
    if (v === 2 && !reply.ok && reply.error === 'bad_signature') {
      const fallback = await this.post(batch, 1);
      if (fallback.ok) this.signature = 1;
      return fallback;
    }
    return reply;
  }

  /** How it signs now: v2 as its cluster, or v1. */
  signing(v: 1 | 2 = this.signature): SignOptions {
    return v === 2 ? { secret: this.secret, cluster: this.cluster } : { secret: this.secret };
  }

  private async post(batch: Batch, v: 1 | 2): Promise<Reply> {
    this.front.sheet.advance(1000);
    const reply = await this.front.send(this.front.sign(batch, this.signing(v)));
    this.replies.push(reply);
    return reply;
  }

  /** Delivers until ok (a bounded number of tries, as a test must); returns the ok reply. */
  async deliver(ops: Op[], overrides: Partial<Batch> = {}): Promise<Reply> {
    const batch = this.batch(ops, overrides);
    for (let i = 0; i < 5; i++) {
      const reply = await this.attempt(batch);
      if (reply.ok) return reply;
    }
    throw new Error(`${this.cluster}: no ok reply, last ${JSON.stringify(this.replies.at(-1))}`);
  }

  /** New PENDING requests of this cluster, delivered. */
  async requests(n: number, o: Partial<Request> = {}): Promise<Request[]> {
    const made = Array.from({ length: n }, () => makeRequest({ ...o }));
    await this.deliver(made.map((request) => ({ op: 'upsert', request })));
    return made;
  }
}
