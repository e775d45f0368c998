// The Dashboard at full size (50,000 rows, 200,000 History rows) through the real bundle: its timer
// writes the same figures the owner's Refresh dashboard writes, both holding the script lock for at
// most 3 modelled seconds (issue 18's goal; the reading, tens of seconds, happens outside the lock),
// and a POST refreshes nothing.
import { describe, expect, it } from 'vitest';
import { makeBatch } from '../fixtures.js';
import { Sheet } from '../harness.js';
import { bundleForThisFile } from '../file-bundle.js';
import { bigLedger } from './big-ledger.js';
import { NOW } from './ledger.js';
import { seedLedger } from './seed-ledger.js';
import { seedRowKey } from '../seed.js';

const bundle = bundleForThisFile();
const LOCK_GOAL_SECONDS = 3;

describe('the Dashboard timer at 50,000 / 200,000', () => {
  it(
    'writes the figures a refresh under the lock writes, holding the lock at most 3 modelled seconds',
    { timeout: 300_000 },
    async () => {
      const sheet = await Sheet.open(bundle.dir, { runtime: { executionTimeoutMs: 240_000 } });
      sheet.nowMs = NOW.getTime() - 10 * 60_000;
      sheet.rt.spreadsheet.setSpreadsheetTimeZone('America/New_York');
      const { rows, history } = bigLedger(NOW, 50_000, 200_000);
      seedLedger(sheet.rt.spreadsheet, rows, history, seedRowKey(sheet));
      sheet.rt.properties.setProperty('teleport.webUrls', JSON.stringify({ prod: 'https://prod.example.com' }));
      const heartbeat = () => makeBatch([{ op: 'heartbeat', at: new Date(sheet.nowMs).toISOString() }]);
      expect(sheet.post(heartbeat())).toMatchObject({ ok: true });
      sheet.nowMs = NOW.getTime() - 5 * 60_000;
      sheet.rt.counters.reset();
      expect(sheet.post(heartbeat())).toMatchObject({ ok: true });
      expect(sheet.rt.counters.calls).toBe(0);

      // The first refresh also creates and lays out the tab and its charts; the steady one is measured.
      expect(sheet.rt.runTimers()).toEqual(['refreshDashboardOnTimer']);
      sheet.nowMs = NOW.getTime();
      expect(sheet.rt.runTimers()).toEqual(['refreshDashboardOnTimer']);
      const timer = sheet.rt.lastExecution!;
      expect(timer.lockSeconds).toBeGreaterThan(0);
      expect(timer.lockSeconds).toBeLessThanOrEqual(LOCK_GOAL_SECONDS);
      expect(timer.seconds).toBeGreaterThan(10 * timer.lockSeconds);
      const dashboard = () => sheet.rt.spreadsheet.getSheetByName('Dashboard')!;
      const byTimer = dashboard().values();
      expect(byTimer[5]![1]).toBe(rows.filter((r) => r.status === 'PENDING').length);
      expect(byTimer[5]![4]).toBe('Grid cells used');
      expect(String(byTimer[5]![5])).toMatch(/^[0-9,]+ of 10,000,000 grid cells \([0-9]+ %\)$/);

      // The owner's click at the same instant writes the same figures, and holds the lock as briefly.
      sheet.menu('refreshDashboard');
      expect(dashboard().values()).toEqual(byTimer);
      const click = sheet.rt.lastExecution!;
      expect(click.seconds).toBeGreaterThan(10 * LOCK_GOAL_SECONDS);
      expect(click.lockSeconds).toBeLessThanOrEqual(LOCK_GOAL_SECONDS);
    },
  );
});
