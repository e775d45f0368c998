// A sheet's one basic filter (range.createFilter(), sheet.getFilter()): a range that moves with
// the rows and columns inserted around it. Hiding rows by criteria is not modelled.
import { gasError } from './expose.js';
import type { FakeRange } from './range.js';
import type { FakeSheet } from './sheet.js';

export class FakeFilter {
  constructor(
    private readonly sheet: FakeSheet,
    private range: FakeRange,
  ) {}

  moveTo(range: FakeRange): void {
    this.range = range;
  }

  getRange(): FakeRange {
    return this.range;
  }

  remove(): void {
    this.sheet.dropFilter(this);
  }
}

export function noSecondFilter(): Error {
  return gasError("You can't create a filter in a sheet that already has a filter.");
}

export const FILTER_API = ['getRange', 'remove'] as const;
