import { parseArgs } from 'node:util';
import { hostname } from 'node:os';
import { sheetUrlProblem } from '../config/checks.js';
import { loadSecret } from '../delivery/secret.js';
import { createSheetClient } from '../delivery/sheet-client.js';
import { relayVersion } from '../version.js';
import { explainSignature, explainVerdict } from '../delivery/explain.js';
import { sendOneHeartbeat } from './heartbeat.js';
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, type CliIo } from './io.js';

export const SMOKE_USAGE = 'usage: teleport-sheets-relay smoke --url URL --secret-file FILE [--cluster NAME]';
const SMOKE_TIMEOUT_MS = 60_000;

/**
 * `smoke`: one signed heartbeat to a web app URL; exit 0 only when the sheet accepted it. With
 * `--cluster`, signed v2 as that cluster (contract §11), which a cluster's own secret needs.
 */
export async function smokeCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { url: { type: 'string' }, 'secret-file': { type: 'string' }, cluster: { type: 'string' } },
  });
  const url = values.url?.trim();
  const secretFile = values['secret-file'];
  if (!url || !secretFile) {
    io.err(SMOKE_USAGE);
    return EXIT_USAGE;
  }
  const problem = sheetUrlProblem(url);
  if (problem) {
    io.err(`✗ --url ${problem}.`);
    return EXIT_USAGE;
  }
  const { secret, warnings } = await loadSecret({ from: 'file', path: secretFile }, {});
  for (const w of warnings) io.err(`! ${w}`);
  const client = createSheetClient({ url, secret, timeoutMs: SMOKE_TIMEOUT_MS });
  const relayId = hostname()
    .replace(/[^A-Za-z0-9._-]/g, '-')
    .slice(0, 50);
  const header = {
    cluster: values.cluster ?? 'smoke-test',
    webUrl: 'https://smoke-test.invalid',
    relay: `${relayId}-smoke/${relayVersion()}`,
  };
  const { verdict, signature } = await sendOneHeartbeat(client, header, { smoke: 1 }).finally(() => client.close());
  if (verdict.kind === 'delivered') {
    io.out(`✓ signed heartbeat accepted by ${url}, signature ${explainSignature(signature, header.cluster)}`);
    return EXIT_OK;
  }
  io.out(`✗ heartbeat not accepted: ${explainVerdict(verdict)}`);
  return EXIT_FAILED;
}
