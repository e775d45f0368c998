// SpreadsheetApp.newConditionalFormatRule(): boolean-condition rules, their builder, and how
// they read back (getConditionalFormatRules returns what was set, ranges included).
import type { FakeRange } from './range.js';

export const BooleanCriteria = {
  CELL_EMPTY: 'CELL_EMPTY',
  CELL_NOT_EMPTY: 'CELL_NOT_EMPTY',
  TEXT_CONTAINS: 'TEXT_CONTAINS',
  TEXT_EQUAL_TO: 'TEXT_EQUAL_TO',
  TEXT_STARTS_WITH: 'TEXT_STARTS_WITH',
  CUSTOM_FORMULA: 'CUSTOM_FORMULA',
} as const;

interface RuleData {
  criteria: string | null;
  values: unknown[];
  background: string | null;
  fontColor: string | null;
  bold: boolean | null;
  ranges: FakeRange[];
}

export class BooleanCondition {
  constructor(private readonly data: RuleData) {}
  getCriteriaType(): string | null {
    return this.data.criteria;
  }
  getCriteriaValues(): unknown[] {
    return [...this.data.values];
  }
  getBackground(): string | null {
    return this.data.background;
  }
  getFontColor(): string | null {
    return this.data.fontColor;
  }
  getBold(): boolean | null {
    return this.data.bold;
  }
}

export class ConditionalFormatRule {
  constructor(private readonly data: RuleData) {}
  getRanges(): FakeRange[] {
    return [...this.data.ranges];
  }
  getBooleanCondition(): BooleanCondition {
    return new BooleanCondition(this.data);
  }
  getGradientCondition(): null {
    return null;
  }
  copy(): ConditionalFormatRuleBuilder {
    return new ConditionalFormatRuleBuilder({ ...this.data });
  }

  /** The same rule over other ranges (Sheets moves rules with the rows they cover); null when none remain. */
  remapped(move: (range: FakeRange) => FakeRange | null): ConditionalFormatRule | null {
    const ranges = this.data.ranges.map(move).filter((r): r is FakeRange => r !== null);
    return ranges.length === 0 ? null : new ConditionalFormatRule({ ...this.data, ranges });
  }

  /** Plain description for snapshots and tests. */
  describe(): {
    criteria: string | null;
    values: unknown[];
    background: string | null;
    fontColor: string | null;
    bold: boolean | null;
    ranges: string[];
  } {
    return { ...this.data, values: [...this.data.values], ranges: this.data.ranges.map((r) => r.qualifiedA1()) };
  }
}

export class ConditionalFormatRuleBuilder {
  private data: RuleData;

  constructor(data?: RuleData) {
    this.data = data ?? { criteria: null, values: [], background: null, fontColor: null, bold: null, ranges: [] };
  }

  private when(criteria: string, values: unknown[]): this {
    this.data = { ...this.data, criteria, values };
    return this;
  }

  whenCellEmpty(): this {
    return this.when(BooleanCriteria.CELL_EMPTY, []);
  }
  whenCellNotEmpty(): this {
    return this.when(BooleanCriteria.CELL_NOT_EMPTY, []);
  }
  whenTextContains(text: string): this {
    return this.when(BooleanCriteria.TEXT_CONTAINS, [text]);
  }
  whenTextEqualTo(text: string): this {
    return this.when(BooleanCriteria.TEXT_EQUAL_TO, [text]);
  }
  whenTextStartsWith(text: string): this {
    return this.when(BooleanCriteria.TEXT_STARTS_WITH, [text]);
  }
  whenFormulaSatisfied(formula: string): this {
    return this.when(BooleanCriteria.CUSTOM_FORMULA, [formula]);
  }
  setBackground(color: string | null): this {
    this.data = { ...this.data, background: color };
    return this;
  }
  setFontColor(color: string | null): this {
    this.data = { ...this.data, fontColor: color };
    return this;
  }
  setBold(bold: boolean | null): this {
    this.data = { ...this.data, bold };
    return this;
  }
  setRanges(ranges: FakeRange[]): this {
    this.data = { ...this.data, ranges: [...ranges] };
    return this;
  }
  getRanges(): FakeRange[] {
    return [...this.data.ranges];
  }
  build(): ConditionalFormatRule {
    return new ConditionalFormatRule({ ...this.data });
  }
}

export const RULE_API = ['getRanges', 'getBooleanCondition', 'getGradientCondition', 'copy'] as const;
export const CONDITION_API = [
  'getCriteriaType',
  'getCriteriaValues',
  'getBackground',
  'getFontColor',
  'getBold',
] as const;
export const RULE_BUILDER_API = [
  'whenCellEmpty',
  'whenCellNotEmpty',
  'whenTextContains',
  'whenTextEqualTo',
  'whenTextStartsWith',
  'whenFormulaSatisfied',
  'setBackground',
  'setFontColor',
  'setBold',
  'setRanges',
  'getRanges',
  'build',
] as const;
