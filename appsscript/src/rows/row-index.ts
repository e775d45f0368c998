// Which sheet row holds which request, from the Version column (and, when that is not enough, the
// ID and Cluster cells). Rows are keyed by (cluster, id) (contract §8). Cells are only opened
// (their MAC checked) when a batch needs them, so a batch costs the MACs of the rows it touches.
import { requestKey } from '../records/request-map.js';
import { claimOf, openMeta, type Claim, type Mac, type RowMeta } from './rowmeta.js';

/** What the ID and Cluster cells say, read only when a batch meets cells it cannot trust. */
export interface Identity {
  /** ID and Cluster cells by sheet row (index row − 1), as getValues returned them. */
  ids: readonly unknown[];
  clusters: readonly unknown[];
  /** Every key the History tab holds. */
  historyKeys: ReadonlySet<string>;
}

export class RowIndex {
  private readonly claims = new Map<number, Claim>();
  private readonly rowsOf = new Map<string, number[]>();
  private readonly opened = new Map<number, RowMeta | null>();
  private readonly byCells = new Map<string, number[]>();
  /**
   * A row in the data holds a Version cell that claims nothing, or two cells claim one request (one
   * was copied over another request's): a request's row may be hidden behind either.
   */
  readonly strangers: boolean;
  /** The last row holding anything we can see. */
  readonly lastUsed: number;

  constructor(
    private readonly versionColumn: readonly unknown[],
    private readonly mac: Mac,
    identity: Identity | null,
  ) {
    let lastUsed = 1;
    versionColumn.forEach((cell, i) => {
      const row = i + 1;
      if (row === 1) return;
      if (cell !== '' && cell !== null && cell !== undefined) lastUsed = row;
      const claim = claimOf(cell);
      if (!claim) return;
      this.claims.set(row, claim);
      const key = requestKey(claim.cluster, claim.id);
      this.rowsOf.set(key, [...(this.rowsOf.get(key) ?? []), row]);
    });
    if (identity) lastUsed = Math.max(lastUsed, this.indexCells(identity));
    this.lastUsed = lastUsed;
    const copied = [...this.rowsOf.values()].some((rows) => rows.length > 1);
    this.strangers = copied || lastUsed - 1 > this.claims.size;
    this.identity = identity;
  }

  private readonly identity: Identity | null;

  /** Rows by what their ID and Cluster cells say; returns the last row with an ID. */
  private indexCells(identity: Identity): number {
    let last = 1;
    identity.ids.forEach((id, i) => {
      const row = i + 1;
      const cluster = identity.clusters[i];
      if (row === 1 || typeof id !== 'string' || id === '') return;
      last = row;
      if (typeof cluster !== 'string') return;
      const key = requestKey(cluster, id);
      this.byCells.set(key, [...(this.byCells.get(key) ?? []), row]);
    });
    return last;
  }

  /**
   * The row's bookkeeping when its cell is sealed by us (and, once the ID and Cluster cells are read,
   * sealed for the request they show: a seal is its own row's, not one copied from another), else null.
   */
  meta(row: number): RowMeta | null {
    if (!this.opened.has(row)) {
      const meta = this.claims.has(row) ? openMeta(this.versionColumn[row - 1], this.mac) : null;
      this.opened.set(row, meta && this.isRowOf(row, meta) ? meta : null);
    }
    return this.opened.get(row)!;
  }

  private isRowOf(row: number, meta: RowMeta): boolean {
    if (!this.identity) return true;
    return this.identity.ids[row - 1] === meta.id && this.identity.clusters[row - 1] === meta.cluster;
  }

  claimants(key: string): readonly number[] {
    return this.rowsOf.get(key) ?? [];
  }

  /** Rows whose ID and Cluster cells say `key` (only known with an Identity). */
  rowsByCells(key: string): readonly number[] {
    return this.byCells.get(key) ?? [];
  }

  /** The ids one cluster's cells claim, skipping cells that say they are away (nothing to do there). */
  liveIds(cluster: string): Set<string> {
    const ids = new Set<string>();
    for (const claim of this.claims.values()) if (claim.cluster === cluster && !claim.away) ids.add(claim.id);
    return ids;
  }
}
