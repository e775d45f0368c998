// The row an upsert draws (render.ts) and the sealed bookkeeping that goes with it: the hash that
// lets an identical upsert rewrite nothing, and the cover of the cells the script writes (cover.ts).
import { requestLink, versionOf, type Request } from '../../../proto/contract.js';
import type { Decision, ResolvedMark } from '../ledger/decision.js';
import { rolesText, type HistoryMark } from '../ledger/history.js';
import { COL, USAGE_COLUMNS } from '../ledger/layout.js';
import type { UsageMark } from '../ledger/usage.js';
import { coverOf } from './cover.js';
import { renderRow, type Cell } from './render.js';
import { contentHash, type Mac, type RowMeta } from './rowmeta.js';

export interface DrawContext {
  cluster: string;
  now: Date;
  mac: Mac;
  /** The base of the cluster's links: never a body's webUrl itself (an enrolled cluster's comes from its enrolment). */
  linkBase: string;
  /** The latest signed ts that upserted the row, this batch's included. */
  sentAt: number;
  /** The row's usage so far: an upsert never changes it. */
  usage: UsageMark | null;
}

export interface Drawn {
  meta: RowMeta;
  cells: Cell[];
}

export function drawRow(
  request: Request,
  decided: { decision: Decision; resolved: ResolvedMark | null; history: HistoryMark },
  ctx: DrawContext,
): Drawn {
  const url = requestLink(ctx.linkBase, request.id) ?? '';
  const cells = renderRow(request, {
    cluster: ctx.cluster,
    status: request.state,
    updated: ctx.now,
    version: '',
    hasLink: url !== '',
    decision: decided.decision,
  });
  // The usage cells are left out: usage ops change them, and a layout-2 row keeps its hash in layout 3.
  const shown = cells
    .slice(0, COL.updated - 1)
    .filter((_, i) => !(USAGE_COLUMNS as readonly number[]).includes(i + 1))
    .map((c) => (c instanceof Date ? c.toISOString() : String(c)));
  const [rank, reviews] = versionOf(request);
  const meta: RowMeta = {
    id: request.id,
    cluster: ctx.cluster,
    state: request.state,
    rank,
    reviews,
    hash: contentHash([...shown, url]),
    resolved: decided.resolved,
    history: decided.history,
    user: request.user,
    roles: rolesText(request.roles),
    cover: coverOf(cells, ctx.mac, true),
    updated: 0,
    sentAt: ctx.sentAt,
    usage: ctx.usage,
  };
  return { meta, cells };
}
