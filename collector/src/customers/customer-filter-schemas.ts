import { z } from '@hono/zod-openapi';
import { customerConditionBranches, customerConditionSchema } from '../analysis/customer-condition';
import { propertyConditionsSchema } from '../analysis/property-condition';
import { durationSchema, instantSchema } from '../analysis/time-window';
import type { FilteredCustomer } from '../store/analysis-store';

/**
 * The condition tree as the document shows it: a union of one-key objects built from the same branches.
 * The route validates with `customerConditionSchema`, which dispatches on the key inside a transform the
 * generator cannot see into; both carry the name CustomerCondition, so the body refers to this one.
 */
export const documentedCondition: z.ZodType = z
  .lazy(() => z.union(Object.entries(customerConditionBranches(documentedCondition)).map(([kind, schema]) => z.object({ [kind]: schema }).strict())))
  .openapi('CustomerCondition');

export const queryBody = z.object({
  condition: customerConditionSchema.openapi('CustomerCondition'),
  limit: z.number().int().min(1).max(1000).default(100),
  cursor: z.string().min(1).max(200).optional(),
});

// In a query string epoch ms arrive as text too.
const queryInstant = z
  .string()
  .transform((v) => (/^\d+$/.test(v) ? Number(v) : v))
  .pipe(instantSchema);

const hasEventFields = z.object({
    event: z.string().min(1),
    within: durationSchema.optional(),
    from: queryInstant.optional(),
    to: queryInstant.optional(),
    where: z
      .string()
      .optional()
      .transform((v, ctx) => {
        if (v === undefined) return [];
        try {
          return JSON.parse(v) as unknown;
        } catch {
          ctx.addIssue({ code: 'custom', message: 'a JSON array of property conditions' });
          return z.NEVER;
        }
      })
      .pipe(propertyConditionsSchema),
});

const oneWindow = (q: { within?: unknown; from?: unknown; to?: unknown }) => q.within === undefined || (q.from === undefined && q.to === undefined);
const oneWindowMessage = { message: 'give within or from/to, not both', path: ['within'] };

export const hasEventQuery = hasEventFields.refine(oneWindow, oneWindowMessage);

/** GET /v1/customers/has-event: the customer named by an identity instead of an id. */
export const hasEventByIdentityQuery = hasEventFields
  .extend({ identity: z.string().openapi({ description: 'type:value, normalised like ingest', example: 'mobile:13800000000' }) })
  .refine(oneWindow, oneWindowMessage);

export const filteredCustomerSchema = z
  .object({
    id: z.string(),
    activeness: z.number().int(),
    activenessLevel: z.string(),
    stage: z.string().nullable(),
    firstSeen: z.number().int(),
    lastSeen: z.number().int(),
    eventCount: z.number().int(),
  })
  .openapi('FilteredCustomer') satisfies z.ZodType<FilteredCustomer & { activenessLevel: string }>;

export const filterPageSchema = z.object({ count: z.number().int(), items: z.array(filteredCustomerSchema), nextCursor: z.string().nullable() });

export const hasEventSchema = z.object({ happened: z.boolean(), last: z.number().int().nullable(), customerId: z.string() });
