// What a person sees, over SpreadsheetApp.getUi(), toasts, HtmlService dialogs and the active
// range. getUi() throws outside a container-bound UI (a web app, a trigger): there is no Ui then.
import type { Ui } from './platform.js';

export function ui(): Ui | null {
  let native: GoogleAppsScript.Base.Ui;
  try {
    native = SpreadsheetApp.getUi();
  } catch {
    return null;
  }
  return {
    menu(title, items) {
      const menu = native.createMenu(title);
      for (const item of items) {
        if (item) menu.addItem(item.caption, item.functionName);
        else menu.addSeparator();
      }
      menu.addToUi();
    },
    alert: (title, message) => void native.alert(title, message, native.ButtonSet.OK),
    toast: (message, title) => SpreadsheetApp.getActiveSpreadsheet()?.toast(message, title, 10),
    dialog(file, title, data, size) {
      const template = HtmlService.createTemplateFromFile(file);
      template.data = data;
      native.showModalDialog(template.evaluate().setWidth(size.width).setHeight(size.height), title);
    },
    prompt(title, message) {
      const response = native.prompt(title, message, native.ButtonSet.OK_CANCEL);
      return response.getSelectedButton() === native.Button.OK ? response.getResponseText() : null;
    },
    selection() {
      const range = SpreadsheetApp.getActiveSpreadsheet()?.getActiveRange();
      return range ? { tab: range.getSheet().getName(), row: range.getRow() } : null;
    },
  };
}
