// Contract §6 replies. Messages are fixed phrases: nothing from the request is ever echoed.
import { USAGE_BODY_VERSION, type ErrorCode, type ErrorReply, type OkReply } from '../../../proto/contract.js';

/** §13: every ok reply says the highest body version it takes; §12: `cells` when the count is fresh. */
export function okReply(applied: number, stale: number, resync: boolean, cells: number | null = null): OkReply {
  const reply: OkReply = { ok: true, applied, stale, resync, accepts: USAGE_BODY_VERSION };
  return cells === null ? reply : { ...reply, cells };
}

export function errorReply(error: ErrorCode, message: string): ErrorReply {
  return { ok: false, error, message };
}

export const BUSY = errorReply('busy', 'the sheet is busy; retry later');
export const INTERNAL = errorReply('internal', 'internal error');
export const FULL = errorReply('full', 'the spreadsheet is at its cell limit; nothing was applied');

/** The doGet answer: proves the deployment serves this script, reveals no data. */
export const STATUS = { ok: true, service: 'teleport-sheets', contract: 1 } as const;
