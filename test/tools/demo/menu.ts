// The Teleport menu as the script builds it in onOpen, and one click on one of its items, with the
// script's prompts answered by what the person typed on the page.
import type { GasRuntime } from '../../gas/runtime.js';
import type { MenuItem, PromptAnswer } from '../../gas/ui.js';

export interface MenuOut {
  name: string;
  items: MenuItem[];
}

export interface ClickResult {
  toasts: { message: string; title: string }[];
  alerts: { title: string; prompt: string }[];
  dialog: { title: string; html: string } | null;
  /** A prompt the script asked that no answer was given for: the page asks it, then clicks again. */
  ask: { title: string; prompt: string } | null;
}

export function readMenus(runtime: GasRuntime): MenuOut[] {
  runtime.ui.clear();
  runtime.invoke('onOpen', 'simpleTrigger');
  return runtime.ui.menus.map((m) => ({ name: m.name, items: [...m.items] }));
}

/**
 * Runs a menu item the way a click does. The script's prompts take `answers` in order (OK with the
 * text); a prompt past them is cancelled and returned as `ask`, so nothing runs on a guessed answer.
 * Alerts are all OK-only, so they take no answer.
 */
export function clickMenuItem(
  runtime: GasRuntime,
  functionName: string,
  selection: { tab?: string; row?: number },
  answers: string[],
): ClickResult {
  if (selection.tab && selection.row) runtime.setActiveRange(selection.tab, `A${selection.row}`);
  runtime.ui.clear();
  const ui = runtime.ui;
  let answered = 0;
  const take = ui.takeAnswer.bind(ui);
  ui.takeAnswer = (): PromptAnswer | undefined => {
    if (ui.prompts.length <= answered) return take();
    answered = ui.prompts.length;
    const text = answers[answered - 1];
    return text === undefined ? { button: 'CANCEL', text: '' } : { button: 'OK', text };
  };
  try {
    runtime.invoke(functionName, 'menu');
  } catch (err) {
    ui.alerts.push({ title: 'Script error', prompt: String((err as Error).message) });
  } finally {
    ui.takeAnswer = take;
  }
  const ask = ui.prompts.length > answers.length ? ui.prompts[answers.length]! : null;
  return { toasts: ui.toasts, alerts: ui.alerts, dialog: ui.dialogs.at(-1) ?? null, ask };
}
