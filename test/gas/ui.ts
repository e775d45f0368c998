// SpreadsheetApp.getUi(): menus, alerts, prompts, dialogs and sidebars, recorded for tests.
// Alerts and prompts answer from a queue the test fills (default: OK / empty text).
import { gasError } from './expose.js';
import { FakeHtmlOutput } from './html.js';

export const Button = { CLOSE: 'CLOSE', OK: 'OK', CANCEL: 'CANCEL', YES: 'YES', NO: 'NO' } as const;
export const ButtonSet = {
  OK: 'OK',
  OK_CANCEL: 'OK_CANCEL',
  YES_NO: 'YES_NO',
  YES_NO_CANCEL: 'YES_NO_CANCEL',
} as const;

export interface MenuItem {
  caption: string;
  functionName: string;
}
export interface PromptAnswer {
  button: string;
  text: string;
}

export class UiRecorder {
  alerts: { title: string; prompt: string }[] = [];
  prompts: { title: string; prompt: string }[] = [];
  toasts: { message: string; title: string }[] = [];
  dialogs: { title: string; html: string }[] = [];
  menus: { name: string; items: MenuItem[] }[] = [];
  private readonly answers: PromptAnswer[] = [];

  /** The next alert or prompt returns this button (and, for a prompt, this text). */
  answer(button: string, text = ''): void {
    this.answers.push({ button, text });
  }

  takeAnswer(): PromptAnswer | undefined {
    return this.answers.shift();
  }

  clear(): void {
    this.alerts = [];
    this.prompts = [];
    this.toasts = [];
    this.dialogs = [];
    this.menus = [];
    this.answers.length = 0;
  }
}

export class FakeMenu {
  readonly items: MenuItem[] = [];

  constructor(
    private readonly recorder: UiRecorder,
    readonly name: string,
  ) {}

  addItem(caption: string, functionName: string): this {
    this.items.push({ caption: String(caption), functionName: String(functionName) });
    return this;
  }
  addSeparator(): this {
    return this;
  }
  addSubMenu(menu: FakeMenu): this {
    for (const item of menu.items)
      this.items.push({ caption: `${menu.name} › ${item.caption}`, functionName: item.functionName });
    return this;
  }
  addToUi(): void {
    this.recorder.menus.push({ name: this.name, items: [...this.items] });
  }
}

export class PromptResponse {
  constructor(private readonly answer: PromptAnswer) {}
  getResponseText(): string {
    return this.answer.text;
  }
  getSelectedButton(): string {
    return this.answer.button;
  }
}

function titleAndPrompt(args: unknown[]): { title: string; prompt: string } {
  const texts = args.filter((a) => typeof a === 'string' && !(a in ButtonSet)) as string[];
  return texts.length >= 2 ? { title: texts[0]!, prompt: texts[1]! } : { title: '', prompt: texts[0] ?? '' };
}

export class FakeUi {
  constructor(private readonly recorder: UiRecorder) {}

  createMenu(caption: string): FakeMenu {
    return new FakeMenu(this.recorder, String(caption));
  }
  createAddonMenu(): FakeMenu {
    return new FakeMenu(this.recorder, 'Add-on');
  }

  alert(...args: unknown[]): string {
    this.recorder.alerts.push(titleAndPrompt(args));
    return this.recorder.takeAnswer()?.button ?? Button.OK;
  }

  prompt(...args: unknown[]): PromptResponse {
    this.recorder.prompts.push(titleAndPrompt(args));
    return new PromptResponse(this.recorder.takeAnswer() ?? { button: Button.OK, text: '' });
  }

  showModalDialog(output: FakeHtmlOutput, title: string): void {
    this.show('showModalDialog', output, title);
  }
  showModelessDialog(output: FakeHtmlOutput, title: string): void {
    this.show('showModelessDialog', output, title);
  }
  showSidebar(output: FakeHtmlOutput): void {
    this.show('showSidebar', output, output.getTitle());
  }

  private show(method: string, output: FakeHtmlOutput, title: string): void {
    if (!(output instanceof FakeHtmlOutput))
      throw gasError(`The parameters don't match the method signature for Ui.${method}.`);
    this.recorder.dialogs.push({ title: String(title ?? ''), html: output.getContent() });
  }
}

export const UI_API = [
  'createMenu',
  'createAddonMenu',
  'alert',
  'prompt',
  'showModalDialog',
  'showModelessDialog',
  'showSidebar',
] as const;
export const MENU_API = ['addItem', 'addSeparator', 'addSubMenu', 'addToUi'] as const;
export const PROMPT_RESPONSE_API = ['getResponseText', 'getSelectedButton'] as const;
