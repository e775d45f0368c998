import { createHmac, timingSafeEqual } from 'node:crypto';
import { compareVersions, signingString, versionOf, type Batch, type Op, type Request } from '../../proto/contract.js';

// A plain web-app handler with the sheet's contract semantics, small enough to trust: verifies the
// signature with node:crypto, refuses replays, applies ops to a Map with "newer wins". Tests put
// it behind startWebApp (Google's 302 flow) and compare its final state with what was enqueued.

export interface Row {
  request: Request;
  expired: boolean;
}
interface DoPostLike {
  postData?: { contents: string };
  parameter: Record<string, string>;
}
type Reply = { content: string; mimeType: string };

export class SheetStandIn {
  readonly rows = new Map<string, Row>();
  readonly heartbeats: { at: string; relay: string; stats?: Record<string, number> }[] = [];
  /** Every applied op, in order, with the batch it came in (unless keepApplied is false). */
  readonly applied: { batch: number; op: Op }[] = [];
  /** False for a soak: a month of listings would keep hundreds of thousands of ops here. */
  keepApplied = true;
  /** Set by the invariant check: a sync whose ids were not all present when it was applied. */
  readonly violations: string[] = [];
  /** The header of the last batch applied. */
  lastHeader: { cluster: string; webUrl: string; relay: string } | null = null;
  resyncRequested = false;
  /** Answer `resync: true` to every batch, as a sheet stuck on "Refresh from Teleport" would. */
  alwaysResync = false;
  /** The next n calls answer ok:false busy without applying anything. */
  busyCalls = 0;
  private readonly nonces = new Set<string>();
  private batches = 0;

  constructor(public secret: string) {}

  readonly handler = (e: DoPostLike): Reply => {
    const body = e.postData?.contents ?? '';
    const { ts = '', nonce = '', sig = '' } = e.parameter;
    if (!/^[\x20-\x7e]*$/.test(body)) return fail('bad_request');
    const expected = createHmac('sha256', this.secret)
      .update(signingString(ts, nonce, body))
      .digest();
    const given = Buffer.from(sig, 'hex');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return fail('bad_signature');
    if (this.nonces.has(nonce)) return fail('replayed');
    this.nonces.add(nonce);
    if (this.busyCalls > 0) {
      this.busyCalls -= 1;
      return fail('busy');
    }
    const batch = JSON.parse(body) as Batch;
    const n = ++this.batches;
    this.lastHeader = { cluster: batch.cluster, webUrl: batch.webUrl, relay: batch.relay };
    let applied = 0;
    let stale = 0;
    for (const op of batch.ops) {
      if (this.apply(op, batch)) applied++;
      else stale++;
      if (this.keepApplied) this.applied.push({ batch: n, op });
    }
    const resync = this.resyncRequested || this.alwaysResync;
    this.resyncRequested = false;
    return { content: JSON.stringify({ ok: true, applied, stale, resync }), mimeType: 'application/json' };
  };

  /** Live (not expired) rows as comparable text: "id STATE/reviews". */
  live(): string[] {
    return this.state().filter((row) => !row.endsWith(' EXPIRED'));
  }

  /** Rows as comparable text: "id STATE/reviews" plus " EXPIRED". */
  state(): string[] {
    return [...this.rows.values()]
      .map((r) => `${r.request.id} ${r.request.state}/${r.request.reviews.length}${r.expired ? ' EXPIRED' : ''}`)
      .sort();
  }

  private apply(op: Op, batch: Batch): boolean {
    if (op.op === 'heartbeat') {
      this.heartbeats.push({ at: op.at, relay: batch.relay, ...(op.stats ? { stats: op.stats } : {}) });
      return true;
    }
    if (op.op === 'upsert') {
      const row = this.rows.get(op.request.id);
      if (row && compareVersions(versionOf(op.request), versionOf(row.request)) < 0) return false;
      this.rows.set(op.request.id, { request: op.request, expired: false });
      return true;
    }
    if (op.op === 'delete') {
      const row = this.rows.get(op.id);
      if (row) row.expired = true;
      return true;
    }
    const missing = op.ids.filter((id) => !this.rows.has(id) || this.rows.get(id)!.expired);
    if (missing.length > 0) this.violations.push(`sync before its upserts: ${missing.join(',')}`);
    const listed = new Set(op.ids);
    for (const [id, row] of this.rows) if (!listed.has(id)) row.expired = true;
    return true;
  }
}

function fail(error: string): Reply {
  return { content: JSON.stringify({ ok: false, error, message: 'refused' }), mimeType: 'application/json' };
}
