/** Before this an event time is surely a mistake: most often epoch seconds sent where ms are expected. */
export const earliestTime = Date.UTC(2000, 0, 1);

export type ParsedTime = { ok: true; ms: number } | { ok: false; message: string };

const howToSend = 'send an ISO 8601 string such as 2026-11-27T10:00:00Z or epoch milliseconds';

/** An ISO-8601 string or epoch milliseconds to epoch milliseconds, whatever its value; the message says how to fix it. */
export function readTime(value: unknown): ParsedTime {
  const ms = typeof value === 'number' ? value : typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value) ? Date.parse(value) : Number.NaN;
  if (!Number.isFinite(ms)) {
    const got = typeof value === 'string' ? `"${value.slice(0, 40)}"` : JSON.stringify(value)?.slice(0, 40) ?? String(value);
    return { ok: false, message: `${got} is not a time — ${howToSend}` };
  }
  return { ok: true, ms: Math.trunc(ms) };
}

/** An ISO-8601 string or epoch milliseconds, as the protocol allows, to epoch milliseconds; before 2000 is refused. */
export function parseTime(value: string | number): ParsedTime {
  const t = readTime(value);
  if (t.ok && t.ms < earliestTime) {
    return { ok: false, message: `${value} is before 2000-01-01 — times are epoch milliseconds, not seconds (multiply by 1000)` };
  }
  return t;
}
