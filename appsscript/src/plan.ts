// Plans a verified batch against the sheet as the Version column describes it (one read), in
// plain TypeScript: which rows get written, where new rows go, and the reply counts. Nothing here
// touches Apps Script; compose.ts turns a plan into the arrays the adapter writes.
import {
  compareVersions,
  requestLink,
  versionOf,
  type Batch,
  type HeartbeatOp,
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

class Planner {
  readonly metas = new Map<number, RowMeta>();
  readonly rowOf = new Map<string, number>();
  readonly writes = new Map<number, RowWrite | 'header'>();
  readonly heartbeats: HeartbeatOp[] = [];
  applied = 0;
  stale = 0;
  nextRow: number;

  constructor(
    versionColumn: readonly unknown[],
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

  upsert(op: UpsertOp): void {
    const row = this.rowOf.get(op.request.id);
    const current = row === undefined ? undefined : this.metas.get(row);
    if (current && compareVersions(versionOf(op.request), [current.rank, current.reviews]) < 0) {
      this.stale++;
      return;
    }
    this.applied++;
    const next = rendered(op.request, this.batch, this.now);
    if (current && !current.gone && current.hash === next.meta.hash) return;
    const target = row ?? this.nextRow++;
    this.rowOf.set(op.request.id, target);
    this.metas.set(target, next.meta);
    this.writes.set(target, next);
  }

  remove(id: string): void {
    const row = this.rowOf.get(id);
    const current = row === undefined ? undefined : this.metas.get(row);
    if (row === undefined || !current || current.gone) return;
    const meta: RowMeta = { ...current, gone: true };
    this.metas.set(row, meta);
    const pending = this.writes.get(row);
    this.writes.set(row, { meta, cells: pending && pending !== 'header' ? pending.cells : null });
  }

  sync(ids: readonly string[]): void {
    const keep = new Set(ids);
    for (const [id, row] of this.rowOf) {
      const meta = this.metas.get(row);
      if (meta && meta.cluster === this.batch.cluster && !keep.has(id)) this.remove(id);
    }
  }
}

export function planBatch(versionColumn: readonly unknown[], batch: Batch, now: Date): Plan {
  const p = new Planner(versionColumn, batch, now);
  for (const op of batch.ops) {
    switch (op.op) {
      case 'upsert':
        p.upsert(op);
        break;
      case 'delete':
        p.remove(op.id);
        p.applied++;
        break;
      case 'sync':
        p.sync(op.ids);
        p.applied++;
        break;
      case 'heartbeat':
        p.heartbeats.push(op);
        p.applied++;
        break;
    }
  }
  let span: Plan['span'] = null;
  for (const row of p.writes.keys()) {
    span = span ? { first: Math.min(span.first, row), last: Math.max(span.last, row) } : { first: row, last: row };
  }
  let needsRead = false;
  if (span) {
    for (let row = span.first; row <= span.last && !needsRead; row++) {
      const w = p.writes.get(row);
      needsRead = w === undefined || (w !== 'header' && w.cells === null);
    }
  }
  const gridRows = versionColumn.length;
  const growBy = span && span.last > gridRows ? span.last - gridRows + GROW_HEADROOM_ROWS : 0;
  return {
    applied: p.applied,
    stale: p.stale,
    heartbeats: p.heartbeats,
    writes: p.writes,
    metas: p.metas,
    gridRows,
    growBy,
    span,
    needsRead,
  };
}
