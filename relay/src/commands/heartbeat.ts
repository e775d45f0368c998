import { CONTRACT_VERSION, encodeAsciiJson, type Batch } from '../../../proto/contract.js';
import type { BatchHeader } from '../delivery/header.js';
import { classifyReply, type Verdict } from '../delivery/reply.js';
import type { SendResult, SheetClient } from '../delivery/sheet-client.js';

// One signed heartbeat, sent once: the proof used by `check` and `smoke`.

export async function sendOneHeartbeat(
  client: SheetClient,
  header: BatchHeader,
  stats: Record<string, number>,
): Promise<{ result: SendResult; verdict: Verdict }> {
  const batch: Batch = {
    v: CONTRACT_VERSION,
    ...header,
    ops: [{ op: 'heartbeat', at: new Date().toISOString(), stats }],
  };
  const result = await client.send(encodeAsciiJson(batch));
  return { result, verdict: classifyReply(result, batch.ops.length) };
}
