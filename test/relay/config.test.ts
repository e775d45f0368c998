import { parse as parseToml } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { envName, FIELDS, KEYS, type FieldSpec } from '../../relay/src/config/fields.js';
import { parseConfig, type ConfigResult } from '../../relay/src/config/parse.js';
import { EXAMPLE_CONFIG } from '../../relay/src/config/example.js';
import { parseDuration } from '../../relay/src/timing/duration.js';

const MINIMAL = `
[teleport]
addr = "teleport.example.com:443"
identity = "/var/lib/teleport-sheets/identity"
[sheet]
url = "https://script.google.com/macros/s/abc/exec"
secret_file = "/run/secret"
`;

function problems(result: ConfigResult): string[] {
  if (result.ok) throw new Error('expected problems, got a config');
  return result.problems.map((p) => p.message);
}

function config(result: ConfigResult) {
  if (!result.ok) throw new Error(`unexpected problems: ${result.problems.map((p) => p.message).join(' | ')}`);
  return result.config;
}

describe('parseConfig', () => {
  it('fills every default from a minimal file and freezes the result', () => {
    const c = config(parseConfig(MINIMAL, {}));
    expect(c).toEqual({
      teleport: {
        addr: 'teleport.example.com:443',
        identity: '/var/lib/teleport-sheets/identity',
        refreshIdentity: true,
        refreshIdentityIntervalMs: 60_000,
        mode: 'auto',
        connectionUpgrade: 'auto',
      },
      sheet: {
        url: 'https://script.google.com/macros/s/abc/exec',
        secret: { from: 'file', path: '/run/secret' },
        webUrl: null,
        timeoutMs: 90_000,
      },
      relay: {
        id: null,
        heartbeatIntervalMs: 30_000,
        resyncIntervalMs: 600_000,
        batchLingerMs: 250,
        shutdownTimeoutMs: 10_000,
      },
      usage: {
        enabled: true,
        lookBackMs: 14 * 86_400_000,
        intervalMs: 60_000,
        kinds: ['ssh', 'kube', 'db', 'app', 'desktop'],
      },
      http: { host: '0.0.0.0', port: 8080 },
      log: { severity: 'info', output: 'stdout' },
    });
    expect(Object.isFrozen(c.teleport)).toBe(true);
    expect(() => {
      (c.sheet as { url: string }).url = 'x';
    }).toThrow();
  });

  it('reports every problem at once, each naming its key', () => {
    const text = `
[teleport]
addr = "https://teleport.example.com"
refresh_identity = "yes"
mode = "proxyy"
[sheet]
url = "http://script.google.com/macros/s/abc/exec"
secretfile = "/run/secret"
[relay]
heartbeat_interval = 30
[http]
listen = "8080"
[logs]
severity = "info"
`;
    const found = problems(parseConfig(text, {}));
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringContaining('`teleport.addr` is an address, not a URL'),
        expect.stringContaining('`teleport.identity` is missing'),
        expect.stringContaining('`teleport.refresh_identity` must be true or false'),
        expect.stringMatching(/`teleport.mode` must be one of .* did you mean `proxy`\?/),
        '`sheet.url` must be https (plain http only to a loopback address).',
        'Unknown key `sheet.secretfile`; did you mean `sheet.secret_file`?',
        expect.stringContaining('`relay.heartbeat_interval` must be a duration with a unit'),
        expect.stringContaining('`http.listen` must be "host:port"'),
        'Unknown section [logs]; did you mean `log`?',
      ]),
    );
    expect(found).toHaveLength(9 + 1); // + the missing secret (secretfile was a typo)
    expect(found).toContain(
      "`sheet.secret_file` is missing: set it to the file holding the secret from the sheet's " +
        'Teleport → Set up menu, or set TELEPORT_SHEETS_SHEET_SECRET.',
    );
  });

  it('suggests the right section for a key put in the wrong one', () => {
    const found = problems(parseConfig(`${MINIMAL}\nheartbeat_interval = "10s"\n`, {}));
    expect(found).toEqual(['Unknown key `sheet.heartbeat_interval`; did you mean `relay.heartbeat_interval`?']);
  });

  it('says where invalid TOML is', () => {
    const found = problems(parseConfig('[teleport\naddr = 1', {}));
    expect(found[0]).toMatch(/not valid TOML at line 1/);
  });

  it.each([
    ['http://127.0.0.1:8080/macros/s/x/exec', null],
    ['http://localhost:9/exec', null],
    ['http://[::1]:9/exec', null],
    ['http://10.0.0.1/exec', '`sheet.url` must be https (plain http only to a loopback address).'],
    [
      'https://script.google.com/macros/s/x/dev',
      '`sheet.url` ends in /dev, which only the script owner can call: use the deployment URL ending in /exec.',
    ],
    [
      'https://script.google.com/macros/s/x/exec/more',
      '`sheet.url` must end in /exec (anything after /exec forces a Google sign-in): ' +
        'copy it from Deploy → Manage deployments.',
    ],
    [
      'https://script.google.com/macros/s/x/exec?a=1',
      '`sheet.url` must not carry a user, a query string or a fragment: use the bare /exec URL.',
    ],
    [
      'not a url',
      '`sheet.url` must be the web app URL, ' +
        'such as "https://script.google.com/macros/s/<deployment id>/exec" (got "not a url").',
    ],
  ])('sheet.url %s', (url, expected) => {
    const result = parseConfig(MINIMAL.replace('https://script.google.com/macros/s/abc/exec', url), {});
    if (expected === null) expect(config(result).sheet.url).toBe(new URL(url).toString());
    else expect(problems(result)).toEqual([expected]);
  });

  it.each([
    [
      'teleport.addr',
      '"teleport.example.com"',
      '`teleport.addr` must be "host:port" with a port number, ' +
        'such as "teleport.example.com:443" (got "teleport.example.com").',
    ],
    ['teleport.identity', '""', '`teleport.identity` must be a non-empty path in quotes (got "").'],
    [
      'teleport.refresh_identity_interval',
      '"0s"',
      '`teleport.refresh_identity_interval` must be between 1s and 24h (got "0s").',
    ],
    [
      'sheet.web_url',
      '"http://teleport.example.com"',
      "`sheet.web_url` must be the https address of Teleport's Web UI, " +
        'such as "https://teleport.example.com" (got "http://teleport.example.com").',
    ],
    ['relay.id', '"a b"', '`relay.id` must be 1 to 64 letters, digits, dots, dashes or underscores (got "a b").'],
    [
      'relay.batch_linger',
      '"2 minutes"',
      '`relay.batch_linger` must be a duration with a unit in quotes, ' +
        'such as "30s", "1m" or "250ms" (got "2 minutes").',
    ],
    ['relay.resync_interval', '"1s"', '`relay.resync_interval` must be between 10s and 7d (got "1s").'],
    [
      'usage.kinds',
      '["ssh", "dbb"]',
      '`usage.kinds` must be one of "ssh", "kube", "db", "app", "desktop" (got "dbb"); did you mean `db`?',
    ],
    ['usage.look_back', '"5m"', '`usage.look_back` must be between 1h and 90d (got "5m").'],
    ['log.severity', '"verbose"', '`log.severity` must be one of "debug", "info", "warn", "error" (got "verbose").'],
    [
      'teleport.connection_upgrade',
      'true',
      '`teleport.connection_upgrade` must be one of "auto", "always", "never" (got true).',
    ],
  ])('%s = %s is refused with its fix', (key, value, expected) => {
    const [section, name] = key.split('.') as [string, string];
    const table = parseToml(MINIMAL) as Record<string, Record<string, unknown>>;
    table[section] = { ...table[section], [name]: parseToml(`v = ${value}`).v };
    expect(problems(parseConfig(table, {}))).toEqual([expected]);
  });

  it('takes every key from the environment, which wins over the file', () => {
    const env = {
      [envName('teleport.addr')]: 'auth.internal:3025',
      TELEPORT_SHEETS_TELEPORT_MODE: 'auth',
      TELEPORT_SHEETS_TELEPORT_REFRESH_IDENTITY: 'false',
      TELEPORT_SHEETS_RELAY_HEARTBEAT_INTERVAL: '1m30s',
      TELEPORT_SHEETS_HTTP_LISTEN: '127.0.0.1:0',
      TELEPORT_SHEETS_SHEET_WEB_URL: 'https://tele.example.com/',
      UNRELATED: 'x',
    };
    const c = config(parseConfig(MINIMAL, env));
    expect(c.teleport).toMatchObject({ addr: 'auth.internal:3025', mode: 'auth', refreshIdentity: false });
    expect(c.relay.heartbeatIntervalMs).toBe(90_000);
    expect(c.http).toEqual({ host: '127.0.0.1', port: 0 });
    expect(c.sheet.webUrl).toBe('https://tele.example.com');
  });

  it('runs from the environment alone, with the secret in an env var', () => {
    const env = {
      TELEPORT_SHEETS_TELEPORT_ADDR: 'tenant.teleport.sh:443',
      TELEPORT_SHEETS_TELEPORT_IDENTITY: '/id',
      TELEPORT_SHEETS_SHEET_URL: 'https://script.google.com/macros/s/abc/exec',
      TELEPORT_SHEETS_SHEET_SECRET: 'not-in-the-config-object',
    };
    const c = config(parseConfig(null, env));
    expect(c.sheet.secret).toEqual({ from: 'env', name: 'TELEPORT_SHEETS_SHEET_SECRET' });
    expect(JSON.stringify(c)).not.toContain('not-in-the-config-object');
  });

  it('names the environment variable a bad value came from, and refuses unknown ones', () => {
    const found = problems(
      parseConfig(MINIMAL, { TELEPORT_SHEETS_RELAY_BATCH_LINGER: 'soon', TELEPORT_SHEETS_SHEET_URLL: 'x' }),
    );
    expect(found).toEqual([
      'Unknown environment variable TELEPORT_SHEETS_SHEET_URLL; did you mean `TELEPORT_SHEETS_SHEET_URL`?',
      '`relay.batch_linger` (from TELEPORT_SHEETS_RELAY_BATCH_LINGER) must be a duration with a unit in quotes, ' +
        'such as "30s", "1m" or "250ms" (got "soon").',
    ]);
  });

  it('warns when both secret sources are set', () => {
    const result = parseConfig(MINIMAL, { TELEPORT_SHEETS_SHEET_SECRET: 's' });
    expect(result.ok && result.warnings).toEqual([
      'TELEPORT_SHEETS_SHEET_SECRET is set, so `sheet.secret_file` is ignored.',
    ]);
  });

  it('parses and validates the example printed by `configure`, which sets every key', () => {
    const c = config(parseConfig(EXAMPLE_CONFIG, {}));
    expect(c.teleport.addr).toBe('teleport.example.com:443');
    expect(c.relay.batchLingerMs).toBe(250);
    for (const key of KEYS) {
      expect(EXAMPLE_CONFIG).toMatch(new RegExp(`^\\[${key.split('.')[0]}\\]$[^[]*^#? ?${key.split('.')[1]} = `, 'm'));
    }
  });

  it('documents each default in the example exactly as the parser applies it', () => {
    const defaults = config(parseConfig(MINIMAL, {}));
    const example = config(parseConfig(EXAMPLE_CONFIG, {}));
    expect({ ...example, teleport: { ...example.teleport, addr: '', identity: '' } }).toEqual({
      ...defaults,
      teleport: { ...defaults.teleport, addr: '', identity: '' },
      sheet: { ...defaults.sheet, url: example.sheet.url, secret: example.sheet.secret },
    });
    for (const key of KEYS) {
      const field: FieldSpec<unknown> = FIELDS[key];
      if (field.default !== undefined) expect(EXAMPLE_CONFIG).toContain(`Default ${JSON.stringify(field.default)}`);
    }
  });
});

describe('parseDuration', () => {
  it.each([
    ['250ms', 250],
    ['30s', 30_000],
    ['1m', 60_000],
    ['1h30m', 5_400_000],
    ['1.5s', 1500],
    ['30', null],
    ['', null],
    ['5 s', null],
    ['-1s', null],
  ])('%s → %s', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });
});
