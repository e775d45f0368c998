// The one adapter over what a person sees: SpreadsheetApp.getUi(), toasts, HtmlService dialogs,
// and their selection. getUi() throws outside a container-bound UI (a web app, a trigger), so
// every helper here degrades to doing nothing there.
import { SHEET_NAME } from '../../proto/contract.js';
import { COL } from './columns.js';

type Ui = GoogleAppsScript.Base.Ui;

/** Null outside a container-bound execution (a web app may not have one). */
export function activeSpreadsheet(): GoogleAppsScript.Spreadsheet.Spreadsheet | null {
  return SpreadsheetApp.getActiveSpreadsheet() ?? null;
}

function ui(): Ui | null {
  try {
    return SpreadsheetApp.getUi();
  } catch {
    return null;
  }
}

export function uiAvailable(): boolean {
  return ui() !== null;
}

export function buildMenu(items: readonly (readonly [caption: string, functionName: string] | null)[]): void {
  const menu = SpreadsheetApp.getUi().createMenu('Teleport');
  for (const item of items) {
    if (item) menu.addItem(item[0], item[1]);
    else menu.addSeparator();
  }
  menu.addToUi();
}

export function alert(title: string, message: string): void {
  const u = ui();
  if (u) u.alert(title, message, u.ButtonSet.OK);
}

export function toast(message: string, title: string): void {
  if (ui()) activeSpreadsheet()?.toast(message, title, 10);
}

/** Renders html/<file>.html with `data` (printed only through <?= ?>, so escaped) in a modal dialog. */
export function dialog(
  file: string,
  title: string,
  data: Record<string, unknown>,
  size: { width: number; height: number },
): void {
  const u = ui();
  if (!u) return;
  const template = HtmlService.createTemplateFromFile(file);
  template.data = data;
  u.showModalDialog(template.evaluate().setWidth(size.width).setHeight(size.height), title);
}

/** The Version cell of the selected row of the requests tab, or undefined when the selection is elsewhere. */
export function selectedVersionCell(): unknown {
  const range = activeSpreadsheet()?.getActiveRange();
  if (!range) return undefined;
  const sheet = range.getSheet();
  const row = range.getRow();
  if (sheet.getName() !== SHEET_NAME || row < 2) return undefined;
  return sheet.getRange(row, COL.version).getValue();
}
