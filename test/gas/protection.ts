// Protections: range.protect() makes a new one each call; sheet.protect() returns the sheet's
// single protection, created on first use. The owner (and so the web app) edits through them.
// A new protection's editors mirror the file's sharing (here: the owner and the user running the
// script); neither the owner nor the user running the script can be removed from them.
import type { FakeRange } from './range.js';
import { gasError } from './expose.js';
import { FakeUser } from './session.js';
import type { FakeSheet } from './sheet.js';

export const ProtectionType = { RANGE: 'RANGE', SHEET: 'SHEET' } as const;
export type ProtectionKind = keyof typeof ProtectionType;

export class FakeProtection {
  private warningOnly = false;
  private description = '';
  private domainEdit = true;
  private unprotected: FakeRange[] = [];
  private readonly editors: Set<string>;

  constructor(
    readonly type: ProtectionKind,
    private readonly sheet: FakeSheet,
    private range: FakeRange,
  ) {
    this.editors = new Set([this.owner(), this.currentUser()]);
  }

  private owner(): string {
    return this.sheet.getParent().env.ownerEmail;
  }
  private currentUser(): string {
    return this.sheet.getParent().env.user;
  }

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
    const user = this.currentUser();
    return user === this.owner() || this.warningOnly || this.editors.has(user);
  }
  getEditors(): FakeUser[] {
    if (!this.canEdit()) throw gasError('You are trying to edit a protected cell or object.');
    return [...this.editors].sort().map((email) => new FakeUser(email));
  }
  addEditor(emailAddress: string | FakeUser): this {
    this.editors.add(emailOf(emailAddress));
    return this;
  }
  addEditors(emailAddresses: string[]): this {
    for (const email of emailAddresses) this.addEditor(email);
    return this;
  }
  removeEditor(emailAddress: string | FakeUser): this {
    const email = emailOf(emailAddress);
    if (email !== this.owner() && email !== this.currentUser()) this.editors.delete(email);
    return this;
  }
  removeEditors(emailAddresses: (string | FakeUser)[]): this {
    for (const email of emailAddresses) this.removeEditor(email);
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

  describe(): ProtectionView {
    return {
      type: this.type,
      range: this.range.getA1Notation(),
      warningOnly: this.warningOnly,
      description: this.description,
      unprotected: this.unprotected.map((r) => r.getA1Notation()),
      editors: [...this.editors].sort(),
      domainEdit: this.domainEdit,
    };
  }
}

export interface ProtectionView {
  type: string;
  range: string;
  warningOnly: boolean;
  description: string;
  unprotected: string[];
  editors: string[];
  domainEdit: boolean;
}

function emailOf(user: string | FakeUser): string {
  return user instanceof FakeUser ? user.getEmail() : String(user);
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
