// Contract §6 replies. Messages are fixed phrases: nothing from the request is ever echoed.
import { USAGE_BODY_VERSION, type ErrorCode, type ErrorReply, type OkReply } from '../../../proto/contract.js';

/** §13: every ok reply says the highest body version this sheet takes. */
export function okReply(applied: number, stale: number, resync: boolean): OkReply {
  return { ok: true, applied, stale, resync, accepts: USAGE_BODY_VERSION };
}

export function errorReply(error: ErrorCode, message: string): ErrorReply {
  return { ok: false, error, message };
}

export const BUSY = errorReply('busy', 'the sheet is busy; retry later');
export const INTERNAL = errorReply('internal', 'internal error');

/** The doGet answer: proves the deployment serves this script, reveals no data. */
export const STATUS = { ok: true, service: 'teleport-sheets', contract: 1 } as const;
