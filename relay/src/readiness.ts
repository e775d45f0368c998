import type { Readiness, ReadinessCheck } from './http.js';

// When the relay is ready, as one pure function of what the parts report, so the rules are a
// table in the tests: the stream is up, the certificate is not about to run out unrenewed, the
// first full listing has reached the sheet, the sheet is not full (contract §12), and deliveries
// have not been failing for long.

export const CREDENTIALS_MIN_LEFT_MS = 5 * 60_000;
export const DELIVERY_FAILURE_GRACE_MS = 3 * 60_000;

export interface ReadinessInput {
  now: number;
  /** Null until the relay has started (its credentials loaded). */
  certificateNotAfter: Date | null;
  streamUp: boolean;
  firstSyncDelivered: boolean;
  /** When the current run of delivery failures began; null while deliveries succeed. */
  failingSince: number | null;
  lastFailure: string | null;
  /** The sheet answered full and has taken no batch since. */
  sheetFull: boolean;
}

export function readiness(input: ReadinessInput): Readiness {
  if (input.certificateNotAfter === null)
    return { ready: false, checks: [{ name: 'started', ok: false, detail: 'starting' }] };
  const failingFor = input.failingSince === null ? 0 : input.now - input.failingSince;
  const checks: ReadinessCheck[] = [
    credentialsCheck(input.certificateNotAfter.getTime() - input.now, input.certificateNotAfter),
    {
      name: 'stream',
      ok: input.streamUp,
      detail: input.streamUp ? 'watching access requests' : 'not connected to Teleport',
    },
    {
      name: 'first_sync',
      ok: input.firstSyncDelivered,
      detail: input.firstSyncDelivered
        ? 'the sheet holds a full listing'
        : 'the first listing has not reached the sheet yet',
    },
    {
      name: 'sheet_room',
      ok: !input.sheetFull,
      detail: input.sheetFull
        ? "the spreadsheet is full (Google's 10,000,000 grid cells): every op is kept and retried every 5 min; " +
          'make room with Teleport → Archive… in the sheet, or by deleting tabs'
        : 'the sheet has room',
    },
    {
      name: 'delivery',
      ok: failingFor < DELIVERY_FAILURE_GRACE_MS,
      detail:
        input.failingSince === null
          ? 'deliveries succeed'
          : `failing for ${Math.round(failingFor / 1000)} s (${input.lastFailure})`,
    },
  ];
  return { ready: checks.every((c) => c.ok), checks };
}

/** Not ready a few minutes before the certificate expires: a renewal that has not come is worth an alert. */
function credentialsCheck(leftMs: number, notAfter: Date): ReadinessCheck {
  const at = notAfter.toISOString();
  if (leftMs <= 0)
    return {
      name: 'credentials',
      ok: false,
      detail: `certificate expired at ${at}: renew the identity (tctl auth sign, or check tbot)`,
    };
  if (leftMs <= CREDENTIALS_MIN_LEFT_MS)
    return { name: 'credentials', ok: false, detail: `certificate expires at ${at} and has not been renewed` };
  return { name: 'credentials', ok: true, detail: `certificate valid until ${at}` };
}
