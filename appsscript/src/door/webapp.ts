// The web app: verify (contract §2) before anything else, then apply under the script lock, and
// always answer a reply — an exception anywhere becomes {"ok":false,"error":"internal"}, never
// Apps Script's HTML error page, which the relay could not tell from a quota page. A batch the
// spreadsheet has no room for is answered `full`, and nothing of it is applied (contract §12).
import type { HeartbeatOp, Reply } from '../../../proto/contract.js';
import { applyRows, type Applied, type Delivery } from '../tabs/apply-batch.js';
import { SheetFullError, currentCells, reportedCells } from '../capacity/room.js';
import { ensureDashboardTimer } from '../tabs/dashboard-timer.js';
import type { Platform, Workbook } from '../gas/platform.js';
import { bindCluster } from './bind.js';
import { clusterSecrets, directory, isBound, type Directory } from '../stores/clusters.js';
import { parseBatch, type ParseResult } from './parse.js';
import { recordContact, requestRefresh } from '../stores/relay-store.js';
import { claimNonce } from './replay.js';
import { BUSY, FULL, INTERNAL, errorReply, okReply } from './reply.js';
import { v1Secrets } from '../stores/secrets.js';
import { spreadsheetId } from '../stores/spreadsheet-id.js';
import { verify, type Signed } from './verify.js';

export const LOCK_WAIT_MS = 10_000;

/** The parts of Apps Script's doPost event the web app reads; the event is absent when run from the editor. */
export interface PostEvent {
  postData?: { contents?: unknown };
  parameter?: Record<string, unknown>;
}

/**
 * Bookkeeping around an applied batch (the relay record, the resync flag) lives in Properties, whose
 * daily quota can run out: that must not fail, and so endlessly repeat, a batch already applied.
 */
function bestEffort<T>(what: string, fn: () => T, fallback: T): T {
  try {
    return fn();
  } catch (err) {
    console.warn(`could not ${what}: ` + (err instanceof Error ? err.message : 'unknown'));
    return fallback;
  }
}

/** A batch of heartbeats only touches no spreadsheet; the Dashboard refreshes on its own timer. */
function applyBatch(platform: Platform, signed: Signed, delivery: Delivery, now: number): Reply {
  const { batch } = delivery;
  let counts: Applied = { applied: batch.ops.length, stale: 0 };
  let upgraded = false;
  let wb: Workbook | null = null;
  if ((batch.ops as readonly { op: string }[]).some((op) => op.op !== 'heartbeat')) {
    wb = platform.spreadsheet(spreadsheetId(platform));
    // Every relay re-sends its live requests, so the converted tab's new cells fill.
    const onUpgrade = () => {
      upgraded = true;
      bestEffort('ask every relay to re-list', () => requestRefresh(platform, now), undefined);
    };
    counts = applyRows(platform, wb, delivery, new Date(now), onUpgrade);
    wb.flush();
  }
  const ops: readonly { op: string }[] = batch.ops;
  const heartbeats = ops.filter((op): op is HeartbeatOp => op.op === 'heartbeat');
  const heartbeat = heartbeats[heartbeats.length - 1] ?? null;
  const usage = ops.some((op) => op.op === 'usage');
  const contact = { relay: batch.relay, cluster: batch.cluster, now, heartbeat, usage, signature: signed.signature };
  const enrolled = signed.cluster !== null;
  const resync = bestEffort('record the relay contact', () => recordContact(platform, contact, enrolled), false);
  bestEffort('make the dashboard timer', () => ensureDashboardTimer(platform, now), undefined);
  const opened = wb;
  const cells = bestEffort(
    'count the grid',
    () => (opened ? currentCells(platform, opened) : reportedCells(platform)),
    null,
  );
  return okReply(counts.applied, counts.stale, resync || upgraded, cells);
}

/** Contract §2 steps 4–6, under the lock: the nonce first, so two copies of one POST take turns. */
function lockedApply(platform: Platform, signed: Signed, parsed: ParseResult, clusters: Directory): Reply {
  const now = platform.now();
  const nonce = claimNonce(platform, signed.ts, signed.nonce, Math.floor(now / 1000));
  if (nonce === 'replayed') return errorReply('replayed', 'nonce already used');
  if (nonce === 'busy') return errorReply('busy', 'the replay record is being rebuilt; retry later');
  if (!parsed.ok) return errorReply('bad_request', parsed.message);
  try {
    return applyBatch(platform, signed, { batch: parsed.batch, sentAt: signed.ts, clusters }, now);
  } catch (err) {
    if (err instanceof SheetFullError) return FULL;
    throw err;
  }
}

function verifiedApply(e: PostEvent | undefined, platform: Platform): Reply {
  const now = platform.now();
  let clusters: Directory | null = null;
  const enrolled = () => (clusters ??= directory(platform));
  const query = e?.parameter;
  const verdict = verify(
    { body: e?.postData?.contents, ts: query?.ts, nonce: query?.nonce, sig: query?.sig, cluster: query?.cluster },
    {
      nowSeconds: () => Math.floor(now / 1000),
      sheetSecrets: () => v1Secrets(platform),
      clusterSecrets: (cluster) => clusterSecrets(enrolled(), cluster),
      hmacHex: (key, message) => platform.crypto.hmacSha256Hex(key, message),
    },
  );
  if (!verdict.ok) return errorReply(verdict.error, verdict.message);
  // Parsed outside the lock, which other executions wait for, but reported after the nonce.
  const parsed = parseBatch(verdict.body);
  const refused = bindCluster(verdict, parsed, (cluster) => isBound(enrolled(), cluster));
  if (refused) return refused;
  return platform.withScriptLock(LOCK_WAIT_MS, () => lockedApply(platform, verdict, parsed, enrolled())) ?? BUSY;
}

/** doPost: never throws. */
export function handle(e: PostEvent | undefined, platform: Platform): Reply {
  try {
    return verifiedApply(e, platform);
  } catch (err) {
    console.error('doPost failed: ' + (err instanceof Error ? `${err.name}: ${err.message}` : 'unknown'));
    return INTERNAL;
  }
}
