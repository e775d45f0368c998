// A small ledger for Archive… tests, the same every time it is built: requests created in the first
// quarter of 2026 that Teleport no longer has (decided then removed, or lapsed unreviewed), some it
// still has (pending, or approved and live), and some created after the quarter.
import { createHash } from 'node:crypto';
import type { Request } from '../../../proto/contract.js';
import { makeBatch, makeRequest, upsert } from '../fixtures.js';
import type { Sheet } from '../harness.js';

const DAY = 86_400_000;
const Q1 = Date.parse('2026-01-05T09:00:00.000Z');
const APRIL = Date.parse('2026-04-10T09:00:00.000Z');
export const AFTER_ALL = Date.parse('2026-05-01T12:00:00.000Z');

export interface ArchiveLedger {
  /** Created in Q1 and gone from Teleport: what Archive… of 2026-Q1 moves. */
  gone: Request[];
  /** Created in Q1, still in Teleport. */
  kept: Request[];
  /** Created after Q1 (gone or not): stays. */
  later: Request[];
}

const iso = (ms: number) => new Date(ms).toISOString();

function request(i: number, at: number, state: 'PENDING' | 'APPROVED' | 'DENIED'): Request {
  const created = at + i * DAY;
  const base = makeRequest({ user: `user-${i}`, created: iso(created), requestExpires: iso(created + DAY) });
  if (state === 'PENDING') return base;
  const review = { author: `lead-${i % 3}`, state, reason: '', created: iso(created + 3_600_000) } as const;
  return { ...base, state, reviews: [review], accessExpires: iso(created + 9 * 3_600_000) };
}

export function archiveLedger(): ArchiveLedger {
  const gone = [
    ...Array.from({ length: 12 }, (_, i) => request(i, Q1, 'APPROVED')),
    ...Array.from({ length: 6 }, (_, i) => request(20 + i, Q1, 'DENIED')),
    ...Array.from({ length: 6 }, (_, i) => request(40 + i, Q1, 'PENDING')),
  ];
  const kept = [request(60, Q1, 'PENDING'), request(61, Q1, 'APPROVED')];
  const later = [request(0, APRIL, 'APPROVED'), request(1, APRIL, 'PENDING')];
  return { gone, kept, later };
}

/** Lives the ledger on a fresh sheet: every request delivered, then the gone ones deleted. */
export function liveLedger(sheet: Sheet, ledger: ArchiveLedger): void {
  sheet.nowMs = AFTER_ALL;
  const all = [...ledger.gone, ...ledger.kept, ...ledger.later];
  const ok = (r: ReturnType<Sheet['post']>) => {
    if (!r.ok) throw new Error(`refused: ${r.error}`);
  };
  ok(sheet.post(makeBatch(all.map(upsert))));
  sheet.advance(1000);
  ok(sheet.post(makeBatch([...ledger.gone, ledger.later[0]!].map((r) => ({ op: 'delete', id: r.id })))));
}

export function archiveQ1(sheet: Sheet): void {
  if (sheet.rt.properties.getProperty('teleport.archiveRun') === null) sheet.rt.ui.answer('OK', '2026-Q1');
  sheet.menu('archiveRequests');
}

export const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
