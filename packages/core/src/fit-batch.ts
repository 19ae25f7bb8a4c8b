import type { WireEvent } from '@eventline/protocol';
import { utf8Length } from './utf8-length';

/** Room left in a request body for `{"sentAt":…,"dropped":…,"events":[` and `]}`. */
const overheadBytes = 64;

/**
 * The longest head of `events` whose request body stays within `maxBytes` (UTF-8) and `maxEvents`.
 * Always at least one event: one near the limit must not block the queue (the collector judges it).
 */
export function fitBatch(events: readonly WireEvent[], maxEvents: number, maxBytes: number): WireEvent[] {
  let bytes = overheadBytes;
  let n = 0;
  for (; n < events.length && n < maxEvents; n++) {
    bytes += utf8Length(JSON.stringify(events[n])) + 1;
    if (n > 0 && bytes > maxBytes) break;
  }
  return events.slice(0, n);
}
