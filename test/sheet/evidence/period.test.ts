// Periods typed by people → [start, end) instants in the spreadsheet's zone, or a clear error.
import { describe, expect, it } from 'vitest';
import { parsePeriod, type PeriodResult } from '../../../appsscript/src/evidence/period.js';
import { intlZone } from '../dashboard/zones.js';

const amsterdam = intlZone('Europe/Amsterdam');
const losAngeles = intlZone('America/Los_Angeles');
const tokyo = intlZone('Asia/Tokyo');

function bounds(result: PeriodResult): [string, string] {
  if (!result.ok) throw new Error(result.error);
  return [result.period.start.toISOString(), result.period.end.toISOString()];
}

function error(result: PeriodResult): string {
  if (result.ok) throw new Error('expected an error');
  return result.error;
}

describe('parsePeriod', () => {
  it('reads a quarter in the zone, across the autumn daylight-saving change', () => {
    expect(bounds(parsePeriod('2026-Q3', amsterdam))).toEqual(['2026-06-30T22:00:00.000Z', '2026-09-30T22:00:00.000Z']);
    expect(bounds(parsePeriod('2026-q4', amsterdam))).toEqual(['2026-09-30T22:00:00.000Z', '2026-12-31T23:00:00.000Z']);
    expect(bounds(parsePeriod('2026-Q1', tokyo))).toEqual(['2025-12-31T15:00:00.000Z', '2026-03-31T15:00:00.000Z']);
  });

  it('reads a month, a leap February included', () => {
    expect(bounds(parsePeriod('2026-10', amsterdam))).toEqual(['2026-09-30T22:00:00.000Z', '2026-10-31T23:00:00.000Z']);
    expect(bounds(parsePeriod('2028-02', losAngeles))).toEqual([
      '2028-02-01T08:00:00.000Z',
      '2028-03-01T08:00:00.000Z',
    ]);
    expect(bounds(parsePeriod('2026-12', tokyo))).toEqual(['2026-11-30T15:00:00.000Z', '2026-12-31T15:00:00.000Z']);
  });

  it('reads an inclusive range of days, spaces allowed around it and around the dots', () => {
    const result = parsePeriod(' 2026-03-01 .. 2026-03-31 ', losAngeles);
    expect(bounds(result)).toEqual(['2026-03-01T08:00:00.000Z', '2026-04-01T07:00:00.000Z']);
    expect(result).toMatchObject({ period: { text: '2026-03-01 .. 2026-03-31', firstDay: '2026-03-01' } });
    expect(result).toMatchObject({ period: { lastDay: '2026-03-31' } });
    expect(bounds(parsePeriod('2026-07-01..2026-07-01', tokyo))).toEqual([
      '2026-06-30T15:00:00.000Z',
      '2026-07-01T15:00:00.000Z',
    ]);
  });

  it('says what is wrong and shows the three forms', () => {
    const examples = 'Enter a quarter (2026-Q3), a month (2026-10) or a range of days (2026-07-01..2026-09-30).';
    expect(error(parsePeriod('last quarter', amsterdam))).toBe(`“last quarter” is not a period. ${examples}`);
    expect(error(parsePeriod('2026-13', amsterdam))).toBe(`“2026-13” has no month 13. ${examples}`);
    expect(error(parsePeriod('2026-Q5', amsterdam))).toMatch(/is not a period/);
    expect(error(parsePeriod('2026-02-29..2026-03-01', amsterdam))).toBe(
      `“2026-02-29..2026-03-01” contains 2026-02-29, which is not a date. ${examples}`,
    );
    expect(error(parsePeriod('2026-03-02..2026-03-01', amsterdam))).toMatch(/ends before it starts/);
    expect(error(parsePeriod('1969-12', amsterdam))).toMatch(/^The year 1969 is out of range/);
    expect(error(parsePeriod('', amsterdam))).toMatch(/^“” is not a period/);
  });
});
