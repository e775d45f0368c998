// Fills the tabs from the host side with exactly what the script writes (the same pure planner
// and composer, sealed with the key the script will find in Script Properties), so large sheets
// can be set up without thousands of executions.
import { createHmac } from 'node:crypto';
import type { Request } from '../../proto/contract.js';
import { COLUMN_COUNT } from '../../appsscript/src/rows/columns.js';
import { composeBlock } from '../../appsscript/src/rows/compose.js';
import { historyValues } from '../../appsscript/src/ledger/history.js';
import { SEAL_HEADER, historySeal } from '../../appsscript/src/ledger/history-seal.js';
import { COL, HEADERS, HISTORY_HEADERS, HISTORY_SHEET_NAME } from '../../appsscript/src/ledger/layout.js';
import { rowsToGrow } from '../../appsscript/src/capacity/grid-size.js';
import { planBatch } from '../../appsscript/src/rows/plan.js';
import type { Mac } from '../../appsscript/src/rows/rowmeta.js';
import { RichTextValueBuilder } from '../gas/richtext.js';
import type { FakeSheet } from '../gas/sheet.js';
import { CLUSTER, WEB_URL, makeBatch, upsert } from './fixtures.js';
import type { Sheet } from './harness.js';

const SEED_CHUNK = 5000;
const ROW_KEY = 'seeded-row-key-0123456789abcdef0123456789abcdef0123456789abcdef';

/**
 * The key the script seals with, set as if the script had made it: in the owner's User Properties,
 * or (`legacy`) in Script Properties where versions before contract §15 kept it.
 */
export function seedRowKey(sheet: Sheet, o: { legacy?: boolean } = {}): Mac {
  if (o.legacy) sheet.rt.properties.setProperty('teleport.rowKey', ROW_KEY);
  else sheet.rt.userProperties.setProperty('teleport.sealingKey', ROW_KEY);
  sheet.rt.properties.setProperty('teleport.webUrls', JSON.stringify({ [CLUSTER]: WEB_URL }));
  return (json) =>
    createHmac('sha256', ROW_KEY)
      .update('teleport-sheets row\n' + json, 'utf8')
      .digest('hex');
}

function grow(tab: FakeSheet, rows: number): void {
  if (tab.getMaxRows() < rows) tab.insertRowsAfter(tab.getMaxRows(), rows - tab.getMaxRows());
}

/** Seeds the rows with the grid the script itself would have grown (its slack included); returns the History events. */
export function seedRows(sheet: Sheet, requests: readonly Request[]): FakeSheet {
  const mac = seedRowKey(sheet);
  const ss = sheet.rt.spreadsheet;
  const tab = ss.getSheetByName('Access Requests') ?? ss.insertSheet('Access Requests');
  grow(tab, rowsToGrow(0, requests.length + 1));
  if (tab.getMaxColumns() < COLUMN_COUNT)
    tab.insertColumnsAfter(tab.getMaxColumns(), COLUMN_COUNT - tab.getMaxColumns());
  tab.getRange(1, 1, 1, COLUMN_COUNT).setValues([HEADERS.map((h) => `'${h}`)]);
  const now = new Date(sheet.nowMs);
  for (let start = 0; start < requests.length; start += SEED_CHUNK) {
    const chunk = requests.slice(start, start + SEED_CHUNK);
    const batch = makeBatch(chunk.map(upsert));
    const sentAt = Math.floor(sheet.nowMs / 1000);
    const input = {
      versionColumn: ['Version'],
      batch,
      now,
      mac,
      webUrls: { [CLUSTER]: WEB_URL },
      identity: null,
      sentAt,
    };
    const planned = planBatch(input);
    if (!planned.ok) throw new Error('a fresh tab needs no identity cells');
    const block = composeBlock(planned.plan, planned.plan.runs[0]!, null, now, mac);
    tab.getRange(start + 2, 1, chunk.length, COLUMN_COUNT).setValues(block.values);
    const links = block.links!.map((l) => [
      new RichTextValueBuilder()
        .setText(l?.text ?? '')
        .setLinkUrl(l?.url || null)
        .build(),
    ]);
    tab.getRange(start + 2, COL.link, chunk.length, 1).setRichTextValues(links);
  }
  return tab;
}

/**
 * A History tab of `count` rows (the events of made-up requests), sealed as the script seals them
 * with the key seedRowKey sets, its grid grown with room to spare.
 */
export function seedHistory(sheet: Sheet, count: number): FakeSheet {
  const ss = sheet.rt.spreadsheet;
  const mac = seedRowKey(sheet);
  const tab = ss.getSheetByName(HISTORY_SHEET_NAME) ?? ss.insertSheet(HISTORY_SHEET_NAME);
  grow(tab, count + 1 + 5000);
  const headers = [...HISTORY_HEADERS, SEAL_HEADER];
  tab.getRange(1, 1, 1, headers.length).setValues([headers.map((h) => `'${h}`)]);
  const time = new Date(sheet.nowMs);
  for (let start = 0; start < count; start += SEED_CHUNK) {
    const n = Math.min(SEED_CHUNK, count - start);
    const rows = Array.from({ length: n }, (_, i) =>
      historyValues({
        time,
        cluster: CLUSTER,
        requestId: `seed-${start + i}`,
        user: 'alice',
        roles: 'db-admin',
        event: 'requested',
        by: 'alice',
        detail: '',
        key: `${CLUSTER}/seed-${start + i}/requested`,
      }).map((v) => (typeof v === 'string' && v !== '' ? `'${v}` : v)),
    );
    const sealed = rows.map((cells) => [...cells, historySeal(cells, mac, true)]);
    tab.getRange(start + 2, 1, n, headers.length).setValues(sealed);
  }
  return tab;
}
