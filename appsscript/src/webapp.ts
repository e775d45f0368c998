// The web app: verify (contract §2) before anything else, then apply under the script lock, and
// always answer JSON — an exception anywhere becomes {"ok":false,"error":"internal"}, never
// Apps Script's HTML error page, which the relay could not tell from a quota page.
import type { Reply } from '../../proto/contract.js';
import * as services from './gas-services.js';
import { applyPlan, flush, openSpreadsheet, readVersionColumn } from './gas-sheet.js';
import { parseBatch } from './parse.js';
import { planBatch } from './plan.js';
import { BUSY, INTERNAL, STATUS, errorReply, okReply } from './reply.js';
import { verify } from './verify.js';

export const LOCK_WAIT_MS = 10_000;

function json(value: unknown): GoogleAppsScript.Content.TextOutput {
  return ContentService.createTextOutput(JSON.stringify(value)).setMimeType(ContentService.MimeType.JSON);
}

/**
 * Bookkeeping around an applied batch (last contact, the resync flag) lives in Properties, whose
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

function handle(e: GoogleAppsScript.Events.DoPost | undefined): Reply {
  const now = Date.now();
  const verdict = verify(
    { body: e?.postData?.contents, ts: e?.parameter?.ts, nonce: e?.parameter?.nonce, sig: e?.parameter?.sig },
    {
      nowSeconds: () => Math.floor(now / 1000),
      secrets: services.secrets,
      hmacHex: services.hmacHex,
      nonceSeen: services.nonceSeen,
    },
  );
  if (!verdict.ok) return errorReply(verdict.error, verdict.message);

  const parsed = parseBatch(verdict.body);
  if (!parsed.ok) return errorReply('bad_request', parsed.message);
  const batch = parsed.batch;

  const reply = services.withScriptLock(LOCK_WAIT_MS, (): Reply => {
    const ss = openSpreadsheet(services.spreadsheetId());
    const plan = planBatch(readVersionColumn(ss), batch, new Date(now));
    applyPlan(ss, plan, new Date(now));
    flush();
    const heartbeat = plan.heartbeats[plan.heartbeats.length - 1] ?? null;
    bestEffort('record the relay contact', () => services.recordContact(now, batch.relay, heartbeat), undefined);
    return okReply(plan.applied, plan.stale, bestEffort('read the resync flag', services.takeResync, false));
  });
  return reply ?? BUSY;
}

export function doPost(e: GoogleAppsScript.Events.DoPost): GoogleAppsScript.Content.TextOutput {
  try {
    return json(handle(e));
  } catch (err) {
    console.error('doPost failed: ' + (err instanceof Error ? `${err.name}: ${err.message}` : 'unknown'));
    return json(INTERNAL);
  }
}

export function doGet(): GoogleAppsScript.Content.TextOutput {
  try {
    return json(STATUS);
  } catch {
    return json(INTERNAL);
  }
}
