// Real time zones for the pure modules' tests, from Node's Intl (the platform uses
// Utilities.formatDate(d, tz, 'Z') instead; both give the zone's UTC offset at an instant).
import type { Zone } from '../../../appsscript/src/records/zone.js';

export function intlZone(id: string): Zone {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone: id,
    hourCycle: 'h23',
    ...{ year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' },
  });
  return {
    id,
    offsetMinutes(instant: Date): number {
      const parts = Object.fromEntries(format.formatToParts(instant).map((p) => [p.type, Number(p.value)]));
      const wall = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
      return Math.round((wall - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
    },
  };
}

/** Wall-clock `yyyy-mm-dd hh:mm` of an instant in a zone, to state expectations readably. */
export function wallClock(instant: Date, zone: Zone): string {
  return new Date(instant.getTime() + zone.offsetMinutes(instant) * 60_000)
    .toISOString()
    .slice(0, 16)
    .replace('T', ' ');
}
