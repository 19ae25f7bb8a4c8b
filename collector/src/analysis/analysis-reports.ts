import { z } from 'zod';
import type { Services } from '../services';
import { distributionBuckets } from './distribution-report';
import { funnelReport } from './funnel-report';
import { funnelStepQuery, funnelStepSchema } from './funnel-step';
import { requireKnownEvents } from './known-events';
import { requireKnownStepProperties } from './known-step-properties';
import { propertyConditionsSchema } from './property-condition';
import { durationSchema, instantSchema } from './time-window';
import { isTimeZone, zoneIntervals } from './zone-intervals';

// The two reports as functions over checked requests, shared by the API route and the console.

const maxRangeMs = 3_660 * 86_400_000;

const rangeShape = { from: instantSchema, to: instantSchema, where: propertyConditionsSchema.default([]) };
const validRange = <S extends z.ZodType<{ from: number; to: number }>>(schema: S) =>
  schema
    .refine((b) => b.from < b.to, { message: 'from must be before to', path: ['to'] })
    .refine((b) => b.to - b.from <= maxRangeMs, { message: 'at most about ten years', path: ['to'] });

export const distributionBody = validRange(
  z.object({
    ...rangeShape,
    event: z.string().min(1),
    by: z.enum(['hour', 'weekday', 'day']),
    // Unset: the collector's EVENTLINE_TIMEZONE (UTC unless configured), as the console uses.
    timezone: z.string().refine(isTimeZone, { message: 'an IANA time zone such as Asia/Shanghai or Europe/Berlin' }).optional(),
  }),
);

export const funnelBody = validRange(z.object({ ...rangeShape, steps: z.array(funnelStepSchema).min(2).max(10), window: durationSchema }));

type AnalysisServices = Pick<Services, 'store' | 'definitions'> & { config: Pick<Services['config'], 'timezone'> };

/** How one event's count spreads over hours, weekdays or days; 400 for an unknown event. */
export async function distributionOf(services: AnalysisServices, b: z.output<typeof distributionBody>) {
  const { store } = services;
  const timezone = b.timezone ?? services.config.timezone;
  await requireKnownEvents([b.event], { definitions: services.definitions, store: store.definitions }, 'event');
  const counts = await store.analysis.distribution({ event: b.event, from: b.from, to: b.to, where: b.where }, b.by, zoneIntervals(timezone, b.from, b.to));
  const buckets = distributionBuckets(counts, b.by, { from: b.from, to: b.to, timeZone: timezone });
  return { event: b.event, by: b.by, timezone, from: b.from, to: b.to, total: buckets.reduce((n, x) => n + x.count, 0), buckets };
}

/**
 * How many customers went through the steps in order within the window; 400 for an unknown event or a
 * step condition on a property its event does not have.
 */
export async function funnelOf(services: AnalysisServices, b: z.output<typeof funnelBody>) {
  const { store } = services;
  const deps = { definitions: services.definitions, store: store.definitions };
  const steps = b.steps.map(funnelStepQuery);
  await requireKnownEvents(
    steps.map((s) => s.event),
    deps,
    'steps',
  );
  await requireKnownStepProperties(steps, deps);
  const paths = await store.analysis.funnel({ steps, window: b.window, from: b.from, to: b.to, where: b.where });
  return { from: b.from, to: b.to, window: b.window, where: b.where, steps: funnelReport(steps, paths) };
}
