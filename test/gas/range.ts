// Range: a box of cells on one sheet — its geometry and what hangs off a box (text finder, filter,
// protection, sort); the content and format calls are RangeCells'.
import { toA1 } from './a1.js';
import type { FakeFilter } from './filter.js';
import { FakeProtection } from './protection.js';
import { RangeCells } from './range-cells.js';
import type { FakeSheet } from './sheet.js';
import { sortOrder, type SortSpec } from './sort.js';
import { FakeTextFinder } from './text-finder.js';

export class FakeRange extends RangeCells {
  getRow(): number {
    return this.box.row;
  }
  getColumn(): number {
    return this.box.col;
  }
  getNumRows(): number {
    return this.box.numRows;
  }
  getNumColumns(): number {
    return this.box.numCols;
  }
  getHeight(): number {
    return this.box.numRows;
  }
  getWidth(): number {
    return this.box.numCols;
  }
  getLastRow(): number {
    return this.box.row + this.box.numRows - 1;
  }
  getLastColumn(): number {
    return this.box.col + this.box.numCols - 1;
  }
  getA1Notation(): string {
    return toA1(this.box);
  }
  getSheet(): FakeSheet {
    return this.sheet;
  }
  getCell(row: number, col: number): FakeRange {
    return this.offset(row - 1, col - 1, 1, 1);
  }
  activate(): this {
    this.sheet.getParent().setActiveRangeTo(this);
    return this;
  }

  offset(rowOffset: number, colOffset: number, numRows?: number, numCols?: number): FakeRange {
    return this.sheet.getRange(
      this.box.row + rowOffset,
      this.box.col + colOffset,
      numRows ?? this.box.numRows,
      numCols ?? this.box.numCols,
    );
  }

  qualifiedA1(): string {
    return `'${this.sheet.getName().replace(/'/g, "''")}'!${this.getA1Notation()}`;
  }

  createTextFinder(findText: string): FakeTextFinder {
    return new FakeTextFinder(this, String(findText));
  }

  createFilter(): FakeFilter {
    return this.sheet.addFilter(this);
  }

  protect(): FakeProtection {
    return this.sheet.addRangeProtection(new FakeProtection('RANGE', this.sheet, this));
  }

  sort(spec: SortSpec): this {
    const { row, col, numRows, numCols } = this.box;
    const order = sortOrder(this.grid, row, numRows, spec, col, numCols);
    this.grid.reorderRows(row, col, numCols, order);
    return this;
  }
}

export const RANGE_API = [
  'getValues',
  'getValue',
  'getDisplayValues',
  'getDisplayValue',
  'getFormulas',
  'getFormula',
  'setValues',
  'setValue',
  'setFormula',
  'setFormulas',
  'getRichTextValues',
  'getRichTextValue',
  'setRichTextValues',
  'setRichTextValue',
  'setNumberFormat',
  'setNumberFormats',
  'getNumberFormat',
  'getNumberFormats',
  'setBackground',
  'setBackgrounds',
  'getBackground',
  'getBackgrounds',
  'setFontWeight',
  'getFontWeight',
  'setFontColor',
  'setFontStyle',
  'setWrap',
  'setWrapStrategy',
  'getWrapStrategy',
  'setVerticalAlignment',
  'setHorizontalAlignment',
  'clearContent',
  'clearFormat',
  'clear',
  'isBlank',
  'getRow',
  'getColumn',
  'getNumRows',
  'getNumColumns',
  'getHeight',
  'getWidth',
  'getLastRow',
  'getLastColumn',
  'getA1Notation',
  'getSheet',
  'getCell',
  'activate',
  'offset',
  'createTextFinder',
  'protect',
  'createFilter',
  'sort',
] as const;
