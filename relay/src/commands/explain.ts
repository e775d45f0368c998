import type { RetryReason, Verdict } from '../reply.js';

// The delivery verdicts as sentences with their fix, for the commands that talk to a human.

const RETRY_TEXT: Record<RetryReason, string> = {
  html_page:
    'the web app answered an HTML page instead of JSON: Apps Script reports its own errors (quota, too many executions, a script error) that way; open the Apps Script executions log, and check the deployment runs as "Me" with access "Anyone"',
  not_json: "the web app answered something that is not JSON: check the URL is the deployment's /exec URL",
  bad_shape:
    'the web app answered JSON that is not a contract reply: check the URL points at the teleport-sheets script',
  count_mismatch:
    'the web app reported a different number of ops than were sent: update the sheet script and the relay to the same release',
  busy: 'the sheet was busy (its script lock was held); this heals by itself',
  internal: 'the sheet script failed internally: open the Apps Script executions log for the error',
  replayed: 'the sheet saw this nonce before; this heals by itself on the next attempt',
  http_5xx: 'Google answered with a server error; this usually heals by itself',
  http_4xx:
    'the URL answered with a client error: the deployment may be deleted, or not shared with "Anyone"; copy the /exec URL from Deploy → Manage deployments',
  http_other: 'the URL answered with an unexpected HTTP status: check it is the /exec URL',
  timeout: 'the web app did not answer in time: check outbound HTTPS to script.google.com',
  reset: 'the connection was reset: check proxies and firewalls between the relay and script.google.com',
  refused: 'the connection was refused: check the host and port of the URL',
  dns: "the host name of the URL does not resolve: check the URL and the relay's DNS",
  tls: 'the TLS handshake failed: check the relay trusts the certificate authority of the URL (a TLS-inspecting proxy needs NODE_EXTRA_CA_CERTS)',
  proxy:
    'the outbound proxy (HTTPS_PROXY) refused or could not make the tunnel: check that it allows CONNECT to ' +
    'script.google.com:443 and its credentials, or list the host in NO_PROXY',
  network: 'the request failed on the network: check outbound HTTPS from the relay',
};

export function explainVerdict(verdict: Verdict): string {
  if (verdict.kind === 'delivered') return 'accepted';
  if (verdict.kind === 'refused') return `${verdict.reason}: ${verdict.fix}`;
  return `${verdict.reason}: ${RETRY_TEXT[verdict.reason]}`;
}
