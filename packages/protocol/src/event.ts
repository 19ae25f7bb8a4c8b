import { z } from 'zod';
import { identitiesSchema, type Identities } from './identity';
import { propertyValueSchema, type Properties } from './property';

/** What the SDK that sent an event says about itself and where it ran. */
export interface EventContext {
  library?: { name: string; version: string };
  page?: { url?: string; title?: string; referrer?: string; path?: string };
  userAgent?: string;
  locale?: string;
  timezone?: string;
  screen?: { width: number; height: number };
  [key: string]: unknown;
}

/** One customer event as an SDK or a back end sends it. */
export interface WireEvent {
  /** Unique forever; the collector stores an event once per uuid. UUIDv7 from our SDKs. */
  uuid: string;
  /** The event definition's id: a system id such as `page_view`, or a custom `cl_…` id. */
  event: string;
  /** When it happened on the client: ISO-8601 or epoch milliseconds. */
  time: string | number;
  anonymousId?: string | undefined;
  identities?: Identities | undefined;
  properties?: Properties | undefined;
  /** Content tags: what the customer interacted with, for their content preferences. */
  tags?: string[] | undefined;
  context?: EventContext | undefined;
}

/** A request body of POST /v1/events. */
export interface EventBatch {
  /** When the client sent the batch, by its own clock: the collector corrects event times by it. */
  sentAt?: string | number | undefined;
  /** Events the client dropped from a full queue since its last successful send. */
  dropped?: number | undefined;
  events: WireEvent[];
}

const timeSchema = z.union([z.string(), z.number()]);

/**
 * The envelope of one event. Property values are checked against the event's definition by the
 * collector, which is why `properties` is only "an object of scalars" here.
 */
export const wireEventSchema = z.object({
  uuid: z.uuid(),
  event: z.string().min(1),
  time: timeSchema,
  anonymousId: z.string().min(1).max(256).optional(),
  identities: identitiesSchema.optional(),
  properties: z.record(z.string(), propertyValueSchema).optional(),
  tags: z.array(z.string()).optional(),
  context: z.record(z.string(), z.unknown()).optional(),
}) satisfies z.ZodType<WireEvent>;

/** The batch shape; each event is then checked on its own, so one bad event does not sink the rest. */
export const eventBatchSchema = z.object({
  sentAt: timeSchema.optional(),
  dropped: z.number().int().nonnegative().optional(),
  events: z.array(z.unknown()),
});
