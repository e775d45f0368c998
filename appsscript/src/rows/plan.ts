// Plans a verified batch against the sheet as the Version column describes it (one read), in
// plain TypeScript: which rows get written, where new rows go, which History events are due, and
// the reply counts. Nothing here touches Apps Script; compose.ts turns a plan into the arrays the
// adapter writes. When the cells cannot tell which row is a request's (a cell was edited), the
// plan asks for the ID and Cluster cells and the History keys, and is made again with them.
import { rowsToGrow } from '../capacity/grid-size.js';
import {
  compareVersions,
  requestLink,
  versionOf,
  type OpV2,
  type UpsertOp,
  type UsageOp,
} from '../../../proto/contract.js';
import type { ReceivedBatch } from '../door/parse.js';
import { decisionOf, nextResolvedMark } from '../ledger/decision.js';
import { emptyHistoryMark, historyStep, markFromKeys, type HistoryEvent, type HistoryMark } from '../ledger/history.js';
import { drawRow } from './draw.js';
import { rowRuns, type RowRun } from './row-runs.js';
import type { Cell } from './render.js';
import { requestKey } from '../records/request-map.js';
import { RowIndex, type Identity } from './row-index.js';
import { isGone, type Mac, type RowMeta } from './rowmeta.js';
import { COL } from '../ledger/layout.js';
import { mergeUsage, sameUsage } from '../ledger/usage.js';

export interface RowWrite {
  meta: RowMeta;
  /** The full rendered row, or null when the existing cells are kept and only Status/Updated/Version change. */
  cells: Cell[] | null;
}

export interface PlanInput {
  /** The Version column from row 1 to the end of the grid. */
  versionColumn: readonly unknown[];
  batch: ReceivedBatch;
  now: Date;
  mac: Mac;
  /** Cluster → base of its links: its enrolled address (§11), else its last verified webUrl (this batch's too). */
  webUrls: Readonly<Record<string, string>>;
  identity: Identity | null;
  /** Rows whose visible cells were read and found typed over: the next upsert for them rewrites them. */
  typedOver?: ReadonlySet<number>;
  /** The batch's signed ts (unix seconds): §15 orders a `sync` or `delete` after the upserts it follows. */
  sentAt: number;
}

export interface Plan {
  applied: number;
  stale: number;
  /** Sheet row (1-based) → what to write there. */
  writes: Map<number, RowWrite>;
  /** History events due, in op order: written before the rows. */
  events: HistoryEvent[];
  /** The sealed bookkeeping of a row after the plan, or null when the row is not ours. */
  metaAt(row: number): RowMeta | null;
  /** The "View in Teleport" target of a row of ours, '' for none. */
  linkOf(meta: RowMeta): string;
  /** Rows the grid has now (the length of the open-ended Version column read from row 1). */
  gridRows: number;
  /** Rows to add after gridRows before writing: 0, or what the span needs plus slack (capacity/grid-size.ts). */
  growBy: number;
  /** From the first row written to the last; null when nothing is. */
  span: { first: number; last: number } | null;
  /** The blocks the rows are written in (row-runs.ts), top to bottom. */
  runs: RowRun[];
  /** Rows an upsert left as they were, because their seal says they already show it (cells unchecked). */
  unchanged: number[];
  /** The first column the block covers: 1, or Assumed when only usage changes (Link, Status and the rest stay). */
  fromColumn: number;
}

export type PlanResult = { ok: true; plan: Plan } | { ok: false; needsIdentity: true };

class NeedIdentity extends Error {}

/** Plans one batch: each op goes through apply(), in order; finish() returns the plan. */
class Planner {
  private readonly index: RowIndex;
  private readonly current = new Map<number, RowMeta>();
  private readonly assigned = new Map<string, number>();
  private readonly writes = new Map<number, RowWrite>();
  private readonly events: HistoryEvent[] = [];
  private readonly unchanged: number[] = [];
  private applied = 0;
  private stale = 0;
  /** A write of this plan changes more than the usage columns, Updated and Version. */
  private wide = false;
  private nextRow: number;

