import type { EventContext, Identities, Properties, PropertyValue, WireEvent } from '@eventline/protocol';
import { limits } from '@eventline/protocol/limits';
import { InvalidEventError } from './errors/invalid-event-error';
import { toPropertyValue } from './to-property-value';
import { wellFormed } from './well-formed';

/** What a caller may pass as a property value; a Date becomes an ISO-8601 string (a datetime property). */
export type TrackValue = PropertyValue | Date;
export type TrackProperties = Record<string, TrackValue | undefined>;

export interface TrackOptions {
  /** Content tags: what the customer interacted with. */
  tags?: string[] | undefined;
  /** When it happened, if not now: a Date, epoch milliseconds or an ISO-8601 string. */
  time?: Date | number | string | undefined;
}

export interface EventParts {
  uuid: string;
  now: number;
  anonymousId: string | undefined;
  identities: Identities | undefined;
  superProperties: Properties | undefined;
  context: EventContext | undefined;
}

/** System ids such as `page_view` and custom `cl_…` ids: lower-case identifiers. */
const eventIdPattern = /^[a-z][a-z0-9_]*$/;

/**
 * Turns a `track` call into a wire event, or undefined when the id cannot be one. Property values the
 * wire cannot carry are left out; each problem goes to `warn`. Tags and time are passed on as given
 * (a Date as epoch ms) for the collector to judge: it quarantines a bad one with its reason. Never throws.
 */
export function buildEvent(
  event: unknown,
  properties: TrackProperties | null | undefined,
  options: TrackOptions | null | undefined,
  parts: EventParts,
  warn: (problem: InvalidEventError) => void,
): WireEvent | undefined {
  if (typeof event !== 'string' || event.length > limits.maxIdLength || !eventIdPattern.test(event)) {
    warn(new InvalidEventError('invalid_event_id', 'event'));
    return undefined;
  }
  const props: Properties = { ...parts.superProperties };
  for (const key in properties) {
    const raw = properties[key];
    // `{ plan: undefined }` is how JavaScript says "not given": leave it out quietly.
    if (raw === undefined) continue;
    const value = toPropertyValue(raw);
    if (value === undefined) warn(new InvalidEventError('invalid_property', `properties.${key}`));
    else props[key] = value;
  }
  const time = options?.time;
  const wire: WireEvent = {
    uuid: parts.uuid,
    event,
    // A value JSON cannot carry (a BigInt, an object) would break every later write of the queue.
    time: time instanceof Date ? time.getTime() : typeof time === 'number' || typeof time === 'string' ? time : parts.now,
    anonymousId: parts.anonymousId,
  };
  if (parts.identities) wire.identities = parts.identities;
  for (const _ in props) {
    wire.properties = props;
    break;
  }
  if (Array.isArray(options?.tags)) wire.tags = options.tags.map(String);
  if (parts.context) wire.context = parts.context;
  // Names, keys, values, tags, identities and context alike: a strict JSON store refuses lone surrogates.
  return wellFormed(wire);
}
