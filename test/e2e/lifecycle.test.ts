// Each lifecycle of an Access Request, through the whole chain: stand-in → real relay over mTLS →
// real bundle behind the 302 flow. Every step ends with the checker's verdict.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHEET_NAME } from '../../proto/contract.js';
import { Chain } from './chain.js';
import { describeVerdict } from './checker.js';

describe('end to end: lifecycles', () => {
  let chain: Chain;
  beforeAll(async () => {
    chain = await Chain.start();
    await chain.startRelay();
  });
  afterAll(async () => chain?.close());

  const converge = async () => {
    const verdict = await chain.converge();
    console.log(`  checker: ${describeVerdict(verdict)}`);
    expect(verdict.ok).toBe(true);
    return verdict;
  };
  const statusOf = (id: string) => {
    const sheet = chain.runtime.spreadsheet.getSheetByName(SHEET_NAME)!;
    for (let row = 2; row <= sheet.getLastRow(); row++)
      if (sheet.cell(row, 1).value === id) return sheet.cell(row, 5).value;
    return undefined;
  };

  it('create, then reviews until approved', async () => {
    const r = chain.teleport.createRequest({
      user: 'alice',
      roles: ['dba'],
      reason: 'INC-1',
      suggestedReviewers: ['bob', 'carol'],
    });
    await converge();
    expect(statusOf(r.id)).toBe('PENDING');
    chain.teleport.review(r.id, { author: 'bob', state: 'APPROVED', reason: 'go' });
    await converge();
    expect(statusOf(r.id)).toBe('APPROVED');
  });

  it('deny, promote, and an admin deny after approval', async () => {
    const denied = chain.teleport.createRequest({ user: 'dave' });
    const promoted = chain.teleport.createRequest({ user: 'erin' });
    const overridden = chain.teleport.createRequest({ user: 'frank' });
    await converge();
    chain.teleport.review(denied.id, { author: 'sec', state: 'DENIED', reason: 'no' });
    chain.teleport.review(promoted.id, { author: 'sec', state: 'PROMOTED', promotedTo: 'On-call' });
    chain.teleport.setState(overridden.id, 'APPROVED', 'tctl approve');
    await converge();
    chain.teleport.setState(overridden.id, 'DENIED', 'revoked');
    const verdict = await converge();
    expect([statusOf(denied.id), statusOf(promoted.id), statusOf(overridden.id)]).toEqual([
      'DENIED',
      'PROMOTED',
      'DENIED',
    ]);
    expect(verdict.compared).toBe(chain.teleport.requests().length);
  });

  it('expiry of a pending request marks it EXPIRED; a manual delete keeps a resolved status', async () => {
    const lapsing = chain.teleport.createRequest({ user: 'gina' });
    const resolved = chain.teleport.createRequest({ user: 'hank' });
    await converge();
    chain.teleport.review(resolved.id, { author: 'sec', state: 'APPROVED' });
    await converge();
    chain.teleport.deleteRequest(lapsing.id);
    chain.teleport.deleteRequest(resolved.id);
    const verdict = await converge();
    expect(statusOf(lapsing.id)).toBe('EXPIRED');
    expect(statusOf(resolved.id)).toBe('APPROVED');
    expect(verdict.gone).toBeGreaterThanOrEqual(2);
  });
});