  constructor(private readonly input: PlanInput) {
    this.index = new RowIndex(input.versionColumn, input.mac, input.identity);
    this.nextRow = this.index.lastUsed + 1;
  }

  private get cluster(): string {
    return this.input.batch.cluster;
  }

  /** Every op but a stale upsert or usage counts as applied, whether or not it changes a row. */
  apply(op: OpV2): void {
    if ((op.op === 'upsert' && !this.upsert(op)) || (op.op === 'usage' && !this.usage(op))) {
      this.stale++;
      return;
    }
    if (op.op === 'delete') this.away(op.id);
    if (op.op === 'sync') this.sync(op.ids);
    this.applied++;
  }

  private metaAt(row: number): RowMeta | null {
    return this.current.get(row) ?? this.index.meta(row);
  }

  /** The row of ours for `id`, sealed cells only (delete and sync never act on a cell they cannot trust). */
  private sealedRow(id: string): { row: number; meta: RowMeta } | null {
    const key = requestKey(this.cluster, id);
    const rows = this.assigned.has(key) ? [this.assigned.get(key)!] : this.index.claimants(key);
    const sealed = rows.filter((row) => this.isSealedFor(row, key));
    // A second sealed claimant is a copied cell: only the ID and Cluster cells tell which row is the request's.
    if (sealed.length > 1 && !this.input.identity) throw new NeedIdentity();
    const row = sealed[0];
    return row === undefined ? null : { row, meta: this.metaAt(row)! };
  }

  /**
   * Where an upsert goes. One sealed claimant: that row. None and no doubt: a new row. Otherwise
   * the ID and Cluster cells decide: a sealed row they confirm, else a row they name whose cell is
   * not sealed for another request (it is re-adopted), else a new row.
   */
  private locate(id: string): { row: number; meta: RowMeta | null } | null {
    const key = requestKey(this.cluster, id);
    if (this.assigned.has(key)) return { row: this.assigned.get(key)!, meta: this.metaAt(this.assigned.get(key)!) };
    const claimants = this.index.claimants(key);
    const sealed = claimants.filter((row) => this.isSealedFor(row, key));
    // Other claimants of a lone sealed row are cells someone copied or typed: not ours, left alone.
    if (sealed.length === 1) return { row: sealed[0]!, meta: this.metaAt(sealed[0]!) };
    if (claimants.length === 0 && !this.index.strangers) return null;
    if (!this.input.identity) throw new NeedIdentity();
    const named = this.index.rowsByCells(key);
    const confirmed = sealed.find((row) => named.includes(row)) ?? sealed[0];
    if (confirmed !== undefined) return { row: confirmed, meta: this.metaAt(confirmed) };
    const adoptable = named.find((row) => this.metaAt(row) === null && !this.current.has(row));
    return adoptable === undefined ? null : { row: adoptable, meta: null };
  }

  private isSealedFor(row: number, key: string): boolean {
    const meta = this.metaAt(row);
    return meta !== null && requestKey(meta.cluster, meta.id) === key;
  }

  /** False when the row is newer than the upsert (contract §5). */
  private upsert(op: UpsertOp): boolean {
    const { request } = op;
    const found = this.locate(request.id);
    const current = found?.meta ?? null;
    if (current && compareVersions(versionOf(request), [current.rank, current.reviews]) < 0) return false;
    const mark = current?.history ?? this.pastOf(request.id);
    const resolved = nextResolvedMark(current?.resolved ?? null, request.state, this.input.now);
    const decision = decisionOf(request, request.state, resolved);
    const step = historyStep(mark, { kind: 'upsert', request, decision }, this.cluster, this.input.now);
    const next = drawRow(
      request,
      { decision, resolved, history: step.mark },
      {
        ...{ cluster: this.cluster, now: this.input.now, mac: this.input.mac },
        linkBase: this.input.webUrls[this.cluster] ?? '',
        sentAt: Math.max(current?.sentAt ?? 0, this.input.sentAt),
        usage: current?.usage ?? null,
      },
    );
    if (current && step.events.length === 0 && !isGone(current) && this.shows(found!.row, current, next.meta)) {
      this.unchanged.push(found!.row);
      return true;
    }
    this.events.push(...step.events);
    const row = found?.row ?? this.nextRow++;
    this.assigned.set(requestKey(this.cluster, request.id), row);
    this.current.set(row, next.meta);
    this.writes.set(row, next);
    this.wide = true;
    return true;
  }

