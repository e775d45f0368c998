// What a person sees, over SpreadsheetApp.getUi(), toasts, HtmlService dialogs and the active
// range. getUi() throws outside a container-bound UI (a web app, a trigger): there is no Ui then.
import type { MenuGroup, MenuItem, Ui } from './platform.js';

type Menu = GoogleAppsScript.Base.Menu;

function addItems(ui: GoogleAppsScript.Base.Ui, menu: Menu, items: readonly (MenuItem | MenuGroup | null)[]): Menu {
  for (const item of items) {
    if (item === null) menu.addSeparator();
    else if ('items' in item) menu.addSubMenu(addItems(ui, ui.createMenu(item.caption), item.items));
    else menu.addItem(item.caption, item.functionName);
  }
  return menu;
}

export function ui(): Ui | null {
  let native: GoogleAppsScript.Base.Ui;
  try {
    native = SpreadsheetApp.getUi();
  } catch {
    return null;
  }
  return {
    menu: (title, items) => addItems(native, native.createMenu(title), items).addToUi(),
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
