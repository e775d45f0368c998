// The one place every config key is documented, with its default and unit. `configure` prints
// it and a test parses and validates it, so it cannot drift from config.ts.

export const EXAMPLE_CONFIG = `# teleport-sheets relay configuration (TOML).
# Every key can also be set from the environment as TELEPORT_SHEETS_<SECTION>_<KEY>,
# for example TELEPORT_SHEETS_SHEET_URL or TELEPORT_SHEETS_RELAY_HEARTBEAT_INTERVAL;
# the environment wins over this file. Durations need a unit: "250ms", "30s", "1m", "1h".

[teleport]
# Required. The Auth Service ("host:3025") or the Proxy ("host:443", "host:3080";
# Teleport Cloud: "tenant.teleport.sh:443").
addr = "teleport.example.com:443"
# Required. An identity file from \`tctl auth sign --format=file\`, or a Machine ID (tbot)
# output folder. The relay's role needs only list and read on access_request.
identity = "/var/lib/teleport-sheets/identity"
# Re-read the identity every refresh_identity_interval, so renewed certificates are picked up.
# Default true.
refresh_identity = true
# Default "1m".
refresh_identity_interval = "1m"
# How to reach Teleport: "auth" (direct, port 3025), "proxy" (TLS routing through the Proxy)
# or "auto" (try both). Default "auto".
mode = "auto"
# When the Proxy sits behind an L7 load balancer (AWS ALB, an HTTP ingress) that terminates TLS,
# the relay tunnels TLS routing through the Proxy's HTTP connection upgrade: "auto" (detect it
# with one TLS handshake, as Teleport's own clients do), "always" or "never". The environment
# variable TELEPORT_TLS_ROUTING_CONN_UPGRADE ("true", or "host:443=true") overrides it. Applies
# to the Proxy route only. HTTPS_PROXY / HTTP_PROXY / NO_PROXY apply to Teleport and the sheet.
# Default "auto".
connection_upgrade = "auto"

[sheet]
# Required. The web app URL of the Apps Script deployment, ending in /exec. Must be https
# (plain http is accepted only to a loopback address, for local runs).
url = "https://script.google.com/macros/s/DEPLOYMENT_ID/exec"
# Required unless TELEPORT_SHEETS_SHEET_SECRET is set: the file holding the shared secret from
# the sheet's Teleport -> Set up menu. Keep it mode 0600; it is never logged.
secret_file = "/var/run/secrets/teleport-sheets/secret"
# Base of the "View in Teleport" links. Default: https:// + the Proxy public address that
# Teleport reports (":443" dropped).
# web_url = "https://teleport.example.com"
# How long to wait for the web app's verdict on one POST before retrying it. Apps Script can
# take a while under load (executions may run for minutes). Default "90s".
timeout = "90s"

[relay]
# Name of this relay in the sheet's Relay status. Default: the host name.
# id = "relay-1"
# How often a heartbeat with the relay's stats is sent to the sheet. Default "30s".
heartbeat_interval = "30s"
# How often every request is listed again and re-sent with a closing sync. Default "10m".
resync_interval = "10m"
# How long to gather changes before sending a batch. Default "250ms".
batch_linger = "250ms"
# On SIGTERM, how long to keep delivering what is queued before exiting. Default "10s".
shutdown_timeout = "10s"

[http]
# Where /healthz, /readyz and /metrics are served. Default "0.0.0.0:8080".
listen = "0.0.0.0:8080"

[log]
# "debug", "info", "warn" or "error". Default "info". (--debug on the command line = "debug".)
severity = "info"
# "stdout", "stderr" or a file path. Default "stdout". Logs are JSON lines.
output = "stdout"
`;
