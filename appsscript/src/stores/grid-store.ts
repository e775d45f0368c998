// The spreadsheet's grid, as last measured (contract §12), in Script Properties behind the script
// cache: the cell count with its time, adjusted by every growth the script makes itself, and one
// sample a day for the last 31 days so the forecast has its 30-day pace. A heartbeat reads it from
// the cache without a spreadsheet call; what people add by hand shows at the next measurement.
import { DAY_MS } from '../records/zone.js';
import type { GridSample } from '../capacity/forecast.js';
import { CACHE_TTL_SECONDS, readThrough, type ScriptStores } from './cached-properties.js';

const GRID_KEY = 'teleport.grid';
const KEPT_DAYS = 31;

export interface GridRecord {
  /** When the grid was last measured, and what it held then plus the script's own growth since. */
  measured: GridSample;
  cells: number;
  /** The last measurement of each day, oldest first. */
  days: GridSample[];
}

function parse(json: string | null): GridRecord | null {
  if (!json) return null;
  try {
    const o = JSON.parse(json) as Partial<GridRecord>;
    const sample = (s: unknown): s is GridSample =>
      typeof s === 'object' &&
      s !== null &&
      Number.isFinite((s as GridSample).at) &&
      Number.isFinite((s as GridSample).cells);
    if (!sample(o.measured) || !Number.isFinite(o.cells) || !Array.isArray(o.days)) return null;
    return { measured: o.measured, cells: o.cells!, days: o.days.filter(sample) };
  } catch {
    return null;
  }
}

/** Never fails a batch: out of Properties quota or space, the cache alone keeps the count. */
function save(p: ScriptStores, record: GridRecord): void {
  const json = JSON.stringify(record);
  p.scriptCache.put(GRID_KEY, json, CACHE_TTL_SECONDS);
  try {
    p.scriptProperties.set(GRID_KEY, json);
  } catch (err) {
    console.warn('could not save the grid count: ' + (err instanceof Error ? err.message : 'unknown'));
  }
}

export function gridRecord(p: ScriptStores): GridRecord | null {
  return parse(readThrough(p.scriptProperties, p.scriptCache, GRID_KEY, { absent: '' }));
}

/** A fresh measurement: it replaces the count and is the day's sample. */
export function rememberMeasurement(p: ScriptStores, sample: GridSample): GridRecord {
  const day = Math.floor(sample.at / DAY_MS);
  const earlier = (gridRecord(p)?.days ?? []).filter(
    (s) => Math.floor(s.at / DAY_MS) !== day && s.at > sample.at - KEPT_DAYS * DAY_MS,
  );
  const record = { measured: sample, cells: sample.cells, days: [...earlier, sample] };
  save(p, record);
  return record;
}

/** Cells the script itself just added (or gave back, negative), counted without measuring again. */
export function addGrowth(p: ScriptStores, cells: number): void {
  const record = gridRecord(p);
  if (record && cells !== 0) save(p, { ...record, cells: Math.max(0, record.cells + cells) });
}
