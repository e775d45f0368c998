// A verified batch's ops on the two tabs, under the script lock: plan from the Version column,
// append the History events, then write the rows — in that order, so an execution cut short can
// repeat an event (Reformat removes the copy) but never lose one (contract §9).
import type { ReceivedBatch } from '../door/parse.js';
import type { Platform, Workbook } from '../gas/platform.js';
import { appendHistory, historyKeys } from './history-tab.js';
import { isBound, withEnrolledUrls, type Directory } from '../stores/clusters.js';
import { rememberWebUrl, sealingKey, rowMac, webUrls } from '../stores/ledger-store.js';
import { planBatch, type Plan, type PlanInput } from '../rows/plan.js';
import { applyPlan, readIdentityCells, readVersionColumn } from './requests-tab.js';

export interface Applied {
  applied: number;
  stale: number;
}

/** A verified batch with what the door learnt besides its body. */
export interface Delivery {
  batch: ReceivedBatch;
  /** Its signed ts, unix seconds. */
  sentAt: number;
  /** The enrolled clusters (§11): their links come from their enrolled addresses, never a body's webUrl. */
  clusters: Directory;
}

/** Plans with the Version column alone, and again with the ID/Cluster cells and History keys when it must. */
function plan(platform: Platform, wb: Workbook, input: Omit<PlanInput, 'identity'>): Plan {
  const first = planBatch({ ...input, identity: null });
  if (first.ok) return first.plan;
  const identity = { ...readIdentityCells(wb), historyKeys: historyKeys(platform, wb) };
  const second = planBatch({ ...input, identity });
  if (!second.ok) throw new Error('a plan with the identity cells needs nothing more');
  return second.plan;
}

/** `onUpgrade` runs (before anything is written) when the batch converted a layout-1 or layout-2 tab. */
export function applyRows(platform: Platform, wb: Workbook, d: Delivery, now: Date, onUpgrade: () => void): Applied {
  const { batch, clusters } = d;
  const versionColumn = readVersionColumn(wb, onUpgrade);
  const mac = rowMac(platform, sealingKey(platform, true)!);
  if (!isBound(clusters, batch.cluster)) rememberWebUrl(platform, batch.cluster, batch.webUrl);
  const urls = withEnrolledUrls(webUrls(platform), clusters);
  const planned = plan(platform, wb, { versionColumn, batch, now, mac, webUrls: urls, sentAt: d.sentAt });
  appendHistory(platform, wb, planned.events);
  applyPlan(wb, planned, now, mac);
  return { applied: planned.applied, stale: planned.stale };
}
