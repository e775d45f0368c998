// Fills the requests tab from the host side with exactly what the script writes (the same pure
// planner and composer), so large sheets can be set up without thousands of executions.
import type { Request } from '../../proto/contract.js';
import { COL, COLUMN_COUNT, HEADERS } from '../../appsscript/src/columns.js';
import { composeBlock } from '../../appsscript/src/compose.js';
import { GROW_HEADROOM_ROWS, planBatch } from '../../appsscript/src/plan.js';
import { RichTextValueBuilder } from '../gas/richtext.js';
import type { FakeSheet } from '../gas/sheet.js';
import { makeBatch, upsert } from './fixtures.js';
import type { Sheet } from './harness.js';

const SEED_CHUNK = 5000;

/** Seeds the rows with the grid the script itself would have grown (headroom included). */
export function seedRows(sheet: Sheet, requests: readonly Request[]): FakeSheet {
  const ss = sheet.rt.spreadsheet;
  const tab = ss.getSheetByName('Access Requests') ?? ss.insertSheet('Access Requests');
  const needed = requests.length + 1 + GROW_HEADROOM_ROWS;
  if (tab.getMaxRows() < needed) tab.insertRowsAfter(tab.getMaxRows(), needed - tab.getMaxRows());
  tab.getRange(1, 1, 1, COLUMN_COUNT).setValues([HEADERS.map((h) => `'${h}`)]);
  const now = new Date(sheet.nowMs);
  for (let start = 0; start < requests.length; start += SEED_CHUNK) {
    const chunk = requests.slice(start, start + SEED_CHUNK);
    const block = composeBlock(planBatch(['Version'], makeBatch(chunk.map(upsert)), now), null, now)!;
    tab.getRange(start + 2, 1, chunk.length, COLUMN_COUNT).setValues(block.values);
    const links = block.links.map((l) => [
      new RichTextValueBuilder()
        .setText(l.text)
        .setLinkUrl(l.url || null)
        .build(),
    ]);
    tab.getRange(start + 2, COL.link, chunk.length, 1).setRichTextValues(links);
  }
  return tab;
}
