// SpreadsheetApp.newRichTextValue(): immutable rich text values and their builder (links only;
// text styles are accepted and ignored).
export class RichTextValue {
  constructor(
    private readonly text: string,
    private readonly link: string | null,
  ) {}

  getText(): string {
    return this.text;
  }

  getLinkUrl(start?: number, end?: number): string | null {
    if (start !== undefined && end !== undefined && (start >= end || end > this.text.length)) return null;
    return this.link;
  }

  getRuns(): RichTextValue[] {
    return [this];
  }

  getStartIndex(): number {
    return 0;
  }

  getEndIndex(): number {
    return this.text.length;
  }

  copy(): RichTextValueBuilder {
    return new RichTextValueBuilder().setText(this.text).setLinkUrl(this.link);
  }
}

export class RichTextValueBuilder {
  private text = '';
  private link: string | null = null;

  setText(text: string): this {
    this.text = String(text);
    return this;
  }

  /** setLinkUrl(url) links the whole text; setLinkUrl(start, end, url) is kept only when it spans it all. */
  setLinkUrl(...args: unknown[]): this {
    if (args.length >= 3) {
      const [start, end, url] = args as [number, number, string | null];
      if (start === 0 && end === this.text.length) this.link = url;
    } else {
      this.link = (args[0] as string | null | undefined) ?? null;
    }
    return this;
  }

  setTextStyle(): this {
    return this;
  }

  build(): RichTextValue {
    return new RichTextValue(this.text, this.link);
  }
}

export const RICH_TEXT_VALUE_API = [
  'getText',
  'getLinkUrl',
  'getRuns',
  'getStartIndex',
  'getEndIndex',
  'copy',
] as const;
export const RICH_TEXT_BUILDER_API = ['setText', 'setLinkUrl', 'setTextStyle', 'build'] as const;
