// What a cell holds, and how a value written by setValue/setValues becomes that: strings are
// parsed as if typed by a user, unless the cell is formatted as plain text ('@').
import { gasError } from './expose.js';
import { parseTypedDate } from './typed-dates.js';

export type CellKind = 'empty' | 'text' | 'number' | 'boolean' | 'date' | 'formula';

export interface Content {
  kind: CellKind;
  /** text: string; number: number; boolean: boolean; date: ms since epoch; empty and formula: null */
  value: string | number | boolean | null;
  formula?: string;
  link?: string;
}

export interface Written {
  content: Content;
  /** The number format Sheets picks for what was typed (12% → 0%, a date → yyyy-mm-dd). */
  impliedFormat?: string;
}

export const EMPTY: Content = Object.freeze({ kind: 'empty', value: null }) as Content;
export const MAX_CELL_CHARS = 50_000;
export const PLAIN_TEXT_FORMAT = '@';

const PLAIN_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i;
const GROUPED_NUMBER = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d*)?$/;
const PERCENT = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))%$/;

function checkLength(s: string): void {
  if (s.length > MAX_CELL_CHARS) {
    throw gasError(`Your input contains more than the maximum of ${MAX_CELL_CHARS} characters in a single cell.`);
  }
}

function parseNumber(s: string): Written | null {
  if (PLAIN_NUMBER.test(s)) return { content: { kind: 'number', value: Number(s) } };
  if (GROUPED_NUMBER.test(s)) return { content: { kind: 'number', value: Number(s.replace(/,/g, '')) } };
  const pct = PERCENT.exec(s);
  if (pct) {
    const decimals = (pct[1]!.split('.')[1] ?? '').length;
    return {
      content: { kind: 'number', value: Number(pct[1]) / 100 },
      impliedFormat: decimals ? `0.${'0'.repeat(decimals)}%` : '0%',
    };
  }
  return null;
}

/** A string typed into a cell. */
export function parseTyped(s: string, timeZone: string): Written {
  checkLength(s);
  if (s === '') return { content: EMPTY };
  if (s.startsWith("'")) return { content: { kind: 'text', value: s.slice(1) } };
  if (s.startsWith('=') && s.length > 1) return { content: { kind: 'formula', value: null, formula: s } };
  const trimmed = s.trim();
  const number = parseNumber(trimmed);
  if (number) return number;
  // A sign or @ that does not introduce a plain number starts a formula (=+cmd, =-1+1), never text.
  if (/^[+\-@]./s.test(s))
    return { content: { kind: 'formula', value: null, formula: s.startsWith('@') ? `=${s.slice(1)}` : `=${s}` } };
  if (/^(true|false)$/i.test(trimmed)) return { content: { kind: 'boolean', value: trimmed.toLowerCase() === 'true' } };
  const date = parseTypedDate(trimmed, timeZone);
  if (date) return { content: { kind: 'date', value: date.ms }, impliedFormat: date.format };
  return { content: { kind: 'text', value: s } };
}

export function isDate(v: unknown): v is Date {
  return Object.prototype.toString.call(v) === '[object Date]';
}

/** Any value a script may pass to setValue/setValues. */
export function toContent(v: unknown, timeZone: string, numberFormat: string | undefined): Written {
  if (v === null || v === undefined) return { content: EMPTY };
  if (typeof v === 'number') return { content: { kind: 'number', value: v } };
  if (typeof v === 'boolean') return { content: { kind: 'boolean', value: v } };
  if (isDate(v)) return { content: { kind: 'date', value: v.getTime() }, impliedFormat: 'yyyy-mm-dd hh:mm:ss' };
  const s = String(v);
  if (numberFormat === PLAIN_TEXT_FORMAT) {
    checkLength(s);
    return { content: s === '' ? EMPTY : { kind: 'text', value: s } };
  }
  return parseTyped(s, timeZone);
}

/** Text written as rich text is never parsed. */
export function textContent(text: string, link: string | undefined): Content {
  checkLength(text);
  if (text === '') return EMPTY;
  return link === undefined ? { kind: 'text', value: text } : { kind: 'text', value: text, link };
}

/** What getValues() returns for the cell; dates are built with the script's Date. */
export function scriptValue(c: Content, DateCtor: DateConstructor): unknown {
  switch (c.kind) {
    case 'empty':
    case 'formula':
      return '';
    case 'date':
      return new DateCtor(c.value as number);
    default:
      return c.value;
  }
}
