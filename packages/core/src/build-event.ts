import type { EventContext, Identities, Properties, PropertyValue, WireEvent } from '@eventline/protocol';
import { limits } from '@eventline/protocol/limits';
import { InvalidEventError } from './errors/invalid-event-error';
import { toPropertyValue } from './to-property-value';

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
 * Turns a `track` call into a wire event. Values that cannot go on the wire are left out and listed
 * in `problems`; an event id that cannot be one gives no event at all. Never throws.
 */
export function buildEvent(
  event: unknown,
  properties: TrackProperties | null | undefined,
  options: TrackOptions | null | undefined,
  parts: EventParts,
): { event: WireEvent | undefined; problems: InvalidEventError[] | undefined } {
  let problems: InvalidEventError[] | undefined;
  const problem = (e: InvalidEventError) => (problems ??= []).push(e);

  if (typeof event !== 'string' || event.length > limits.maxIdLength || !eventIdPattern.test(event)) {
    problem(new InvalidEventError('invalid_event_id', `event id ${JSON.stringify(event)} is not a system id or a cl_… id`, 'event'));
    return { event: undefined, problems };
  }

  let props: Properties | undefined;
  if (parts.superProperties) props = { ...parts.superProperties };
  if (properties != null) {
    if (typeof properties !== 'object') {
      problem(new InvalidEventError('invalid_property', 'properties must be an object', 'properties'));
    } else {
      props ??= {};
      for (const key in properties) {
        const raw = properties[key];
        // `{ plan: undefined }` is how JavaScript says "not given": leave it out quietly.
        if (raw === undefined) continue;
        const value = toPropertyValue(raw);
        if (value === undefined) {
          problem(new InvalidEventError('invalid_property', `property ${key} is not a string, finite number, boolean, null or Date`, `properties.${key}`));
        } else props[key] = value;
      }
    }
  }

  const wire: WireEvent = { uuid: parts.uuid, event, time: parts.now, anonymousId: parts.anonymousId };
  if (options?.time !== undefined) {
    const time = toTime(options.time);
    if (time === undefined) problem(new InvalidEventError('invalid_time', 'time must be a Date, epoch milliseconds or an ISO-8601 string; using now', 'time'));
    else wire.time = time;
  }
  if (parts.identities) wire.identities = parts.identities;
  if (props) wire.properties = props;
  if (options?.tags !== undefined) {
    const tags = Array.isArray(options.tags) ? options.tags.filter((t) => typeof t === 'string') : [];
    if (tags.length !== (Array.isArray(options.tags) ? options.tags.length : -1)) {
      problem(new InvalidEventError('invalid_tags', 'tags must be an array of strings; other values left out', 'tags'));
    }
    if (tags.length > 0) wire.tags = tags;
  }
  if (parts.context) wire.context = parts.context;
  return { event: wire, problems };
}

function toTime(value: unknown): string | number | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.getTime();
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string') return Number.isNaN(Date.parse(value)) ? undefined : value;
  return undefined;
}
