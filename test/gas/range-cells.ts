// The content and format side of a Range: values written are parsed as typed; a value written
// over a rich-text cell drops its link; formats (style) survive content writes.
import type { GridBox } from './a1.js';
import { displayValue } from './display.js';
import { gasError } from './expose.js';
import type { Grid, Style } from './grid.js';
import { RichTextValue } from './richtext.js';
import type { FakeSheet } from './sheet.js';
import { EMPTY, scriptValue, textContent, toContent, type Content } from './values.js';

export const WrapStrategy = { WRAP: 'WRAP', OVERFLOW: 'OVERFLOW', CLIP: 'CLIP' } as const;

export class RangeCells {
  constructor(
    protected readonly sheet: FakeSheet,
    readonly box: GridBox,
  ) {}

  protected get grid(): Grid {
    return this.sheet.grid;
  }

  private map<T>(fn: (row: number, col: number) => T): T[][] {
    const { row, col, numRows, numCols } = this.box;
    return Array.from({ length: numRows }, (_, i) => Array.from({ length: numCols }, (_, j) => fn(row + i, col + j)));
  }

  private each(fn: (row: number, col: number, i: number, j: number) => void): void {
    const { row, col, numRows, numCols } = this.box;
    for (let i = 0; i < numRows; i++) for (let j = 0; j < numCols; j++) fn(row + i, col + j, i, j);
  }

  private checkShape(data: unknown): unknown[][] {
    const { numRows, numCols } = this.box;
    if (!Array.isArray(data)) throw gasError("The parameters (String) don't match the method signature.");
    if (data.length !== numRows) {
      throw gasError(
        'The number of rows in the data does not match the number of rows in the range. ' +
          `The data has ${data.length} but the range has ${numRows}.`,
      );
    }
    for (const line of data) {
      const width = Array.isArray(line) ? line.length : 1;
      if (width !== numCols) {
        throw gasError(
          'The number of columns in the data does not match the number of columns in the range. ' +
            `The data has ${width} but the range has ${numCols}.`,
        );
      }
    }
    return data as unknown[][];
  }

  private write(row: number, col: number, value: unknown): () => void {
    const { content, impliedFormat } = toContent(value, this.sheet.timeZone(), this.grid.style(row, col).numberFormat);
    return () => {
      this.grid.setContent(row, col, content);
      const current = this.grid.style(row, col).numberFormat;
      if (impliedFormat && (current === undefined || current === 'General'))
        this.grid.patchStyle(row, col, { numberFormat: impliedFormat });
    };
  }

  private styled(patch: Style): this {
    this.each((r, c) => this.grid.patchStyle(r, c, patch));
    return this;
  }

  private styles<K extends keyof Style>(key: K, data: unknown): this {
    const rows = this.checkShape(data);
    this.each((r, c, i, j) => this.grid.patchStyle(r, c, { [key]: rows[i]![j] as Style[K] }));
    return this;
  }

  getValues(): unknown[][] {
    return this.map((r, c) => scriptValue(this.grid.content(r, c), this.sheet.realmDate()));
  }
  getValue(): unknown {
    return scriptValue(this.grid.content(this.box.row, this.box.col), this.sheet.realmDate());
  }
  getDisplayValues(): string[][] {
    return this.map((r, c) => this.display(r, c));
  }
  getDisplayValue(): string {
    return this.display(this.box.row, this.box.col);
  }
  getFormulas(): string[][] {
    return this.map((r, c) => this.grid.content(r, c).formula ?? '');
  }
  getFormula(): string {
    return this.grid.content(this.box.row, this.box.col).formula ?? '';
  }

  private display(r: number, c: number): string {
    return displayValue(this.grid.content(r, c), this.grid.style(r, c).numberFormat, this.sheet.timeZone());
  }

  setValues(data: unknown): this {
    const rows = this.checkShape(data);
    const commits: (() => void)[] = [];
    this.each((r, c, i, j) => commits.push(this.write(r, c, rows[i]![j])));
    commits.forEach((commit) => commit());
    return this;
  }

  setValue(value: unknown): this {
    const commits: (() => void)[] = [];
    this.each((r, c) => commits.push(this.write(r, c, value)));
    commits.forEach((commit) => commit());
    return this;
  }

