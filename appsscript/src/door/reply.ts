// Contract §6 replies. Messages are fixed phrases: nothing from the request is ever echoed.
import type { ErrorCode, ErrorReply, OkReply } from '../../../proto/contract.js';

/** `cells` (contract §12) only when the sheet knows a fresh count. */
export function okReply(applied: number, stale: number, resync: boolean, cells: number | null = null): OkReply {
  return cells === null ? { ok: true, applied, stale, resync } : { ok: true, applied, stale, resync, cells };
}

export function errorReply(error: ErrorCode, message: string): ErrorReply {
  return { ok: false, error, message };
}

export const BUSY = errorReply('busy', 'the sheet is busy; retry later');
export const INTERNAL = errorReply('internal', 'internal error');
export const FULL = errorReply('full', 'the spreadsheet is at its cell limit; nothing was applied');

/** The doGet answer: proves the deployment serves this script, reveals no data. */
export const STATUS = { ok: true, service: 'teleport-sheets', contract: 1 } as const;
