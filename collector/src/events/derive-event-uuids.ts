import { v5 as uuidv5 } from 'uuid';
import { HttpError } from '../errors/http-error';

/** Fixed namespace of the uuids derived from Idempotency-Key; changing it would break dedupe of retries. */
const namespace = '8f4f2a0e-5c1b-4f7e-9a51-3d2a6c0b7e14';

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Gives each event of a back end's batch that has no uuid one derived from the key, the request's
 * Idempotency-Key and the event's index (UUID v5), so a retried request is stored once. Content
 * cannot stand in for the key: two real purchases of the same item at the same second are two events.
 * Without the header a missing uuid cannot be derived, and the request is refused as a whole, before
 * anything is stored, so the sender can fix and resend it.
 */
export function deriveEventUuids(events: readonly unknown[], keyId: string, idempotencyKey: string | undefined): unknown[] {
  const missing = events.findIndex((e) => isPlainObject(e) && e.uuid === undefined);
  if (missing < 0) return [...events];
  if (idempotencyKey === undefined || idempotencyKey.trim() === '' || idempotencyKey.length > 255) {
    const header = idempotencyKey === undefined ? '' : ' (the Idempotency-Key header must be 1 to 255 characters)';
    throw new HttpError(
      400,
      'invalid_batch',
      `events.${missing}.uuid: missing${header} — send a uuid with every event, or an Idempotency-Key header ` +
        '(a unique string per request, the same when the request is retried) from which the collector derives them',
    );
  }
  // Spread keeps every own key, "__proto__" included, so the validator still sees what was sent.
  return events.map((e, index) => (isPlainObject(e) && e.uuid === undefined ? { uuid: uuidv5(`${keyId}\n${idempotencyKey}\n${index}`, namespace), ...e } : e));
}
