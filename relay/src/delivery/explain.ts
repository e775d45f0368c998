import { CLUSTER_PARAM_PATTERN, GRID_CELL_LIMIT, type SignatureVersion } from '../../../proto/contract.js';
import type { FailureReason, Verdict } from './reply.js';

// What each delivery failure means and how to fix it, as sentences for a human: the one table
// used by the logs, `check` and `smoke`. classifyReply decides; this only explains.

const EXECUTIONS_LOG = 'open the Apps Script executions log';

/** Per reason: what happened, and what to do about it. */
const REASON_TEXT: Record<FailureReason, readonly [what: string, fix: string]> = {
  html_page: [
    'the web app answered an HTML page instead of JSON (Apps Script reports quota, too many executions ' +
      'and script errors that way)',
    `${EXECUTIONS_LOG}, and check the deployment runs as "Me" with access "Anyone"`,
  ],
  not_json: ['the web app answered something that is not JSON', "check the URL is the deployment's /exec URL"],
  bad_shape: [
    'the web app answered JSON that is not a contract reply',
    'check the URL points at the teleport-sheets script',
  ],
  count_mismatch: [
    'the web app reported a different number of ops than were sent',
    'update the sheet script and the relay to the same release',
  ],
  busy: ['the sheet was busy (its script lock was held)', 'this heals by itself'],
  internal: ['the sheet script failed internally', `${EXECUTIONS_LOG} for the error`],
  replayed: ['the sheet saw this nonce before', 'this heals by itself on the next attempt'],
  http_5xx: ['Google answered with a server error', 'this usually heals by itself'],
  http_4xx: [
    'the URL answered with a client error (the deployment may be deleted, or not shared with "Anyone")',
    'copy the /exec URL from Deploy → Manage deployments',
  ],
  http_other: ['the URL answered with an unexpected HTTP status', 'check it is the /exec URL'],
  timeout: ['the web app did not answer in time', 'check outbound HTTPS to script.google.com'],
  reset: ['the connection was reset', 'check proxies and firewalls between the relay and script.google.com'],
  refused: ['the connection was refused', 'check the host and port of the URL'],
  dns: ['the host name of the URL does not resolve', "check the URL and the relay's DNS"],
  tls: [
    'the TLS handshake failed',
    'check the relay trusts the certificate authority of the URL (a TLS-inspecting proxy needs NODE_EXTRA_CA_CERTS)',
  ],
  proxy: [
    'the outbound proxy (HTTPS_PROXY) refused or could not make the tunnel',
    'check that it allows CONNECT to script.google.com:443 and its credentials, or list the host in NO_PROXY',
  ],
  network: ['the request failed on the network', 'check outbound HTTPS from the relay'],
  redirect: [
    'the URL redirected somewhere the relay does not follow (only a 302 or 303 to script.googleusercontent.com ' +
      "or to the URL's own origin is followed, with a GET)",
    "check sheet.url is the deployment's /exec URL on script.google.com, and that nothing between rewrites it",
  ],
  too_large: [
    'the reply was larger than 64 KiB, which no contract reply is',
    "check sheet.url is the deployment's /exec URL, and that nothing between answers in its place",
  ],
  bad_signature: [
    "the sheet accepts this secret neither as this cluster's own (signature v2) nor as the sheet-wide one (v1)",
    "copy the cluster's secret from the sheet's Teleport → Add cluster… (or its rotate item) — for a sheet " +
      "from before per-cluster secrets, the secret from Teleport → Set up menu — into the relay's secret file " +
      'and restart the relay',
  ],
  full: [
    "the spreadsheet is at Google's limit of 10,000,000 grid cells, so the sheet applied nothing of the batch " +
      '(the relay keeps every op and tries again every 5 minutes)',
    'make room: in the sheet, Teleport → Archive… (the owner) moves old requests out, or delete tabs nobody ' +
      'needs (old evidence tabs); the relay catches up by itself once there is room',
  ],
  clock_skew: ["the relay's clock is more than 5 minutes away from Google's", "fix NTP on the relay's host"],
  bad_request: [
    'the sheet rejected the batch as malformed: the relay and the sheet script speak different contract versions',
    'update both to the same release',
  ],
};

/** What went wrong and the fix, for one failure reason. */
export function explainReason(reason: FailureReason): string {
  const [what, fix] = REASON_TEXT[reason];
  return `${what}: ${fix}`;
}

export function explainVerdict(verdict: Verdict): string {
  if (verdict.kind === 'delivered') return 'accepted';
  return `${verdict.reason}: ${explainReason(verdict.reason)}`;
}

/** Which signature the sheet took (contract §11), and for v1 how to move to v2. */
export function explainSignature(version: SignatureVersion, cluster: string): string {
  if (version === 2) return `v2, the secret of cluster ${cluster} (contract §11)`;
  const why = CLUSTER_PARAM_PATTERN.test(cluster)
    ? `the sheet refused v2 and took v1 with the same secret: it predates per-cluster secrets (contract §11), ` +
      `or cluster ${cluster} is not enrolled in it`
    : `the cluster name ${JSON.stringify(cluster)} cannot be named in a v2 signature (contract §11)`;
  return (
    `v1, the sheet-wide secret (${why}); to sign v2, enrol the cluster in the sheet (Teleport → Add cluster…), ` +
    "put its secret in the relay's secret file and restart the relay"
  );
}

/** "grid cells 1,234,567 of 10,000,000 (12 %)" (contract §12). */
export function describeCells(cells: number): string {
  const percent = Math.floor((cells / GRID_CELL_LIMIT) * 100);
  return `grid cells ${cells.toLocaleString('en-US')} of ${GRID_CELL_LIMIT.toLocaleString('en-US')} (${percent} %)`;
}
