import { isHttpsBaseUrl } from '../../../proto/contract.js';
import { formatDuration, parseDuration } from '../timing/duration.js';
import { suggest } from './suggest.js';

// The value checks of the config's field table: each turns a raw TOML or environment value into
// its typed value, or says what is wrong (without the key, which the caller adds) and how to fix it.

export type Parsed<T> = { value: T } | { problem: string };

export interface Check<T> {
  parse(raw: unknown): Parsed<T>;
  /** The kind of value and its bounds, for the example config ("a duration, 1s to 24h"). */
  readonly kind?: string;
}

function describe(raw: unknown): string {
  return typeof raw === 'string' ? JSON.stringify(raw) : raw instanceof Date ? 'a date' : String(raw);
}

function text(raw: unknown): string | null {
  return typeof raw === 'string' ? raw.trim() : null;
}

export const path: Check<string> = {
  parse(raw) {
    const s = text(raw);
    return s ? { value: s } : { problem: `must be a non-empty path in quotes (got ${describe(raw)})` };
  },
};

export const boolean: Check<boolean> = {
  parse(raw) {
    if (typeof raw === 'boolean') return { value: raw };
    if (raw === 'true' || raw === 'false') return { value: raw === 'true' };
    return { problem: `must be true or false (got ${describe(raw)})` };
  },
};

export function oneOf<const T extends string>(choices: readonly T[]): Check<T> {
  return {
    parse(raw) {
      const s = text(raw);
      if (s !== null && (choices as readonly string[]).includes(s)) return { value: s as T };
      const list = choices.map((c) => `"${c}"`).join(', ');
      return { problem: `must be one of ${list} (got ${describe(raw)})${suggest(String(raw), choices)}` };
    },
  };
}

/** A list of choices: a TOML array, or (from the environment) the choices joined with commas. */
export function listOf<const T extends string>(choices: readonly T[]): Check<T[]> {
  const one = oneOf(choices);
  return {
    kind: `a list of ${choices.map((c) => `"${c}"`).join(', ')}`,
    parse(raw) {
      const items = Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(',').filter((s) => s.trim()) : null;
      if (items === null) return { problem: `must be a list such as ["${choices[0]}"] (got ${describe(raw)})` };
      const values: T[] = [];
      for (const item of items) {
        const parsed = one.parse(item);
        if ('problem' in parsed) return parsed;
        if (!values.includes(parsed.value)) values.push(parsed.value);
      }
      return { value: values };
    },
  };
}

export function duration(minMs: number, maxMs: number): Check<number> {
  return {
    kind: `a duration, ${formatDuration(minMs)} to ${formatDuration(maxMs)}`,
    parse(raw) {
      const ms = typeof raw === 'string' ? parseDuration(raw.trim()) : null;
      if (ms === null)
        return {
          problem: `must be a duration with a unit in quotes, such as "30s", "1m" or "250ms" (got ${describe(raw)})`,
        };
      if (ms < minMs || ms > maxMs)
        return {
          problem: `must be between ${formatDuration(minMs)} and ${formatDuration(maxMs)} (got ${describe(raw)})`,
        };
      return { value: ms };
    },
  };
}

function hostPort(raw: unknown, allowPortZero: boolean): Parsed<{ host: string; port: number; text: string }> {
  const s = text(raw);
  if (!s) return { problem: `must be "host:port" in quotes (got ${describe(raw)})` };
  if (/^[a-z]+:\/\//i.test(s))
    return { problem: `is an address, not a URL: write "host:port" without ${s.split('//')[0]}//` };
  const match = /^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):([0-9]{1,5})$/.exec(s);
  const port = match ? Number(match[2]) : NaN;
  if (!match || port > 65535 || (!allowPortZero && port === 0)) {
    return {
      problem: `must be "host:port" with a port number, such as "teleport.example.com:443" (got ${describe(raw)})`,
    };
  }
  return { value: { host: match[1]!.replace(/^\[|\]$/g, ''), port, text: s } };
}

/** Where to dial: "host:port", kept as written. */
export const address: Check<string> = {
  kind: '"host:port"',
  parse(raw) {
    const parsed = hostPort(raw, false);
    return 'problem' in parsed ? parsed : { value: parsed.value.text };
  },
};

/** Where to listen: "host:port", port 0 for any free port. */
export const listenAddress: Check<{ host: string; port: number }> = {
  kind: '"host:port"',
  parse(raw) {
    const parsed = hostPort(raw, true);
    return 'problem' in parsed ? parsed : { value: { host: parsed.value.host, port: parsed.value.port } };
  },
};

const LOOPBACK = /^(localhost|127(?:\.[0-9]{1,3}){3}|\[::1\])$/;

export const sheetUrl: Check<string> = {
  parse(raw) {
    const url = asUrl(text(raw));
    if (!url)
      return {
        problem:
          'must be the web app URL, such as "https://script.google.com/macros/s/<deployment id>/exec" ' +
          `(got ${describe(raw)})`,
      };
    if (!(url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.test(url.hostname)))) {
      return { problem: 'must be https (plain http only to a loopback address)' };
    }
    if (url.username || url.password || url.search || url.hash)
      return { problem: 'must not carry a user, a query string or a fragment: use the bare /exec URL' };
    if (url.pathname.endsWith('/dev'))
      return { problem: 'ends in /dev, which only the script owner can call: use the deployment URL ending in /exec' };
    if (!url.pathname.endsWith('/exec'))
      return {
        problem:
          'must end in /exec (anything after /exec forces a Google sign-in): ' +
          'copy it from Deploy → Manage deployments',
      };
    return { value: url.toString() };
  },
};

function asUrl(s: string | null): URL | null {
  try {
    return s ? new URL(s) : null;
  } catch {
    return null;
  }
}

/** The `sheet.url` rule on its own, for commands that take a URL on the command line. */
export function sheetUrlProblem(url: string): string | null {
  const parsed = sheetUrl.parse(url);
  return 'problem' in parsed ? parsed.problem : null;
}

export const webUrl: Check<string> = {
  parse(raw) {
    const s = text(raw)?.replace(/\/+$/, '') ?? '';
    if (isHttpsBaseUrl(s)) return { value: s };
    return {
      problem:
        'must be the https address of Teleport\'s Web UI, such as "https://teleport.example.com" ' +
        `(got ${describe(raw)})`,
    };
  },
};

export const relayId: Check<string> = {
  kind: '1 to 64 letters, digits, dots, dashes or underscores',
  parse(raw) {
    const s = text(raw);
    if (s && /^[A-Za-z0-9._-]{1,64}$/.test(s)) return { value: s };
    return { problem: `must be 1 to 64 letters, digits, dots, dashes or underscores (got ${describe(raw)})` };
  },
};
