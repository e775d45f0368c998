import { createHmac, timingSafeEqual } from 'node:crypto';
import {
  compareVersions,
  signingString,
  USAGE_KINDS,
  signingStringV2,
  versionOf,
  type BatchV2,
  type OpV2,
  type Request,
  type SignatureVersion,
  type UsageOp,
} from '../../proto/contract.js';

// A plain web-app handler with the sheet's contract semantics, small enough to trust: verifies the
// signature with node:crypto (v1 of §1, v2 of §11, or both, with one secret), refuses replays,
// answers `full` (§12) on demand, applies ops to a Map with "newer wins". Tests put it behind
// startWebApp (Google's 302 flow) and compare its final state with what was enqueued.

export interface Row {
  request: Request;
  expired: boolean;
  /** §13: the usage merged into the row (earliest, latest, largest, union). */
  usage?: Omit<UsageOp, 'op' | 'id'>;
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
  readonly applied: { batch: number; op: OpV2 }[] = [];
  /** False for a soak: a month of listings would keep hundreds of thousands of ops here. */
  keepApplied = true;
  /** §13: reply `accepts: <n>` (a sheet that implements usage says 2); null: a sheet from before. */
  accepts: number | null = null;
  /** The body version of every batch received, in order, refused ones included. */
  readonly bodyVersions: number[] = [];
  /** Batches refused as bad_request (a body version or op this sheet does not take). */
  refusals = 0;
  /** Set by the invariant check: a sync whose ids were not all present when it was applied. */
  readonly violations: string[] = [];
  /** The header of the last batch applied. */
  lastHeader: { cluster: string; webUrl: string; relay: string } | null = null;
  resyncRequested = false;
  /** Answer `resync: true` to every batch, as a sheet stuck on "Refresh from Teleport" would. */
  alwaysResync = false;
  /** The next n calls answer ok:false busy without applying anything. */
  busyCalls = 0;
  /** Which signatures verify: v1 only is a sheet from before §11. */
  signatures: 'v1' | 'v2' | 'both' = 'both';
  /** Answer full (§12) to every signed batch, applying nothing. */
  full = false;
  /** Carried as `cells` in every ok reply when set. */
  cells: number | null = null;
  /** Every POST whose signature held: the relay's `ts` and the signature it used. */
  readonly posts: { ts: number; signature: SignatureVersion; reply: string }[] = [];
  private readonly nonces = new Set<string>();
  private batches = 0;

  constructor(public secret: string) {}

  readonly handler = (e: DoPostLike): Reply => {
    const body = e.postData?.contents ?? '';
    const { ts = '', nonce = '' } = e.parameter;
    if (!/^[\x20-\x7e]*$/.test(body)) return fail('bad_request');
    const signature = this.verify(e.parameter, body);
    if (signature === 'bad_request' || signature === 'bad_signature') return fail(signature);
    if (this.nonces.has(nonce)) return fail('replayed');
    this.nonces.add(nonce);
    const reply = this.busyCalls > 0 ? 'busy' : this.full ? 'full' : 'ok';
    this.posts.push({ ts: Number(ts), signature, reply });
    if (reply !== 'ok') {
      if (reply === 'busy') this.busyCalls -= 1;
      return fail(reply);
    }
    const batch = JSON.parse(body) as Omit<BatchV2, 'v'> & { v: number };
    this.bodyVersions.push(batch.v);
    const takesUsage = (this.accepts ?? 1) >= 2;
    const v2 = batch.v === 2 && takesUsage;
    if ((batch.v !== 1 && !v2) || (!v2 && batch.ops.some((op) => op.op === 'usage'))) {
      this.refusals += 1;
      return fail('bad_request');
    }
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
    const cells = this.cells === null ? {} : { cells: this.cells };
    const accepts = this.accepts === null ? {} : { accepts: this.accepts };
    return {
      content: JSON.stringify({ ok: true, applied, stale, resync, ...cells, ...accepts }),
      mimeType: 'application/json',
    };
  };

  /** The signature version that holds, as §2 step 3 and §11 check it. */
  private verify(parameter: Record<string, string>, body: string): SignatureVersion | 'bad_request' | 'bad_signature' {
    const { cluster, ts = '', nonce = '', sig = '' } = parameter;
    // A sheet from before §11 knows no `cluster` parameter: it checks the v1 string whatever it says.
    const version: SignatureVersion = cluster !== undefined && this.signatures !== 'v1' ? 2 : 1;
    if (version === 2 && cluster !== bodyCluster(body)) return 'bad_request';
    if (version === 1 && this.signatures === 'v2') return 'bad_signature';
    const message = version === 2 ? signingStringV2(cluster!, ts, nonce, body) : signingString(ts, nonce, body);
    const expected = createHmac('sha256', this.secret).update(message).digest();
    const given = Buffer.from(sig, 'hex');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'bad_signature';
    return version;
  }

  private mergeUsage(op: UsageOp): boolean {
    const row = this.rows.get(op.id);
    if (!row) return false;
    row.usage = merged(row.usage, op);
    return true;
  }

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

  private apply(op: OpV2, batch: { relay: string }): boolean {
    if (op.op === 'usage') return this.mergeUsage(op);
    if (op.op === 'heartbeat') {
      this.heartbeats.push({ at: op.at, relay: batch.relay, ...(op.stats ? { stats: op.stats } : {}) });
      return true;
    }
    if (op.op === 'upsert') {
      const row = this.rows.get(op.request.id);
      if (row && compareVersions(versionOf(op.request), versionOf(row.request)) < 0) return false;
      this.rows.set(op.request.id, { ...row, request: op.request, expired: false });
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

/** §13's merge: a usage op for a row that does not exist is stale. */
function merged(before: Row['usage'], op: UsageOp): NonNullable<Row['usage']> {
  const earliest = (a: string | null | undefined, b: string | null) => (a && (!b || a < b) ? a : b);
  const latest = (a: string | null | undefined, b: string | null) => (a && (!b || a > b) ? a : b);
  return {
    assumed: earliest(before?.assumed, op.assumed),
    firstUsed: earliest(before?.firstUsed, op.firstUsed),
    lastUsed: latest(before?.lastUsed, op.lastUsed),
    sessions: Math.max(before?.sessions ?? 0, op.sessions),
    kinds: USAGE_KINDS.filter((k) => before?.kinds.includes(k) || op.kinds.includes(k)),
  };
}

function fail(error: string): Reply {
  return { content: JSON.stringify({ ok: false, error, message: 'refused' }), mimeType: 'application/json' };
}

function bodyCluster(body: string): unknown {
  try {
    return (JSON.parse(body) as { cluster?: unknown }).cluster;
  } catch {
    return undefined;
  }
}