  /** The row already shows the upsert, as far as its seal says: sealed since §15 and not found typed over. */
  private shows(row: number, current: RowMeta, next: RowMeta): boolean {
    return current.hash === next.hash && current.cover !== '' && !this.input.typedOver?.has(row);
  }

  /** A row first seen (or re-adopted) starts from what the History holds, when that was read. */
  private pastOf(id: string): HistoryMark {
    const keys = this.input.identity?.historyKeys;
    return keys ? markFromKeys((k) => keys.has(k), this.cluster, id) : emptyHistoryMark();
  }

  /** A late or replayed `sync` or `delete` (signed before the row's last upsert) leaves the row alone (§15). */
  private away(id: string): void {
    const found = this.sealedRow(id);
    if (!found || isGone(found.meta) || this.input.sentAt < found.meta.sentAt) return;
    const { row, meta: current } = found;
    const status = current.state === 'PENDING' ? 'EXPIRED' : current.state;
    const person = { id: current.id, user: current.user, roles: current.roles };
    const step = historyStep(current.history, { kind: 'away', row: person, status }, this.cluster, this.input.now);
    this.events.push(...step.events);
    const meta: RowMeta = { ...current, history: step.mark };
    this.current.set(row, meta);
    this.writes.set(row, { meta, cells: this.writes.get(row)?.cells ?? null });
    this.wide = true;
  }

  /** §13: merged into a sealed row of this cluster, else stale. Never changes Status or the version. */
  private usage(op: UsageOp): boolean {
    const found = this.sealedRow(op.id);
    if (!found) return false;
    const { row, meta: current } = found;
    const usage = mergeUsage(current.usage, op);
    const person = { id: current.id, user: current.user, roles: current.roles };
    const step = historyStep(current.history, { kind: 'usage', row: person, usage }, this.cluster, this.input.now);
    if (step.events.length === 0 && sameUsage(current.usage, usage)) return true;
    this.events.push(...step.events);
    const meta: RowMeta = { ...current, usage, history: step.mark };
    this.current.set(row, meta);
    this.writes.set(row, { meta, cells: this.writes.get(row)?.cells ?? null });
    return true;
  }

  private sync(ids: readonly string[]): void {
    const keep = new Set(ids);
    const live = this.index.liveIds(this.cluster);
    for (const [key, row] of this.assigned) {
      const meta = this.current.get(row);
      if (meta && requestKey(meta.cluster, meta.id) === key && meta.cluster === this.cluster) live.add(meta.id);
    }
    for (const id of live) if (!keep.has(id)) this.away(id);
  }

  finish(): Plan {
    const runs = rowRuns(this.writes.keys(), (row) => this.writes.get(row)?.cells != null);
    const span = runs.length > 0 ? { first: runs[0]!.first, last: runs[runs.length - 1]!.last } : null;
    const gridRows = this.input.versionColumn.length;
    const growBy = span ? rowsToGrow(gridRows, span.last) : 0;
    const { webUrls } = this.input;
    return {
      applied: this.applied,
      stale: this.stale,
      writes: this.writes,
      events: this.events,
      metaAt: (row) => this.metaAt(row),
      linkOf: (meta) => requestLink(webUrls[meta.cluster] ?? '', meta.id) ?? '',
      gridRows,
      growBy,
      span,
      runs,
      unchanged: this.unchanged,
      fromColumn: this.wide ? 1 : COL.assumed,
    };
  }
}

export function planBatch(input: PlanInput): PlanResult {
  const planner = new Planner(input);
  try {
    for (const op of input.batch.ops) planner.apply(op);
  } catch (err) {
    if (err instanceof NeedIdentity) return { ok: false, needsIdentity: true };
    throw err;
  }
  return { ok: true, plan: planner.finish() };
}
