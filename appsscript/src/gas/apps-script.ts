// The real Platform, and the web app's JSON output. Building either calls no service: Apps Script
// evaluates the bundle on every execution, so all work waits until a handler asks.
import type { Platform } from './platform.js';
import { crypto, scriptCache, scriptProperties, userCache, userProperties, withScriptLock } from './services.js';
import { workbook } from './spreadsheet.js';
import { timers } from './timers.js';
import { ui } from './ui.js';

export function appsScript(): Platform {
  return {
    now: () => Date.now(),
    spreadsheet(id) {
      const ss = id ? SpreadsheetApp.openById(id) : SpreadsheetApp.getActiveSpreadsheet();
      if (!ss) throw new Error('no spreadsheet');
      return workbook(ss);
    },
    createSpreadsheet: (name) => workbook(SpreadsheetApp.create(name)),
    timers,
    activeSpreadsheet() {
      const ss = SpreadsheetApp.getActiveSpreadsheet();
      return ss ? workbook(ss) : null;
    },
    scriptProperties,
    scriptCache,
    userProperties,
    userCache,
    effectiveUser: () => Session.getEffectiveUser().getEmail(),
    formatDate: (instant, timeZone, format) => Utilities.formatDate(instant, timeZone, format),
    withScriptLock,
    crypto,
    ui,
  };
}

/** Always JSON: Apps Script's own error page is HTML, which the relay must never mistake for a reply. */
export function jsonOutput(value: unknown): GoogleAppsScript.Content.TextOutput {
  return ContentService.createTextOutput(JSON.stringify(value)).setMimeType(ContentService.MimeType.JSON);
}
