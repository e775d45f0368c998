// Sheet.getRangeList(a1s): one call that applies a format or value to several ranges.
import type { FakeRange } from './range.js';

export class FakeRangeList {
  constructor(private readonly ranges: FakeRange[]) {}

  private all(fn: (r: FakeRange) => void): this {
    this.ranges.forEach(fn);
    return this;
  }

  getRanges(): FakeRange[] {
    return [...this.ranges];
  }
  setValue(value: unknown): this {
    return this.all((r) => r.setValue(value));
  }
  setNumberFormat(format: string): this {
    return this.all((r) => r.setNumberFormat(format));
  }
  setBackground(color: string | null): this {
    return this.all((r) => r.setBackground(color));
  }
  setFontWeight(weight: string | null): this {
    return this.all((r) => r.setFontWeight(weight));
  }
  setFontColor(color: string | null): this {
    return this.all((r) => r.setFontColor(color));
  }
  setWrap(wrap: boolean): this {
    return this.all((r) => r.setWrap(wrap));
  }
  setHorizontalAlignment(a: string | null): this {
    return this.all((r) => r.setHorizontalAlignment(a));
  }
  setVerticalAlignment(a: string | null): this {
    return this.all((r) => r.setVerticalAlignment(a));
  }
  clearContent(): this {
    return this.all((r) => r.clearContent());
  }
  clear(): this {
    return this.all((r) => r.clear());
  }
}

export const RANGE_LIST_API = [
  'getRanges',
  'setValue',
  'setNumberFormat',
  'setBackground',
  'setFontWeight',
  'setFontColor',
  'setWrap',
  'setHorizontalAlignment',
  'setVerticalAlignment',
  'clearContent',
  'clear',
] as const;
