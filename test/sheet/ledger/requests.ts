// Requests for the ledger's known-answer tests: one request created at 12:00 UTC whose access
// would end at 20:00, so every expected time and duration can be read off by eye.
import type { Request, Review, ReviewState } from '../../../proto/contract.js';

export const CLUSTER = 'example.teleport.sh';
export const ID = '0b6c3a52-5f1e-4c47-9d1e-2f3a4b5c6d7e';

export function at(hhmm: string): string {
  return `2025-11-23T${hhmm}:00.000Z`;
}

export function review(author: string, state: ReviewState, hhmm: string, reason = ''): Review {
  return { author, state, reason, created: at(hhmm) };
}

export function request(overrides: Partial<Request> = {}): Request {
  return {
    id: ID,
    user: 'alice',
    roles: ['db-admin', 'auditor'],
    resources: [{ cluster: CLUSTER, kind: 'node', name: 'web-1', subResource: '' }],
    state: 'PENDING',
    reason: 'incident 42',
    resolveReason: '',
    created: at('12:00'),
    requestExpires: '2025-11-24T12:00:00.000Z',
    accessExpires: at('20:00'),
    suggestedReviewers: ['bob'],
    reviews: [],
    promotedTo: null,
    ...overrides,
  };
}