  setFormula(formula: string): this {
    return this.setValue(String(formula).startsWith('=') ? formula : `=${formula}`);
  }
  setFormulas(formulas: unknown): this {
    return this.setValues(formulas);
  }

  getRichTextValues(): (RichTextValue | null)[][] {
    return this.map((r, c) => richText(this.grid.content(r, c)));
  }
  getRichTextValue(): RichTextValue | null {
    return richText(this.grid.content(this.box.row, this.box.col));
  }

  setRichTextValues(data: unknown): this {
    const rows = this.checkShape(data);
    const contents = rows.map((line) => line.map((v) => fromRichText(v)));
    this.each((r, c, i, j) => this.grid.setContent(r, c, contents[i]![j]!));
    return this;
  }

  setRichTextValue(value: unknown): this {
    const content = fromRichText(value);
    this.each((r, c) => this.grid.setContent(r, c, content));
    return this;
  }

  setNumberFormat(format: string): this {
    return this.styled({ numberFormat: format });
  }
  setNumberFormats(formats: unknown): this {
    return this.styles('numberFormat', formats);
  }
  getNumberFormat(): string {
    return this.grid.style(this.box.row, this.box.col).numberFormat ?? 'General';
  }
  getNumberFormats(): string[][] {
    return this.map((r, c) => this.grid.style(r, c).numberFormat ?? 'General');
  }
  setBackground(color: string | null): this {
    return this.styled({ background: color ?? '#ffffff' });
  }
  setBackgrounds(colors: unknown): this {
    return this.styles('background', colors);
  }
  getBackground(): string {
    return this.grid.style(this.box.row, this.box.col).background ?? '#ffffff';
  }
  getBackgrounds(): string[][] {
    return this.map((r, c) => this.grid.style(r, c).background ?? '#ffffff');
  }
  setFontWeight(weight: string | null): this {
    return this.styled({ fontWeight: weight ?? 'normal' });
  }
  getFontWeight(): string {
    return this.grid.style(this.box.row, this.box.col).fontWeight ?? 'normal';
  }
  setFontColor(color: string | null): this {
    return this.styled({ fontColor: color ?? '#000000' });
  }
  setFontStyle(style: string | null): this {
    return this.styled({ fontStyle: style ?? 'normal' });
  }
  setWrap(wrap: boolean): this {
    return this.styled({ wrapStrategy: wrap ? WrapStrategy.WRAP : WrapStrategy.OVERFLOW });
  }
  setWrapStrategy(strategy: string): this {
    return this.styled({ wrapStrategy: String(strategy) });
  }
  getWrapStrategy(): string {
    return this.grid.style(this.box.row, this.box.col).wrapStrategy ?? WrapStrategy.OVERFLOW;
  }
  setVerticalAlignment(a: string | null): this {
    return this.styled({ verticalAlignment: a ?? 'bottom' });
  }
  setHorizontalAlignment(a: string | null): this {
    return this.styled({ horizontalAlignment: a ?? 'general' });
  }

  clearContent(): this {
    this.each((r, c) => this.grid.clear(r, c, { content: true, style: false }));
    return this;
  }
  clearFormat(): this {
    this.each((r, c) => this.grid.clear(r, c, { content: false, style: true }));
    return this;
  }
  clear(): this {
    this.each((r, c) => this.grid.clear(r, c, { content: true, style: true }));
    return this;
  }
  isBlank(): boolean {
    let blank = true;
    this.each((r, c) => {
      blank &&= this.grid.content(r, c).kind === 'empty';
    });
    return blank;
  }
}

function richText(c: Content): RichTextValue | null {
  if (c.kind === 'empty') return new RichTextValue('', null);
  return c.kind === 'text' ? new RichTextValue(c.value as string, c.link ?? null) : null;
}

function fromRichText(v: unknown): Content {
  if (v === null || v === undefined) return EMPTY;
  if (!(v instanceof RichTextValue))
    throw gasError(
      "The parameters (Object) don't match the method signature for SpreadsheetApp.Range.setRichTextValue.",
    );
  return textContent(v.getText(), v.getLinkUrl() ?? undefined);
}
