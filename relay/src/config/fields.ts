import {
  address,
  boolean,
  duration,
  listenAddress,
  listOf,
  oneOf,
  path,
  relayId,
  sheetUrl,
  webUrl,
  type Check,
} from './checks.js';
import { USAGE_KINDS } from '../../../proto/contract.js';

// Every config key, once: its check (type and bounds), its default (written the way a user would
// write it, and parsed like any given value), and its documentation. Parsing, environment
// overrides, defaults and the example config printed by `configure` are all driven from here.

export const ENV_PREFIX = 'TELEPORT_SHEETS_';
export const SECRET_ENV = 'TELEPORT_SHEETS_SHEET_SECRET';

type Raw = string | boolean;

export interface FieldSpec<T> {
  check: Check<T>;
  doc: readonly string[];
  /** The fix when the key is missing; a required key has no default. */
  required?: string;
  /** Required unless this environment variable is set (the secret). */
  requiredUnless?: string;
  default?: Raw;
  /** For a key without a default: what happens when it is left out. */
  absent?: string;
  /** For a key without a default: the value the example config shows. */
  example?: Raw;
}

const SECOND = 1000;

export const FIELDS = {
  'teleport.addr': {
    check: address,
    required: 'set it to the Auth Service (host:3025) or the Proxy (host:443)',
    example: 'teleport.example.com:443',
    doc: [
      'The Auth Service ("host:3025") or the Proxy ("host:443", "host:3080";',
      'Teleport Cloud: "tenant.teleport.sh:443").',
    ],
  },
  'teleport.identity': {
    check: path,
    required: 'set it to the identity file from `tctl auth sign` or a Machine ID output folder',
    example: '/var/lib/teleport-sheets/identity',
    doc: [
      'An identity file from `tctl auth sign --format=file`, or a Machine ID (tbot)',
      "output folder. The relay's role needs only list and read on access_request.",
    ],
  },
  'teleport.refresh_identity': {
    check: boolean,
    default: true,
    doc: ['Re-read the identity every refresh_identity_interval, so renewed certificates are picked up.'],
  },
  'teleport.refresh_identity_interval': {
    check: duration(SECOND, 24 * 3600 * SECOND),
    default: '1m',
    doc: ['How often the identity is re-read (it is also re-read as soon as its files change).'],
  },
  'teleport.mode': {
    check: oneOf(['auto', 'auth', 'proxy']),
    default: 'auto',
    doc: [
      'How to reach Teleport: "auth" (direct, port 3025), "proxy" (TLS routing through the Proxy)',
      'or "auto" (try both).',
    ],
  },
  'teleport.connection_upgrade': {
    check: oneOf(['auto', 'always', 'never']),
    default: 'auto',
    doc: [
      'When the Proxy sits behind an L7 load balancer (AWS ALB, an HTTP ingress) that terminates TLS,',
      'the relay tunnels TLS routing through the Proxy\'s HTTP connection upgrade: "auto" (detect it',
      'with one TLS handshake, as Teleport\'s own clients do), "always" or "never". The environment',
      'variable TELEPORT_TLS_ROUTING_CONN_UPGRADE ("true", or "host:443=true") overrides it. Applies',
      'to the Proxy route only. HTTPS_PROXY / HTTP_PROXY / NO_PROXY apply to Teleport and the sheet.',
    ],
  },
  'sheet.url': {
    check: sheetUrl,
    required: 'set it to the web app URL ending in /exec (Deploy → Manage deployments)',
    example: 'https://script.google.com/macros/s/DEPLOYMENT_ID/exec',
    doc: [
      'The web app URL of the Apps Script deployment, ending in /exec. Must be https',
      '(plain http is accepted only to a loopback address, for local runs).',
    ],
  },
  'sheet.secret_file': {
    check: path,
    requiredUnless: SECRET_ENV,
    example: '/var/run/secrets/teleport-sheets/secret',
    doc: [
      "The file holding the shared secret from the sheet's Teleport -> Set up menu.",
      'Keep it mode 0600; it is never logged.',
    ],
  },
  'sheet.web_url': {
    check: webUrl,
    absent: 'https:// + the Proxy public address that Teleport reports (":443" dropped)',
    example: 'https://teleport.example.com',
    doc: ['Base of the "View in Teleport" links.'],
  },
  'sheet.timeout': {
    check: duration(SECOND, 600 * SECOND),
    default: '90s',
    doc: [
      "How long to wait for the web app's verdict on one POST before retrying it. Apps Script can",
      'take a while under load (executions may run for minutes).',
    ],
  },
  'relay.id': {
    check: relayId,
    absent: 'the host name',
    example: 'relay-1',
    doc: ["Name of this relay in the sheet's Relay status."],
  },
  'relay.heartbeat_interval': {
    check: duration(SECOND, 3600 * SECOND),
    default: '30s',
    doc: ["How often a heartbeat with the relay's stats is sent to the sheet."],
  },
  'relay.resync_interval': {
    check: duration(10 * SECOND, 7 * 24 * 3600 * SECOND),
    default: '10m',
    doc: ['How often every request is listed again and re-sent with a closing sync.'],
  },
  'relay.batch_linger': {
    check: duration(0, 60 * SECOND),
    default: '250ms',
    doc: ['How long to gather changes before sending a batch.'],
  },
  'relay.shutdown_timeout': {
    check: duration(0, 300 * SECOND),
    default: '10s',
    doc: ['On SIGTERM, how long to keep delivering what is queued before exiting.'],
  },
  'usage.enabled': {
    check: boolean,
    default: true,
    doc: [
      "Read Teleport's audit log to show, per approved request, when it was assumed, first and last",
      'used, how many sessions and for what. Needs the role rule on `event` with the verbs list and read,',
      "which lets the relay read the whole audit log's metadata; without it the relay warns once, and",
      'delivers requests as before.',
    ],
  },
  'usage.look_back': {
    check: duration(3600 * SECOND, 90 * 24 * 3600 * SECOND),
    default: '14d',
    doc: [
      'On start, how far back the audit log is read for requests still approved (never before a',
      "request's creation). Longer reads more events once after each start.",
    ],
  },
  'usage.interval': {
    check: duration(10 * SECOND, 3600 * SECOND),
    default: '1m',
    doc: ['How often the audit log is read for new events (each read reaches back 5 minutes more).'],
  },
  'usage.kinds': {
    check: listOf(USAGE_KINDS),
    default: USAGE_KINDS.join(','),
    doc: [
      'Which uses to look for: "ssh" (sessions, exec, port forwards), "kube" (API requests, sessions),',
      '"db", "app", "desktop", comma-separated (a TOML array works too). Leaving "kube" out spares',
      'reading every Kubernetes API request.',
    ],
  },
  'http.listen': {
    check: listenAddress,
    default: '0.0.0.0:8080',
    doc: ['Where /healthz, /readyz and /metrics are served (port 0: any free port).'],
  },
  'log.severity': {
    check: oneOf(['debug', 'info', 'warn', 'error']),
    default: 'info',
    doc: ['"debug", "info", "warn" or "error" (--debug on the command line = "debug").'],
  },
  'log.output': {
    check: path,
    default: 'stdout',
    doc: ['"stdout", "stderr" or a file path. Logs are JSON lines.'],
  },
} satisfies Record<string, FieldSpec<unknown>>;

export type FieldKey = keyof typeof FIELDS;
type ValueOf<F> = F extends { check: Check<infer T> }
  ? F extends { default: Raw } | { required: string }
    ? T
    : T | null
  : never;
/** Every key's checked value: a mistyped key does not compile. */
export type FieldValues = { -readonly [K in FieldKey]: ValueOf<(typeof FIELDS)[K]> };

export const KEYS = Object.keys(FIELDS) as FieldKey[];
export const SECTIONS = [...new Set(KEYS.map((k) => k.split('.')[0]!))];

export function envName(key: string): string {
  return ENV_PREFIX + key.replace('.', '_').toUpperCase();
}
