import { Hono } from 'hono';
import { z } from 'zod';
import { requireKey, type KeyEnv } from '../auth/require-key';
import { readJson } from '../http/read-json';
import type { Services } from '../services';
import { distributionBuckets } from './distribution-report';
import { funnelReport } from './funnel-report';
import { requireKnownEvents } from './known-events';
import { propertyConditionsSchema } from './property-condition';
import { durationSchema, instantSchema } from './time-window';
import { isTimeZone, zoneIntervals } from './zone-intervals';

const maxRangeMs = 3_660 * 86_400_000;

const rangeShape = { from: instantSchema, to: instantSchema, where: propertyConditionsSchema.default([]) };
const validRange = <S extends z.ZodType<{ from: number; to: number }>>(schema: S) =>
  schema
    .refine((b) => b.from < b.to, { message: 'from must be before to', path: ['to'] })
    .refine((b) => b.to - b.from <= maxRangeMs, { message: 'at most about ten years', path: ['to'] });

const distributionBody = validRange(
  z.object({
    ...rangeShape,
    event: z.string().min(1),
    by: z.enum(['hour', 'weekday', 'day']),
    timezone: z
      .string()
      .default('Asia/Shanghai')
      .refine(isTimeZone, { message: 'an IANA time zone such as Asia/Shanghai or Europe/Berlin' }),
  }),
);

const funnelBody = validRange(z.object({ ...rangeShape, steps: z.array(z.string().min(1)).min(2).max(10), window: durationSchema }));

/** Time distribution and funnels over recorded events. */
export function analysisRoute(services: Services) {
  const app = new Hono<KeyEnv>();
  const { store } = services;
  const reader = requireKey(services.keys, ['admin', 'read']);
  const known = { definitions: services.definitions, store: store.definitions };

  app.post('/v1/analysis/distribution', reader, async (c) => {
    const b = await readJson(c, distributionBody);
    await requireKnownEvents([b.event], known, 'event');
    const counts = await store.analysis.distribution({ event: b.event, from: b.from, to: b.to, where: b.where }, b.by, zoneIntervals(b.timezone, b.from, b.to));
    const buckets = distributionBuckets(counts, b.by, { from: b.from, to: b.to, timeZone: b.timezone });
    return c.json({ event: b.event, by: b.by, timezone: b.timezone, from: b.from, to: b.to, total: buckets.reduce((n, x) => n + x.count, 0), buckets });
  });

  app.post('/v1/analysis/funnel', reader, async (c) => {
    const b = await readJson(c, funnelBody);
    await requireKnownEvents(b.steps, known, 'steps');
    const paths = await store.analysis.funnel({ steps: b.steps, window: b.window, from: b.from, to: b.to, where: b.where });
    return c.json({ from: b.from, to: b.to, window: b.window, steps: funnelReport(b.steps, paths) });
  });

  return app;
}
