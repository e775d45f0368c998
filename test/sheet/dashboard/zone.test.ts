// Local days, Mondays and midnights in real zones east and west of UTC, across daylight-saving changes.
import { describe, expect, it } from 'vitest';
import {
  localDay,
  mondayOf,
  startOfLocalDay,
  dayOfDate,
  formatDay,
  weekday,
} from '../../../appsscript/src/records/zone.js';
import { intlZone, wallClock } from './zones.js';

const tokyo = intlZone('Asia/Tokyo');
const amsterdam = intlZone('Europe/Amsterdam');
const losAngeles = intlZone('America/Los_Angeles');
const havana = intlZone('America/Havana');

describe('the injected offset (test implementation)', () => {
  it('gives summer and winter offsets of real zones', () => {
    expect(amsterdam.offsetMinutes(new Date('2026-07-01T00:00:00Z'))).toBe(120);
    expect(amsterdam.offsetMinutes(new Date('2026-01-01T00:00:00Z'))).toBe(60);
    expect(losAngeles.offsetMinutes(new Date('2026-07-01T00:00:00Z'))).toBe(-420);
    expect(tokyo.offsetMinutes(new Date('2026-07-01T00:00:00Z'))).toBe(540);
  });
});

describe('local days', () => {
  it('puts one instant on different local days east and west of UTC', () => {
    const instant = new Date('2026-03-02T02:00:00Z'); // Monday 02:00 UTC
    expect(formatDay(localDay(instant, tokyo))).toBe('2026-03-02');
    expect(formatDay(localDay(instant, losAngeles))).toBe('2026-03-01');
    expect(weekday(localDay(instant, tokyo))).toBe(0);
    expect(weekday(localDay(instant, losAngeles))).toBe(6);
  });

  it('finds the Monday of any day, on and before the epoch', () => {
    expect(formatDay(mondayOf(dayOfDate(2026, 3, 8)))).toBe('2026-03-02');
    expect(formatDay(mondayOf(dayOfDate(2026, 3, 2)))).toBe('2026-03-02');
    expect(formatDay(mondayOf(0))).toBe('1969-12-29');
  });
});

describe('the first instant of a local day', () => {
  it('is local midnight east and west of UTC', () => {
    expect(startOfLocalDay(dayOfDate(2026, 3, 2), tokyo).toISOString()).toBe('2026-03-01T15:00:00.000Z');
    expect(startOfLocalDay(dayOfDate(2026, 3, 2), losAngeles).toISOString()).toBe('2026-03-02T08:00:00.000Z');
  });

  it('takes the offset in force at midnight on the days around a daylight-saving change', () => {
    // Europe: clocks go forward on Sunday 2026-03-29 at 02:00; Los Angeles on Sunday 2026-03-08.
    expect(startOfLocalDay(dayOfDate(2026, 3, 29), amsterdam).toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(startOfLocalDay(dayOfDate(2026, 3, 30), amsterdam).toISOString()).toBe('2026-03-29T22:00:00.000Z');
    expect(startOfLocalDay(dayOfDate(2026, 3, 8), losAngeles).toISOString()).toBe('2026-03-08T08:00:00.000Z');
    expect(startOfLocalDay(dayOfDate(2026, 3, 9), losAngeles).toISOString()).toBe('2026-03-09T07:00:00.000Z');
  });

  it('is the transition where midnight is skipped, and the first midnight where it repeats (Havana)', () => {
    // Cuba: 2026-03-08 00:00 → 01:00 (no midnight); 2026-11-01 01:00 → 00:00 (midnight twice).
    const skipped = startOfLocalDay(dayOfDate(2026, 3, 8), havana);
    expect(skipped.toISOString()).toBe('2026-03-08T05:00:00.000Z');
    expect(wallClock(skipped, havana)).toBe('2026-03-08 01:00');
    const repeated = startOfLocalDay(dayOfDate(2026, 11, 1), havana);
    expect(repeated.toISOString()).toBe('2026-11-01T04:00:00.000Z');
    expect(wallClock(repeated, havana)).toBe('2026-11-01 00:00');
  });
});
