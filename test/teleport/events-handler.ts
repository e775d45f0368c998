import * as grpc from '@grpc/grpc-js';
import { DEFAULT_EVENT_LIMIT, MAX_EVENT_LIMIT, type AuditLog } from './audit-log.js';
import { checkRule, type Caller, type StatusError } from './rbac.js';
import { fromTimestamp, type WireTimestamp } from './schema.js';

// GetEvents as the Auth Service answers it: the `event` rule with verb `list` is required;
// Limit ≤ 0 means 500 and above 10,000 is refused; a missing date is the zero time (so a query
// without EndDate finds nothing, as Teleport's own AsTime(nil) makes it).

type Wire = Record<string, unknown>;

export interface EventsCounters {
  eventPages: number; // GetEvents calls answered
  eventsServed: number; // items in them
}

export interface EventsContext {
  audit: AuditLog;
  stats: EventsCounters & { denied: number };
  roles: Parameters<typeof checkRule>[1];
  activity(): void;
}

const ZERO_TIME = Date.UTC(1970, 0, 1);

function timeOf(ts: unknown): number {
  return fromTimestamp(ts as WireTimestamp | null)?.getTime() ?? ZERO_TIME;
}

function pageOf(ctx: EventsContext, request: Wire): { page?: Wire; error?: StatusError } {
  const limit = Number(request.Limit ?? 0);
  if (limit > MAX_EVENT_LIMIT)
    return { error: { code: grpc.status.INVALID_ARGUMENT, details: `limit ${limit} is over ${MAX_EVENT_LIMIT}` } };
  const { items, lastKey } = ctx.audit.page({
    start: timeOf(request.StartDate),
    end: timeOf(request.EndDate),
    types: (request.EventTypes as string[] | undefined) ?? [],
    limit: limit <= 0 ? DEFAULT_EVENT_LIMIT : limit,
    startKey: String(request.StartKey ?? ''),
    ascending: request.Order === 'ASCENDING',
  });
  return { page: { Items: items, LastKey: lastKey } };
}

/** The handler, given how the caller was admitted (version and certificate checked by the caller). */
export function getEvents(
  ctx: EventsContext,
  admit: (call: grpc.ServerUnaryCall<Wire, Wire>, refuse: (e: StatusError) => void) => Caller | null,
): grpc.handleUnaryCall<Wire, Wire> {
  return (call, callback) => {
    const done = (error: StatusError | null, value?: Wire): void => {
      ctx.activity();
      if (error) callback(error);
      else callback(null, value);
    };
    const caller = admit(call, done);
    if (!caller) return;
    const denial = checkRule(caller, ctx.roles, 'event', ['list']);
    if (denial) {
      ctx.stats.denied += 1;
      return done(denial);
    }
    const { page, error } = pageOf(ctx, call.request);
    if (error || !page) return done(error ?? null);
    ctx.stats.eventPages += 1;
    ctx.stats.eventsServed += (page.Items as Wire[]).length;
    done(null, page);
  };
}
