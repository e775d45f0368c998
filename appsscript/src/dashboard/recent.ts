// "Last N days" for every figure and table: within the N × 24 hours up to and including the refresh.
import { DAY_MS } from '../records/zone.js';

export interface Window {
  now: number;
  within: (instant: Date | null, days: number) => boolean;
}

export function windowAt(now: Date): Window {
  const t = now.getTime();
  const within = (instant: Date | null, days: number) =>
    instant !== null && instant.getTime() >= t - days * DAY_MS && instant.getTime() <= t;
  return { now: t, within };
}
