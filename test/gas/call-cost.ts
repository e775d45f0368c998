// Which part of the cost model (cost-model.ts) prices each spreadsheet service call, and the
// write cache that makes a flush dear only when writes are waiting in it.
import { COST, bySize, findSeconds, readSeconds, writeSeconds } from './cost-model.js';
import { FakeRange } from './range.js';
import { FakeSheet } from './sheet.js';
import { FakeSpreadsheet } from './spreadsheet.js';
import { FakeTextFinder } from './text-finder.js';

const BLOCK_READS = new Set([
  'getValues',
  'getDisplayValues',
  'getRichTextValues',
  'getFormulas',
  'getNumberFormats',
  'getBackgrounds',
]);
const SINGLE_READS = new Set([
  'getValue',
  'getDisplayValue',
  'getRichTextValue',
  'getFormula',
  'getNumberFormat',
  'getBackground',
  'getFontWeight',
  'getWrapStrategy',
  'isBlank',
]);
const BLOCK_WRITES = new Set([
  'setValues',
  'setValue',
  'setFormulas',
  'setFormula',
  'setRichTextValues',
  'setRichTextValue',
  'setNumberFormats',
  'setBackgrounds',
]);
const METADATA = new Set(['getMaxRows', 'getMaxColumns']);
const LAST_CELL = new Set(['getLastRow', 'getLastColumn', 'getDataRange']);
const FINDS = new Set(['findAll', 'findNext']);
/** Getters and reference builders: they neither change the spreadsheet nor send the write cache. */
const LOCAL = /^(get|is|offset$|createTextFinder$|newChart$|match|useRegularExpression$)/;

/** The write cache of one execution: writes wait in it until a read or a flush sends them. */
export interface WriteCache {
  writesPending: boolean;
}

function cellsOf(target: object): number {
  if (target instanceof FakeRange) return target.box.numRows * target.box.numCols;
  if (target instanceof FakeTextFinder) return target.cellsSearched();
  return 0;
}

function fileCells(target: object): number {
  if (target instanceof FakeRange) return target.getSheet().getParent().gridCells();
  if (target instanceof FakeSheet) return target.getParent().gridCells();
  if (target instanceof FakeSpreadsheet) return target.gridCells();
  return 0;
}

function readCost(method: string, target: object): number | null {
  if (BLOCK_READS.has(method)) return readSeconds(cellsOf(target));
  if (SINGLE_READS.has(method)) return bySize(COST.singleRead, fileCells(target));
  if (METADATA.has(method)) return bySize(COST.metadata, fileCells(target));
  if (LAST_CELL.has(method) && target instanceof FakeSheet) return bySize(COST.lastRow, fileCells(target));
  if (FINDS.has(method)) return findSeconds(cellsOf(target));
  return null;
}

/** Modelled seconds of one priced call, made now by the execution whose write cache is `cache`. */
export function callSeconds(api: string, method: string, target: object, cache: WriteCache): number {
  const read = readCost(method, target);
  if (read !== null) {
    cache.writesPending = false;
    return read;
  }
  if (api === 'SpreadsheetApp' && method === 'flush') {
    const seconds = cache.writesPending ? COST.flushSeconds : COST.callSeconds;
    cache.writesPending = false;
    return seconds;
  }
  if (api === 'SpreadsheetApp' && method === 'create') return COST.createSeconds;
  if (LOCAL.test(method) || api === 'SpreadsheetApp') return COST.callSeconds;
  cache.writesPending = true;
  if (BLOCK_WRITES.has(method) && target instanceof FakeRange) return writeSeconds(cellsOf(target));
  if (method === 'appendRow') return COST.appendRowSeconds;
  return COST.callSeconds;
}
