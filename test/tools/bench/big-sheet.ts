// A sheet at full size for the benches: `rows` requests on the main tab and `historyRows` History
// rows, seeded from the host side with exactly what the script writes, then one real batch so the
// script has asked the History tab where it ends (measured batches never pay that once-only read).
import type { Request } from '../../../proto/contract.js';
import { makeBatch, makeRequest, upsert } from '../../sheet/fixtures.js';
import { Sheet } from '../../sheet/harness.js';
import { seedHistory, seedRows } from '../../sheet/seed.js';

export const FULL_SIZE = { rows: 50_000, history: 200_000 } as const;
/** Wall-clock limit of one execution here: Reformat and exports at full size take minutes on a busy machine. */
export const BENCH_RUNTIME = { executionTimeoutMs: 600_000 } as const;

export interface BigSheet {
  sheet: Sheet;
  /** The requests on the main tab, in row order. */
  requests: Request[];
}

export async function bigSheet(bundleDir: string, rows: number, historyRows: number): Promise<BigSheet> {
  const sheet = await Sheet.open(bundleDir, { runtime: BENCH_RUNTIME });
  const requests = Array.from({ length: rows }, () => makeRequest());
  seedRows(sheet, requests);
  seedHistory(sheet, historyRows);
  requests[0] = { ...requests[0]!, state: 'APPROVED' };
  const reply = sheet.post(makeBatch([upsert(requests[0])]));
  if (!reply.ok) throw new Error(`the warm-up batch was refused: ${reply.error}`);
  return { sheet, requests };
}

/** Modelled seconds and priced calls of one POST of `ops` (after `advanceMs` of the sheet's clock). */
export function timedPost(
  sheet: Sheet,
  ops: Parameters<typeof makeBatch>[0],
  advanceMs = 1000,
): { seconds: number; calls: number } {
  sheet.advance(advanceMs);
  sheet.rt.counters.reset();
  const reply = sheet.post(makeBatch(ops));
  if (!reply.ok) throw new Error(`bench batch refused: ${reply.error}`);
  return { seconds: sheet.rt.counters.seconds, calls: sheet.rt.counters.calls };
}
