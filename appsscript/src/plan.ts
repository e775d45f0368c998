// Plans a verified batch against the sheet as the Version column describes it (one read), in
// plain TypeScript: which rows get written, where new rows go, and the reply counts. Nothing here
// touches Apps Script; compose.ts turns a plan into the arrays the adapter writes.
import {
  compareVersions,
  requestLink,
  versionOf,
  type Batch,
  type HeartbeatOp,
  type Op,
  type Request,
  type UpsertOp,
} from '../../proto/contract.js';
import { COL, HEADERS } from './columns.js';
import { renderRow, type Cell } from './render.js';
import { contentHash, decodeMeta, type RowMeta } from './rowmeta.js';

export interface RowWrite {
  meta: RowMeta;
  /** The full rendered row, or null when the existing cells are kept and only Status/Updated/Version change. */
  cells: Cell[] | null;
}

export interface Plan {
  applied: number;
  stale: number;
  heartbeats: HeartbeatOp[];
  /** Sheet row (1-based) → what to write there. Row 1 is the header. */
  writes: Map<number, RowWrite | 'header'>;
  /** Parsed Version cells of every row we own, by sheet row, after the plan. */
  metas: Map<number, RowMeta>;
  /** Rows the grid has now (the length of the open-ended Version column read from row 1). */
  gridRows: number;
  /** Rows to add after gridRows before writing: 0, or what the span needs plus GROW_HEADROOM_ROWS. */
  growBy: number;
  span: { first: number; last: number } | null;
  /** The span holds rows whose other cells must be read so they can be written back unchanged. */
  needsRead: boolean;
}

export const VERSION_HEADER = HEADERS[COL.version - 1];
/** Spare rows added whenever the grid must grow, so that most batches never pay the two calls it costs. */
export const GROW_HEADROOM_ROWS = 2000;

function rendered(request: Request, batch: Batch, now: Date): { meta: RowMeta; cells: Cell[] } {
  const url = requestLink(batch.webUrl, request.id) ?? '';
  const [rank, reviews] = versionOf(request);
  const cells = renderRow(request, {
    cluster: batch.cluster,
    status: request.state,
    updated: now,
    version: '',
    hasLink: url !== '',
  });
  const hashed = cells.slice(0, COL.updated - 1).map((c) => (typeof c === 'string' ? c : c.toISOString()));
  const meta: RowMeta = {
    id: request.id,
    cluster: batch.cluster,
    state: request.state,
    rank,
    reviews,
    url,
    hash: contentHash([...hashed, url]),
    gone: false,
  };
  return { meta, cells };
}

/** Plans one batch: each op goes through apply(), in order; finish() returns the plan. */
class Planner {
  private readonly metas = new Map<number, RowMeta>();
  private readonly rowOf = new Map<string, number>();
  private readonly writes = new Map<number, RowWrite | 'header'>();
  private readonly heartbeats: HeartbeatOp[] = [];
  private applied = 0;
  private stale = 0;
  private nextRow: number;

  constructor(
    private readonly versionColumn: readonly unknown[],
    private readonly batch: Batch,
    private readonly now: Date,
  ) {
    let lastUsed = 1;
    versionColumn.forEach((cell, i) => {
      const row = i + 1;
      if (row === 1) return;
      if (cell !== '' && cell !== null && cell !== undefined) lastUsed = row;
      const meta = decodeMeta(cell);
      if (meta && !this.rowOf.has(meta.id)) {
        this.rowOf.set(meta.id, row);
        this.metas.set(row, meta);
      }
    });
    this.nextRow = lastUsed + 1;
    if (versionColumn[0] !== VERSION_HEADER) this.writes.set(1, 'header');
  }

  /** Every op but a stale upsert counts as applied, whether or not it changes a row. */
  apply(op: Op): void {
    switch (op.op) {
      case 'upsert':
        if (!this.upsert(op)) {
          this.stale++;
          return;
        }
        break;
      case 'delete':
        this.remove(op.id);
        break;
      case 'sync':
        this.sync(op.ids);
        break;
      case 'heartbeat':
        this.heartbeats.push(op);
        break;
    }
    this.applied++;
  }

  /** False when the row is newer than the upsert (contract §5). */
  private upsert(op: UpsertOp): boolean {
    const row = this.rowOf.get(op.request.id);
    const current = row === undefined ? undefined : this.metas.get(row);
    if (current && compareVersions(versionOf(op.request), [current.rank, current.reviews]) < 0) return false;
    const next = rendered(op.request, this.batch, this.now);
    if (current && !current.gone && current.hash === next.meta.hash) return true;
    const target = row ?? this.nextRow++;
    this.rowOf.set(op.request.id, target);
    this.metas.set(target, next.meta);
    this.writes.set(target, next);
    return true;
  }

  private remove(id: string): void {
    const row = this.rowOf.get(id);
    const current = row === undefined ? undefined : this.metas.get(row);
    if (row === undefined || !current || current.gone) return;
    const meta: RowMeta = { ...current, gone: true };
    this.metas.set(row, meta);
    const pending = this.writes.get(row);
    this.writes.set(row, { meta, cells: pending && pending !== 'header' ? pending.cells : null });
  }

  private sync(ids: readonly string[]): void {
    const keep = new Set(ids);
    for (const [id, row] of this.rowOf) {
      const meta = this.metas.get(row);
      if (meta && meta.cluster === this.batch.cluster && !keep.has(id)) this.remove(id);
    }
  }

  finish(): Plan {
    let span: Plan['span'] = null;
    for (const row of this.writes.keys()) {
      span = span ? { first: Math.min(span.first, row), last: Math.max(span.last, row) } : { first: row, last: row };
    }
    let needsRead = false;
    if (span) {
      for (let row = span.first; row <= span.last && !needsRead; row++) {
        const w = this.writes.get(row);
        needsRead = w === undefined || (w !== 'header' && w.cells === null);
      }
    }
    const gridRows = this.versionColumn.length;
    const growBy = span && span.last > gridRows ? span.last - gridRows + GROW_HEADROOM_ROWS : 0;
    const { applied, stale, heartbeats, writes, metas } = this;
    return { applied, stale, heartbeats, writes, metas, gridRows, growBy, span, needsRead };
  }
}

export function planBatch(versionColumn: readonly unknown[], batch: Batch, now: Date): Plan {
  const planner = new Planner(versionColumn, batch, now);
  for (const op of batch.ops) planner.apply(op);
  return planner.finish();
}
