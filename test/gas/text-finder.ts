// TextFinder (sheet.createTextFinder / range.createTextFinder): matches display values partially
// and case-insensitively unless told otherwise, row by row.
import type { FakeRange } from './range.js';

export class FakeTextFinder {
  private caseSensitive = false;
  private entireCell = false;
  private regex = false;
  private position = -1;

  constructor(
    private readonly scope: FakeRange,
    private readonly text: string,
  ) {}

  matchCase(matchCase: boolean): this {
    this.caseSensitive = Boolean(matchCase);
    return this;
  }
  matchEntireCell(entireCell: boolean): this {
    this.entireCell = Boolean(entireCell);
    return this;
  }
  useRegularExpression(useRegEx: boolean): this {
    this.regex = Boolean(useRegEx);
    return this;
  }

  private matcher(): RegExp {
    const body = this.regex ? this.text : this.text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return new RegExp(this.entireCell ? `^(?:${body})$` : body, this.caseSensitive ? '' : 'i');
  }

  private matches(): FakeRange[] {
    const re = this.matcher();
    const found: FakeRange[] = [];
    this.scope.getDisplayValues().forEach((line, i) =>
      line.forEach((text, j) => {
        if (text !== '' && re.test(text)) found.push(this.scope.getCell(i + 1, j + 1));
      }),
    );
    return found;
  }

  /** How many cells a search looks through (for the cost model; not visible to the script). */
  cellsSearched(): number {
    return this.scope.box.numRows * this.scope.box.numCols;
  }

  findAll(): FakeRange[] {
    return this.matches();
  }

  findNext(): FakeRange | null {
    const found = this.matches();
    this.position += 1;
    return found[this.position] ?? null;
  }
}

export const TEXT_FINDER_API = ['matchCase', 'matchEntireCell', 'useRegularExpression', 'findAll', 'findNext'] as const;
