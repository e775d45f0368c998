import { CONTRACT_VERSION, encodeAsciiJson, type Batch } from '../../../proto/contract.js';
import type { BatchHeader } from '../delivery/header.js';
import type { SheetClient } from '../delivery/sheet-client.js';
import { SignatureChoice, type SignedReply } from '../delivery/signature.js';

// One signed heartbeat, sent once (v2 first, v1 if the sheet only takes that): the proof used by
// `check` and `smoke`.

export async function sendOneHeartbeat(
  client: SheetClient,
  header: BatchHeader,
  stats: Record<string, number>,
): Promise<SignedReply> {
  const batch: Batch = {
    v: CONTRACT_VERSION,
    ...header,
    ops: [{ op: 'heartbeat', at: new Date().toISOString(), stats }],
  };
  return new SignatureChoice(client, header.cluster).send(encodeAsciiJson(batch), batch.ops.length);
}
