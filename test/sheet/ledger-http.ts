// Delivering batches to the real bundle behind Google's POST → 302 → GET front, as the relay
// does it: a fresh ts, nonce and signature per attempt, and a retry until a JSON reply arrives.
import { encodeAsciiJson, type Batch, type Reply } from '../../proto/contract.js';
import { HISTORY_COL } from '../../appsscript/src/ledger/layout.js';
import { startWebApp, type FaultPlan, type WebApp } from '../gas/web-front.js';
import { signParams } from './fixtures.js';
import type { Sheet } from './harness.js';

export class Front {
  private constructor(
    readonly sheet: Sheet,
    readonly app: WebApp,
  ) {}

  static async start(sheet: Sheet, faults: FaultPlan | null = null): Promise<Front> {
    return new Front(sheet, await startWebApp(sheet.rt, { faults }));
  }

  /** One attempt: the reply, or null when none came back as JSON. */
  async attempt(batch: Batch): Promise<Reply | null> {
    const body = encodeAsciiJson(batch);
    const query = new URLSearchParams(signParams(body, this.sheet.nowSeconds));
    try {
      const res = await fetch(`${this.app.url}?${query}`, {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json' },
      });
      return /json/.test(res.headers.get('content-type') ?? '') ? ((await res.json()) as Reply) : null;
    } catch {
      return null;
    }
  }

  /** Retries (a bounded number of times) until the sheet answers ok. */
  async deliver(batch: Batch): Promise<Reply> {
    for (let i = 0; i < 10; i++) {
      const reply = await this.attempt(batch);
      if (reply?.ok) return reply;
    }
    throw new Error('no ok reply after 10 attempts');
  }

  close(): Promise<void> {
    return this.app.close();
  }
}

/** The History tab's rows below its header, as { key: [event, by, detail, time] }; throws on a repeated key. */
export function historyByKey(sheet: Sheet): Map<string, unknown[][]> {
  const tab = sheet.rt.spreadsheet.getSheetByName('History');
  const out = new Map<string, unknown[][]>();
  if (!tab) return out;
  for (const row of tab.values().slice(1)) {
    const key = row[HISTORY_COL.key - 1];
    if (typeof key !== 'string' || key === '') continue;
    out.set(key, [...(out.get(key) ?? []), row]);
  }
  return out;
}
