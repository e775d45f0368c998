// The Dashboard's home: a time-driven trigger, made by the web app the first time it runs (so it
// runs as the owner, whose executions hold the keys). It reads the ledger WITHOUT the script lock —
// at full size that is tens of seconds of reading no POST should wait for — then takes the lock
// only to write the small grid and measure nothing more. A POST never refreshes the Dashboard.
import type { Platform, Workbook } from '../gas/platform.js';
import { measureGrid } from '../capacity/room.js';
import { readThrough } from '../stores/cached-properties.js';
import { lastRefreshAt, refreshBesideLock } from './dashboard-tab.js';

export const DASHBOARD_TIMER = 'refreshDashboardOnTimer';
export const REFRESH_INTERVAL_MS = 5 * 60_000;
const TIMER_MINUTES = 5;
const TIMER_KEY = 'teleport.dashboardTimer';
/** How long the lock is waited for before this round is left to the next. */
const WRITE_LOCK_WAIT_MS = 10_000;
/**
 * A refresh that took d waits at least 20 d before the next, so the Dashboard spends at most 5 % of
 * the day's trigger time (Google's daily trigger quota is 90 minutes on consumer accounts).
 */
const DUTY_FACTOR = 20;
const DURATION_KEY = 'teleport.dashboardSeconds';

/**
 * From a POST (the owner's authority): makes the timer once. A note in Script Properties, behind
 * the cache, saves asking ScriptApp on every POST; a Dashboard not refreshed for three intervals
 * asks again, at most hourly, in case someone removed the trigger.
 */
export function ensureDashboardTimer(p: Platform, now: number): void {
  const noted = Number(readThrough(p.scriptProperties, p.scriptCache, TIMER_KEY, { absent: '' }) ?? NaN);
  const refreshed = lastRefreshAt(p);
  const stale = refreshed === null || now - refreshed > 3 * REFRESH_INTERVAL_MS;
  if (Number.isFinite(noted) && !(stale && now - noted > 3_600_000)) return;
  if (!p.timers.has(DASHBOARD_TIMER)) p.timers.everyMinutes(DASHBOARD_TIMER, TIMER_MINUTES);
  p.scriptProperties.set(TIMER_KEY, String(now));
  p.scriptCache.put(TIMER_KEY, String(now), 21_600);
}

function due(p: Platform, now: number): boolean {
  const last = lastRefreshAt(p);
  const seconds = Number(p.scriptCache.get(DURATION_KEY) ?? 0) || 0;
  return last === null || now - last >= Math.max(REFRESH_INTERVAL_MS - 30_000, DUTY_FACTOR * seconds * 1000);
}

/** The trigger: the grid measured (for capacity and the forecast), the ledger read, the tab written. */
export function onDashboardTimer(p: Platform, wb: Workbook): void {
  const started = p.now();
  if (!due(p, started)) return;
  measureGrid(p, wb);
  if (refreshBesideLock(p, wb, started, WRITE_LOCK_WAIT_MS))
    p.scriptCache.put(DURATION_KEY, String((p.now() - started) / 1000), 21_600);
}
