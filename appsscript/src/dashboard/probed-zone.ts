// A Zone over the platform's offset text (Utilities.formatDate(d, tz, 'Z') → "+0200"). Each probe
// is a call into Apps Script, and a refresh asks for the offset of every row, so offsets are
// probed once per UTC day: a day whose start and end agree has that offset throughout (zones
// change offset at most once a day); only a day with a change is probed instant by instant.
import { DAY_MS, type Zone } from '../records/zone.js';

const OFFSET = /^([+-])([0-9]{2})([0-9]{2})$/;

/** "+0530" → 330, "-0800" → -480. */
export function parseOffset(text: string): number {
  const m = OFFSET.exec(text);
  if (!m) throw new Error(`not a UTC offset: ${text}`);
  const minutes = Number(m[2]) * 60 + Number(m[3]);
  return m[1] === '-' ? -minutes : minutes;
}

export function probedZone(id: string, offsetText: (instant: Date) => string): Zone {
  const probes = new Map<number, number>();
  const probe = (t: number) => {
    let minutes = probes.get(t);
    if (minutes === undefined) probes.set(t, (minutes = parseOffset(offsetText(new Date(t)))));
    return minutes;
  };
  const days = new Map<number, number | null>();
  return {
    id,
    offsetMinutes(instant: Date): number {
      const t = instant.getTime();
      const day = Math.floor(t / DAY_MS);
      let steady = days.get(day);
      if (steady === undefined) {
        const start = probe(day * DAY_MS);
        steady = start === probe((day + 1) * DAY_MS - 1) ? start : null;
        days.set(day, steady);
      }
      return steady ?? probe(t);
    },
  };
}
