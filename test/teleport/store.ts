import { randomUUID } from 'node:crypto';

export type RequestStateName = 'NONE' | 'PENDING' | 'APPROVED' | 'DENIED' | 'PROMOTED';
export type ReviewState = 'APPROVED' | 'DENIED' | 'PROMOTED';

export interface StandInRequest {
  id: string;
  user: string;
  roles: string[];
  state: RequestStateName;
  reason: string;
  resolveReason: string;
  created: Date;
  /** When a pending request lapses (the wire's ResourceExpiry); null = falls back to access expiry. */
  requestExpires: Date | null;
  /** When granted access ends (the wire's Spec.Expires). */
  accessExpires: Date;
  suggestedReviewers: string[];
  resources: { cluster: string; kind: string; name: string; subResource: string }[];
  reviews: { author: string; state: ReviewState; reason: string; created: Date }[];
  promotedTo: string | null;
  /** When the access may first be used (the wire's AssumeStartTime); null = not set, not sent. */
  assumeStart: Date | null;
  /** The latest the access can run to (the wire's MaxDuration); null = Go's zero time. */
  maxDuration: Date | null;
}

export interface StoredRequest {
  request: StandInRequest;
  revision: string;
}

export type Change = { kind: 'put'; stored: StoredRequest } | { kind: 'delete'; id: string };

/** What a misuse of the stand-in's own API throws (e.g. reviewing a resolved request). */
export class StandInError extends Error {
  constructor(
    readonly code: 'not_found' | 'bad_parameter' | 'access_denied',
    message: string,
  ) {
    super(message);
    this.name = 'StandInError';
  }
}

const DAY = 86_400_000;

export function copyRequest(r: StandInRequest): StandInRequest {
  return structuredClone(r);
}

/** When the backend considers the request gone: resource expiry while pending, access expiry after. */
export function expiryOf(r: StandInRequest): Date {
  if (r.state === 'PENDING' && r.requestExpires !== null) return r.requestExpires;
  return r.accessExpires;
}

/** The Auth Service's access-request backend, with Teleport's lifetime rules. Every write gets a
 *  fresh random revision and is reported, in order, to the change listener. */
/** One change as the backend made it, for tests that compare a record of what happened. */
export type JournalEntry =
  { kind: 'put'; request: StandInRequest } | { kind: 'delete'; id: string; request: StandInRequest };

export class RequestStore {
  private readonly byId = new Map<string, StoredRequest>();
  private readonly log: JournalEntry[] = [];

  constructor(
    private readonly now: () => number,
    private readonly onChange: (change: Change) => void,
  ) {}

  create(init: Partial<StandInRequest> = {}): StandInRequest {
    const created = init.created ?? new Date(this.now());
    const accessExpires = init.accessExpires ?? new Date(created.getTime() + 7 * DAY);
    const defaultPendingExpiry = new Date(Math.min(created.getTime() + 7 * DAY, accessExpires.getTime()));
    const request: StandInRequest = {
      id: init.id ?? randomUUID(),
      user: init.user ?? 'alice',
      roles: init.roles ?? ['dba'],
      state: init.state ?? 'PENDING',
      reason: init.reason ?? 'Investigating an incident',
      resolveReason: init.resolveReason ?? '',
      created,
      requestExpires: init.requestExpires === undefined ? defaultPendingExpiry : init.requestExpires,
      accessExpires,
      suggestedReviewers: init.suggestedReviewers ?? [],
      resources: init.resources ?? [],
      reviews: init.reviews ?? [],
      promotedTo: init.promotedTo ?? null,
      assumeStart: init.assumeStart ?? null,
      maxDuration: init.maxDuration ?? null,
    };
    if (this.byId.has(request.id))
      throw new StandInError('bad_parameter', `access request ${request.id} already exists`);
    return this.write(request);
  }

  /** A review is only accepted while PENDING; with threshold 1 the first review resolves it. */
  review(
    id: string,
    review: { author: string; state: ReviewState; reason?: string; promotedTo?: string },
  ): StandInRequest {
    const request = this.copyOf(id);
    if (request.state !== 'PENDING') {
      throw new StandInError('bad_parameter', `access request ${id} is already ${request.state.toLowerCase()}`);
    }
    if (review.author === request.user)
      throw new StandInError('access_denied', 'a user may not review their own access request');
    const reason = review.reason ?? '';
    request.reviews.push({ author: review.author, state: review.state, reason, created: new Date(this.now()) });
    request.state = review.state;
    request.resolveReason = reason;
    if (review.state === 'PROMOTED') request.promotedTo = review.promotedTo ?? 'Production access';
    return this.write(request);
  }

  /** `tctl request approve|deny`: denials overwrite approvals, approvals never overwrite denials. */
  setState(id: string, state: 'APPROVED' | 'DENIED', reason?: string): StandInRequest {
    const request = this.copyOf(id);
    const allowed = request.state === 'PENDING' || (state === 'DENIED' && request.state !== 'DENIED');
    if (!allowed)
      throw new StandInError('bad_parameter', `cannot set state ${state} on a ${request.state.toLowerCase()} request`);
    request.state = state;
    request.resolveReason = reason ?? '';
    return this.write(request);
  }

  delete(id: string): void {
    const stored = this.byId.get(id);
    if (!stored || !this.byId.delete(id)) throw new StandInError('not_found', `access request ${id} is not found`);
    this.log.push({ kind: 'delete', id, request: copyRequest(stored.request) });
    this.onChange({ kind: 'delete', id });
  }

  /** Every write and delete so far, in order. */
  journal(): JournalEntry[] {
    return this.log.map((e) => ({ ...e, request: copyRequest(e.request) }));
  }

  /** Every stored request, in the backend's key order (by id). */
  all(): StoredRequest[] {
    return [...this.byId.values()].sort((a, b) =>
      a.request.id < b.request.id ? -1 : a.request.id > b.request.id ? 1 : 0,
    );
  }

  private copyOf(id: string): StandInRequest {
    const stored = this.byId.get(id);
    if (!stored) throw new StandInError('not_found', `access request ${id} is not found`);
    return copyRequest(stored.request);
  }

  private write(request: StandInRequest): StandInRequest {
    const stored = { request, revision: randomUUID() };
    this.byId.set(request.id, stored);
    this.log.push({ kind: 'put', request: copyRequest(request) });
    this.onChange({ kind: 'put', stored });
    return copyRequest(request);
  }
}
