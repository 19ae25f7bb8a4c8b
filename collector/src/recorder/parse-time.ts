/** Before this an event time is surely a mistake: most often epoch seconds sent where ms are expected. */
const earliest = Date.UTC(2000, 0, 1);

export type ParsedTime = { ok: true; ms: number } | { ok: false; message: string };

/** An ISO-8601 string or epoch milliseconds, as the protocol allows, to epoch milliseconds. */
export function parseTime(value: string | number): ParsedTime {
  const ms = typeof value === 'number' ? value : /^\d{4}-\d{2}-\d{2}/.test(value) ? Date.parse(value) : Number.NaN;
  if (!Number.isFinite(ms)) return { ok: false, message: `"${String(value).slice(0, 40)}" is not an ISO-8601 time or epoch milliseconds` };
  if (ms < earliest) {
    return { ok: false, message: `${value} is before 2000-01-01: times are epoch milliseconds, not seconds` };
  }
  return { ok: true, ms: Math.trunc(ms) };
}
