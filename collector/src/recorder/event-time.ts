import { limits } from '@eventline/protocol';
import { earliestTime, readTime } from './parse-time';

/** What event-time needs of the request: when it arrived and the client's clock then. */
export interface ClockContext {
  receivedAt: number;
  /** The batch's sentAt when plausible; null when not sent or ignored. */
  sentAt: number | null;
  /** A sentAt sent but ignored as implausible (see plausibleSentAt), for the messages. */
  ignoredSentAt?: number | undefined;
}

export type EventTime = { ok: true; time: number; clientTime: number } | { ok: false; message: string };

const iso = (ms: number) => (Math.abs(ms) <= 8.64e15 ? new Date(ms).toISOString() : String(ms));

/** Whether a time can be a real one: from 2000 up to 24 hours after the collector received it. */
export const isPlausibleTime = (ms: number, receivedAt: number) => ms >= earliestTime && ms <= receivedAt + limits.maxFutureMs;

/**
 * The sentAt to correct a batch's times by, or null with the one ignored. A clock correction moves an
 * event by (receivedAt − sentAt); from a wild sentAt (9e15) that put times 285,000 years before the
 * epoch, which no page, export cursor or partition could take. So a sentAt that no real clock shows is
 * not used: the events keep their own times, which are then checked on their own.
 */
export function plausibleSentAt(sentAt: number | null, receivedAt: number): { sentAt: number | null; ignoredSentAt?: number } {
  if (sentAt === null || isPlausibleTime(sentAt, receivedAt)) return { sentAt };
  return { sentAt: null, ignoredSentAt: sentAt };
}

const bounds = 'between 2000-01-01 and 24 hours after the collector receives it';

/**
 * The stored time of an event and its raw client time. The raw time and the corrected one must both
 * lie in [2000-01-01, received + 24 h]. A missing time (allowed for back ends) is when it was received.
 */
export function eventTime(value: unknown, clock: ClockContext): EventTime {
  if (value === undefined) return { ok: true, time: clock.receivedAt, clientTime: clock.receivedAt };
  const raw = readTime(value);
  const ignored =
    clock.ignoredSentAt === undefined ? '' : ` (the batch's sentAt ${iso(clock.ignoredSentAt)} was ignored: no real clock shows it, so the time was not corrected)`;
  if (!raw.ok) return { ok: false, message: `time: ${raw.message}` };
  if (raw.ms < earliestTime) {
    return { ok: false, message: `time: ${value} is before 2000-01-01 — send epoch milliseconds, not seconds, or an ISO 8601 string${ignored}` };
  }
  if (raw.ms > clock.receivedAt + limits.maxFutureMs) {
    return { ok: false, message: `time: ${iso(raw.ms)} is more than 24 hours in the future — send when the event happened, ${bounds}${ignored}` };
  }
  if (clock.sentAt === null) return { ok: true, time: raw.ms, clientTime: raw.ms };
  const time = clock.receivedAt - (clock.sentAt - raw.ms);
  if (!isPlausibleTime(time, clock.receivedAt)) {
    return {
      ok: false,
      message: `time: corrected by the batch's sentAt (${iso(clock.sentAt)}) it becomes ${iso(time)}, outside ${bounds} — send the time and sentAt from the same clock`,
    };
  }
  return { ok: true, time, clientTime: raw.ms };
}
