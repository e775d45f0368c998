// HtmlService: outputs, templates from the bundle's .html files, and their rendering.
import { gasError } from './expose.js';
import { compileTemplate, escapeHtml } from './template.js';

export const SandboxMode = { EMULATED: 'EMULATED', IFRAME: 'IFRAME', NATIVE: 'NATIVE' } as const;
export const XFrameOptionsMode = { ALLOWALL: 'ALLOWALL', DEFAULT: 'DEFAULT' } as const;

export class FakeHtmlOutput {
  private title = '';
  private width: number | null = null;
  private height: number | null = null;
  sandboxMode: string = SandboxMode.IFRAME;
  xFrameOptionsMode: string = XFrameOptionsMode.DEFAULT;

  constructor(private content: string) {}

  getContent(): string {
    return this.content;
  }
  setContent(content: string): this {
    this.content = String(content);
    return this;
  }
  append(html: string): this {
    this.content += String(html);
    return this;
  }
  appendUntrusted(text: string): this {
    this.content += escapeHtml(text);
    return this;
  }
  clear(): this {
    this.content = '';
    return this;
  }
  setTitle(title: string): this {
    this.title = String(title);
    return this;
  }
  getTitle(): string {
    return this.title;
  }
  setWidth(width: number): this {
    this.width = Number(width);
    return this;
  }
  getWidth(): number | null {
    return this.width;
  }
  setHeight(height: number): this {
    this.height = Number(height);
    return this;
  }
  getHeight(): number | null {
    return this.height;
  }
  setSandboxMode(mode: string): this {
    this.sandboxMode = String(mode);
    return this;
  }
  setXFrameOptionsMode(mode: string): this {
    this.xFrameOptionsMode = String(mode);
    return this;
  }
  addMetaTag(): this {
    return this;
  }
  setFaviconUrl(): this {
    return this;
  }
}

/** Evaluates compiled template source in the current execution's realm. */
export type ScriptEvaluator = (source: string) => unknown;

export class FakeHtmlTemplate {
  readonly #source: string;
  readonly #evaluate: ScriptEvaluator;

  constructor(source: string, evaluate: ScriptEvaluator) {
    this.#source = source;
    this.#evaluate = evaluate;
  }

  getRawContent(): string {
    return this.#source;
  }
  getCode(): string {
    return compileTemplate(this.#source);
  }

  evaluate(): FakeHtmlOutput {
    const render = this.#evaluate(compileTemplate(this.#source)) as (
      data: object,
      escape: (v: unknown) => string,
    ) => string;
    return new FakeHtmlOutput(render({ ...this }, escapeHtml));
  }
}

export class FakeHtmlService {
  constructor(
    private readonly files: ReadonlyMap<string, string>,
    private readonly evaluate: ScriptEvaluator,
  ) {}

  private file(name: string): string {
    const text = this.files.get(String(name).replace(/\.html$/, ''));
    if (text === undefined) throw gasError(`No HTML file named ${name} was found.`);
    return text;
  }

  createHtmlOutput(html?: unknown): FakeHtmlOutput {
    return new FakeHtmlOutput(html === undefined ? '' : String(html));
  }
  createHtmlOutputFromFile(name: string): FakeHtmlOutput {
    return new FakeHtmlOutput(this.file(name));
  }
  createTemplate(html: string): FakeHtmlTemplate {
    return new FakeHtmlTemplate(String(html), this.evaluate);
  }
  createTemplateFromFile(name: string): FakeHtmlTemplate {
    return new FakeHtmlTemplate(this.file(name), this.evaluate);
  }
}

export const HTML_OUTPUT_API = [
  'getContent',
  'setContent',
  'append',
  'appendUntrusted',
  'clear',
  'setTitle',
  'getTitle',
  'setWidth',
  'getWidth',
  'setHeight',
  'getHeight',
  'setSandboxMode',
  'setXFrameOptionsMode',
  'addMetaTag',
  'setFaviconUrl',
] as const;
export const HTML_TEMPLATE_API = ['getRawContent', 'getCode', 'evaluate'] as const;
export const HTML_SERVICE_API = [
  'createHtmlOutput',
  'createHtmlOutputFromFile',
  'createTemplate',
  'createTemplateFromFile',
] as const;
