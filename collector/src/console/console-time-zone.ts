import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { isTimeZone, zoneOffset } from '../analysis/zone-intervals';
import type { Config } from '../config';

/** The operator's own choice of zone, for this browser: a display preference, not part of the session record. */
export const timeZoneCookie = 'eventline_console_tz';

/** Offered in the header's select; the configured zone and the one chosen are added when missing. */
export const commonTimeZones = ['UTC', 'Asia/Shanghai', 'Asia/Hong_Kong', 'Asia/Singapore', 'Asia/Tokyo', 'Europe/London', 'Europe/Berlin', 'America/New_York', 'America/Los_Angeles', 'Australia/Sydney'];

/** The collector's zone: `config.timezone` when the configuration has one (EVENTLINE_TIMEZONE), else UTC. */
export function configuredTimeZone(config: Config): string {
  const zone = (config as Config & { timezone?: unknown }).timezone;
  return typeof zone === 'string' && isTimeZone(zone) ? zone : 'UTC';
}

/** The zone this browser's pages show times in: its chosen one, else the collector's. */
export function consoleTimeZone(c: Context, config: Config): string {
  const chosen = getCookie(c, timeZoneCookie);
  return chosen && isTimeZone(chosen) ? chosen : configuredTimeZone(config);
}

const formats = new Map<string, Intl.DateTimeFormat>();

/** `2026-12-03 16:40:05` in the zone: sortable, and read the same way everywhere. */
export function formatTime(ms: number, timeZone: string): string {
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('sv-SE', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
    formats.set(timeZone, f);
  }
  return f.format(ms);
}

/** The instant a local date-time (`2026-12-03T09:30` or a date alone) names in the zone; NaN when it is not one. */
export function zonedInstant(local: string, timeZone: string): number {
  const asUtc = Date.parse(/T/.test(local) ? `${local}Z` : `${local}T00:00:00Z`);
  if (Number.isNaN(asUtc)) return NaN;
  // The offset at the guess may differ from the one at the answer across a DST change: one more step settles it.
  const first = asUtc - zoneOffset(timeZone, asUtc);
  return asUtc - zoneOffset(timeZone, first);
}

/** Today's date in the zone, `YYYY-MM-DD`. */
export const todayIn = (timeZone: string, now = Date.now()) => formatTime(now, timeZone).slice(0, 10);
