// The typed rows the Dashboard and the evidence extract read: the main tab's layout-3 columns
// (contract §8, §14) and the History tab's (contract §9) as values, not cells. The adapter that reads
// the tabs builds them; nothing here knows about Apps Script.

/** One row of the main tab, Version left out. Durations are numbers of days, as the cells hold them. */
export interface MainRow {
  id: string;
  created: Date;
  user: string;
  roles: readonly string[];
  /** PENDING, APPROVED, DENIED, PROMOTED, NONE or EXPIRED; anything else counts as "other". */
  status: string;
  reason: string;
  /** One line per resource, as the cell shows them. */
  resources: string;
  /** One line per review, as the cell shows them. */
  reviews: string;
  resolution: string;
  /** Authors joined with `, `, `(no review)`, or empty. */
  decidedBy: string;
  decided: Date | null;
  timeToDecision: number | null;
  suggestedReviewers: string;
  requestExpires: Date | null;
  accessStarts: Date | null;
  accessExpires: Date | null;
  accessDuration: number | null;
  /** §14: empty until the row's first usage op. */
  assumed: Date | null;
  firstUsed: Date | null;
  lastUsed: Date | null;
  sessions: number | null;
  /** Kinds joined with `, `. */
  usedFor: string;
  cluster: string;
  updated: Date | null;
}

/** One row of the History tab. */
export interface HistoryRow {
  time: Date;
  cluster: string;
  requestId: string;
  user: string;
  roles: readonly string[];
  /** requested, reviewed, approved, denied, promoted, expired, removed, restored, assumed or used. */
  event: string;
  by: string;
  detail: string;
  key: string;
}

/** What the sheet knows of one relay (contract §10): its cluster, its links' base, its last contact. */
export interface RelayContact {
  cluster: string;
  webUrl: string;
  lastContact: Date | null;
  /** §13: the relay reads usage (its heartbeat says so, or it sent usage ops); null when not known. */
  readsUsage?: boolean | null;
}
