// Protections: range.protect() makes a new one each call; sheet.protect() returns the sheet's
// single protection, created on first use. The owner (and so the web app) edits through them.
import type { FakeRange } from './range.js';
import type { FakeSheet } from './sheet.js';

export const ProtectionType = { RANGE: 'RANGE', SHEET: 'SHEET' } as const;
export type ProtectionKind = keyof typeof ProtectionType;

export class FakeProtection {
  private warningOnly = false;
  private description = '';
  private domainEdit = true;
  private unprotected: FakeRange[] = [];

  constructor(
    readonly type: ProtectionKind,
    private readonly sheet: FakeSheet,
    private range: FakeRange,
  ) {}

  /** Sheets moves a protection with the rows it covers. */
  moveTo(range: FakeRange): void {
    this.range = range;
  }

  getProtectionType(): string {
    return this.type;
  }
  getRange(): FakeRange {
    return this.range;
  }
  setWarningOnly(warningOnly: boolean): this {
    this.warningOnly = Boolean(warningOnly);
    return this;
  }
  isWarningOnly(): boolean {
    return this.warningOnly;
  }
  setDescription(description: string): this {
    this.description = String(description);
    return this;
  }
  getDescription(): string {
    return this.description;
  }
  setDomainEdit(editable: boolean): this {
    this.domainEdit = Boolean(editable);
    return this;
  }
  canDomainEdit(): boolean {
    return this.domainEdit;
  }
  canEdit(): boolean {
    return true;
  }
  getEditors(): never[] {
    return [];
  }
  addEditor(): this {
    return this;
  }
  addEditors(): this {
    return this;
  }
  removeEditor(): this {
    return this;
  }
  removeEditors(): this {
    return this;
  }
  setUnprotectedRanges(ranges: FakeRange[]): this {
    this.unprotected = [...ranges];
    return this;
  }
  getUnprotectedRanges(): FakeRange[] {
    return [...this.unprotected];
  }
  remove(): void {
    this.sheet.dropProtection(this);
  }

  describe(): { type: string; range: string; warningOnly: boolean; description: string; unprotected: string[] } {
    return {
      type: this.type,
      range: this.range.getA1Notation(),
      warningOnly: this.warningOnly,
      description: this.description,
      unprotected: this.unprotected.map((r) => r.getA1Notation()),
    };
  }
}

export const PROTECTION_API = [
  'getProtectionType',
  'getRange',
  'setWarningOnly',
  'isWarningOnly',
  'setDescription',
  'getDescription',
  'setDomainEdit',
  'canDomainEdit',
  'canEdit',
  'getEditors',
  'addEditor',
  'addEditors',
  'removeEditor',
  'removeEditors',
  'setUnprotectedRanges',
  'getUnprotectedRanges',
  'remove',
] as const;
