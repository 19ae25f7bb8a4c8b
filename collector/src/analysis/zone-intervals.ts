import type { ZoneInterval } from '../store/query-model/zone-interval';

export type { ZoneInterval };

const formats = new Map<string, Intl.DateTimeFormat>();

function format(timeZone: string): Intl.DateTimeFormat {
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    formats.set(timeZone, f);
  }
  return f;
}

/** Whether the runtime knows this IANA zone name. */
export function isTimeZone(name: string): boolean {
  try {
    format(name);
    return true;
  } catch {
    return false;
  }
}

/** The zone's offset from UTC at `at` (epoch ms), in ms. */
export function zoneOffset(timeZone: string, at: number): number {
  const p: Record<string, number> = {};
  for (const part of format(timeZone).formatToParts(at)) if (part.type !== 'literal') p[part.type] = Number(part.value);
  const local = Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
  return local - (at - (((at % 1000) + 1000) % 1000));
}

// Offset changes since 2000 (the earliest event time accepted) are weeks apart, even Ramadan's DST pauses,
// so probing every 2 days finds each one; each probe costs an Intl call (~15 µs).
const step = 2 * 86_400_000;

/**
 * [from, to) cut where the zone's offset changes (DST, or a zone that moved), found with Intl: SQLite
 * knows no time zones, so each piece is bucketed with its own fixed offset.
 */
export function zoneIntervals(timeZone: string, from: number, to: number): ZoneInterval[] {
  const intervals: ZoneInterval[] = [];
  let start = from;
  let offset = zoneOffset(timeZone, from);
  for (let probe = from; probe < to; ) {
    const at = Math.min(probe + step, to);
    if (zoneOffset(timeZone, at) === offset) {
      probe = at;
      continue;
    }
    // The change lies in (probe, at]: find its first millisecond.
    let lo = probe;
    let hi = at;
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (zoneOffset(timeZone, mid) === offset) lo = mid;
      else hi = mid;
    }
    intervals.push({ from: start, to: hi, offset });
    start = probe = hi;
    offset = zoneOffset(timeZone, hi);
  }
  if (start < to) intervals.push({ from: start, to, offset });
  return intervals;
}
