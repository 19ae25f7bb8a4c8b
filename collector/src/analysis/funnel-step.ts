import { z } from 'zod';
import type { FunnelStepQuery } from '../store/analysis-store';
import { propertyConditionsSchema } from './property-condition';

/**
 * A funnel step as sent: an event id, or the event with conditions on its own properties. The bare id
 * stays accepted so the requests written before steps took conditions keep their meaning.
 */
export const funnelStepSchema = z.union([
  z.string().min(1),
  z.object({
    event: z.string().min(1),
    where: propertyConditionsSchema.default([]).describe("Conditions on this step's event, on top of the request's where (both must hold)"),
  }),
]);

export type FunnelStepInput = z.output<typeof funnelStepSchema>;

/** Every step as an event and its own conditions. */
export const funnelStepQuery = (step: FunnelStepInput): FunnelStepQuery => (typeof step === 'string' ? { event: step, where: [] } : { event: step.event, where: step.where });
