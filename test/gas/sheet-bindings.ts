// What a sheet binds to boxes of its cells — conditional format rules, protections, the filter —
// each following the cells it covers when rows or columns come and go, as Sheets moves references.
import type { GridBox } from './a1.js';
import { FakeFilter, noSecondFilter } from './filter.js';
import { FakeProtection, ProtectionType } from './protection.js';
import { FakeRange } from './range.js';
import type { ConditionalFormatRule } from './rules.js';
import type { FakeSheet } from './sheet.js';

export class SheetBindings {
  private rules: ConditionalFormatRule[] = [];
  private sheetProtection: FakeProtection | null = null;
  private rangeProtections: FakeProtection[] = [];
  private filter: FakeFilter | null = null;

  constructor(
    private readonly sheet: FakeSheet,
    private readonly wholeSheet: () => FakeRange,
  ) {}

  getConditionalFormatRules(): ConditionalFormatRule[] {
    return [...this.rules];
  }
  setConditionalFormatRules(rules: ConditionalFormatRule[]): void {
    this.rules = [...rules];
  }

  getFilter(): FakeFilter | null {
    return this.filter;
  }
  addFilter(range: FakeRange): FakeFilter {
    if (this.filter) throw noSecondFilter();
    this.filter = new FakeFilter(this.sheet, range);
    return this.filter;
  }
  dropFilter(filter: FakeFilter): void {
    if (this.filter === filter) this.filter = null;
  }

  protect(): FakeProtection {
    this.sheetProtection ??= new FakeProtection('SHEET', this.sheet, this.wholeSheet());
    return this.sheetProtection;
  }
  getProtections(type: string): FakeProtection[] {
    if (type === ProtectionType.SHEET) return this.sheetProtection ? [this.sheetProtection] : [];
    return [...this.rangeProtections];
  }
  addRangeProtection(p: FakeProtection): FakeProtection {
    this.rangeProtections.push(p);
    return p;
  }
  dropProtection(p: FakeProtection): void {
    if (this.sheetProtection === p) this.sheetProtection = null;
    this.rangeProtections = this.rangeProtections.filter((x) => x !== p);
  }

  /** The sheet's own protection covers the whole sheet, however large it has grown. */
  coverWholeSheet(): void {
    this.sheetProtection?.moveTo(this.wholeSheet());
  }

  /** Rules, protections and the filter follow their cells; one whose cells are all gone goes too. */
  move(move: (box: GridBox) => GridBox | null): void {
    const moveRange = (range: FakeRange) => {
      const box = move(range.box);
      return box && new FakeRange(this.sheet, box);
    };
    this.rules = this.rules.flatMap((rule) => rule.remapped(moveRange) ?? []);
    this.rangeProtections = this.rangeProtections.filter((p) => {
      const range = moveRange(p.getRange());
      if (range) p.moveTo(range);
      return range !== null;
    });
    this.coverWholeSheet();
    if (this.filter) {
      const range = moveRange(this.filter.getRange());
      if (range) this.filter.moveTo(range);
      else this.filter = null;
    }
  }

  describe(): object {
    return {
      rules: this.rules.map((r) => r.describe()),
      sheetProtection: this.sheetProtection?.describe() ?? null,
      rangeProtections: this.rangeProtections.map((p) => p.describe()),
      filter: this.filter?.getRange().getA1Notation() ?? null,
    };
  }
}
