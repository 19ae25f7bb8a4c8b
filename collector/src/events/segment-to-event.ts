import { segmentMessageUuid } from './segment-message-uuid';
import { segmentPage } from './segment-page';
import { segmentPropertyIds } from './segment-property-ids';

/** A Segment call type, as its own endpoint names it (/v1/track, analytics.js's /v1/t, /v1/g, …). */
export type SegmentType = 'track' | 'identify' | 'page' | 'screen' | 'group' | 'alias';

export interface SegmentTranslation {
  keyId: string;
  /** Used when the message has no timestamp: the batch's sentAt, else when it was received. */
  fallbackTime: number;
  /** A /v1/batch body's own context, under each message's. */
  batchContext: Record<string, unknown> | undefined;
  /** Definition ids by the `event` values sent (see SegmentEventNames). */
  eventIds: ReadonlyMap<string, string>;
  /** The property ids a definition has, by event id; undefined for an event no definition has. */
  propertyIds: (eventId: string) => ReadonlySet<string> | undefined;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const idText = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : typeof v === 'number' ? String(v) : undefined);

/**
 * One Segment message (Tracking API spec) as a protocol event, for the same validation, dedupe and
 * quarantine as POST /v1/events. Nothing is checked here: whatever is wrong the validator rejects and
 * quarantines, with the index of the message. `type` is the endpoint's (/v1/track), else the message's.
 * A track is its `event`; an identify is the system event `identify`; a page is `page_view` (see
 * segmentPage); other types (screen, group, alias) keep their type as event id, which no definition
 * has, so they are rejected unknown_event and quarantined: never taken silently, never a failed batch.
 */
export function segmentToEvent(message: unknown, t: SegmentTranslation, type?: SegmentType): unknown {
  if (!isObject(message)) return message;
  const kind = type ?? message.type;
  const context: Record<string, unknown> = { ...t.batchContext, ...(isObject(message.context) ? message.context : {}) };
  if (kind === 'identify' && isObject(message.traits)) context.traits = message.traits;

  const identities: Record<string, string> = {};
  const userId = idText(message.userId);
  if (userId !== undefined) identities.external_id = userId;
  const traits = isObject(context.traits) ? context.traits : {};
  if (typeof traits.email === 'string' && traits.email.trim() !== '') identities.email = traits.email;
  const phone = idText(traits.phone);
  if (phone !== undefined) identities.mobile = phone;

  const event =
    kind === 'track'
      ? typeof message.event === 'string'
        ? (t.eventIds.get(message.event) ?? message.event)
        : message.event
      : kind === 'page'
        ? 'page_view'
        : kind;
  let properties = kind === 'track' ? message.properties : undefined;
  const defined = kind === 'track' && typeof event === 'string' ? t.propertyIds(event) : undefined;
  if (isObject(properties) && defined) properties = segmentPropertyIds(properties, defined);
  if (kind === 'page') {
    const page = segmentPage(message, context);
    properties = page.properties;
    context.page = page.page;
  }
  const anonymousId = idText(message.anonymousId);
  return {
    uuid: segmentMessageUuid(message.messageId, t.keyId),
    event,
    time: message.timestamp ?? message.originalTimestamp ?? t.fallbackTime,
    ...(anonymousId !== undefined ? { anonymousId } : {}),
    ...(Object.keys(identities).length > 0 ? { identities } : {}),
    ...(properties !== undefined ? { properties } : {}),
    ...(Object.keys(context).length > 0 ? { context } : {}),
  };
}
