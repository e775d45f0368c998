// A verified batch's ops on the two tabs, under the script lock: plan from the Version column,
// append the History events, then write the rows — in that order, so an execution cut short can
// repeat an event (Reformat removes the copy) but never lose one (contract §9). Runs in the web
// app, as the owner, the only execution that holds the sealing key (contract §15). The room both
// writes need is taken first: a batch that does not fit is refused whole (contract §12).
import { SHEET_NAME } from '../../../proto/contract.js';
import type { ReceivedBatch } from '../door/parse.js';
import { COLUMN_COUNT } from '../rows/columns.js';
import { vouches } from '../rows/cover.js';
import type { Platform, Workbook } from '../gas/platform.js';
import { appendHistory, historyKeys } from './history-tab.js';
import { isBound, withEnrolledUrls, type Directory } from '../stores/clusters.js';
import { rememberWebUrl, rowMac, webUrls } from '../stores/ledger-store.js';
import { sealingKey } from '../stores/sealing-key.js';
import { planBatch, type Plan, type PlanInput } from '../rows/plan.js';
import type { Mac } from '../rows/rowmeta.js';
import { applyPlan, growForPlan, readIdentityCells, readVersionColumn } from './requests-tab.js';

export interface Applied {
  applied: number;
  stale: number;
}

/**
 * Rows an upsert would leave alone are checked against their seal when they lie close together (one
 * read of at most this many rows): a resync then rewrites what a person typed over. Rows further
 * apart are left for the evidence export, which checks every row it exports.
 */
export const CHECK_SPAN_ROWS = 2000;

type Input = Omit<PlanInput, 'identity'>;

/** A verified batch with what the door learnt besides its body. */
export interface Delivery {
  batch: ReceivedBatch;
  /** Its signed ts, unix seconds. */
  sentAt: number;
  /** The enrolled clusters (§11): their links come from their enrolled addresses, never a body's webUrl. */
  clusters: Directory;
}

/** Plans with the Version column alone, and again with the ID/Cluster cells and History keys when it must. */
function plan(wb: Workbook, input: Input): Plan {
  const first = planBatch({ ...input, identity: null });
  if (first.ok) return first.plan;
  const identity = { ...readIdentityCells(wb), historyKeys: historyKeys(wb, input.mac) };
  const second = planBatch({ ...input, identity });
  if (!second.ok) throw new Error('a plan with the identity cells needs nothing more');
  return second.plan;
}

/** The rows among `rows` whose cells are no longer what their seal says the script wrote. */
function typedOver(wb: Workbook, planned: Plan, mac: Mac): Set<number> {
  const rows = planned.unchanged;
  const typed = new Set<number>();
  if (rows.length === 0) return typed;
  const [first, last] = [Math.min(...rows), Math.max(...rows)];
  if (last - first + 1 > CHECK_SPAN_ROWS) return typed;
  const cells = wb
    .tab(SHEET_NAME)
    .range(first, 1, last - first + 1, COLUMN_COUNT)
    .values();
  for (const row of rows) {
    const meta = planned.metaAt(row);
    if (meta && !vouches(meta, cells[row - first] ?? [], mac)) typed.add(row);
  }
  return typed;
}

/** `onUpgrade` runs (before anything is written) when the batch converted a layout-1 or layout-2 tab. */
export function applyRows(platform: Platform, wb: Workbook, d: Delivery, now: Date, onUpgrade: () => void): Applied {
  const { batch, clusters } = d;
  const versionColumn = readVersionColumn(wb, onUpgrade);
  const mac = rowMac(platform, sealingKey(platform, { owner: true, create: true })!);
  if (!isBound(clusters, batch.cluster)) rememberWebUrl(platform, batch.cluster, batch.webUrl);
  const urls = withEnrolledUrls(webUrls(platform), clusters);
  const input: Input = { versionColumn, batch, now, mac, webUrls: urls, sentAt: d.sentAt };
  let planned = plan(wb, input);
  const typed = typedOver(wb, planned, mac);
  if (typed.size > 0) planned = plan(wb, { ...input, typedOver: typed });
  growForPlan(platform, wb, planned);
  appendHistory(platform, wb, planned.events, mac);
  applyPlan(wb, planned, now, mac);
  return { applied: planned.applied, stale: planned.stale };
}
