import { z } from 'zod';
import type { PropertyCondition, PropertyValue } from '../store/query-model/property-condition';

export type { PropertyCondition, PropertyValue };

/**
 * One test on an event property, the language shared by the customer filter, has-event, the analyses
 * and trigger `where`s. A list of them means all must hold. The SQL form (store/queries/
 * property-condition-sql.ts) and `matchesProperties` below give the same answer for every event:
 * a value only compares with a value of the same JSON type (so "1" is not 1, and 1 is not true).
 */
export const propertyConditionSchema = z.discriminatedUnion('op', [
  z.object({ property: z.string(), op: z.enum(['=', '!=']), value: z.union([z.string(), z.number(), z.boolean()]) }),
  z.object({ property: z.string(), op: z.enum(['>', '<']), value: z.union([z.string(), z.number()]) }),
  z.object({ property: z.string(), op: z.literal('contains'), value: z.string() }),
  z.object({ property: z.string(), op: z.literal('in'), value: z.array(z.union([z.string(), z.number(), z.boolean()])).min(1).max(100) }),
]) satisfies z.ZodType<PropertyCondition>;

// Property ids are what definitions allow (and presets): they also go into a JSON path, so nothing else.
const propertyId = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

export const propertyConditionsSchema = z
  .array(propertyConditionSchema)
  .max(20)
  .superRefine((conditions, ctx) => {
    conditions.forEach((c, i) => {
      if (!propertyId.test(c.property)) ctx.addIssue({ code: 'custom', path: [i, 'property'], message: 'a property id: letters, digits and _' });
    });
  }) satisfies z.ZodType<PropertyCondition[]>;

const sameType = (a: unknown, b: PropertyValue) => typeof a === typeof b && a !== null && !Array.isArray(a);

function holds(actual: unknown, c: PropertyCondition): boolean {
  switch (c.op) {
    case '=':
      return sameType(actual, c.value) && actual === c.value;
    case '!=':
      // A missing property is "not equal": "channel != wechat" keeps events that name no channel.
      return !(sameType(actual, c.value) && actual === c.value);
    case '>':
      return sameType(actual, c.value) && (actual as string | number) > c.value;
    case '<':
      return sameType(actual, c.value) && (actual as string | number) < c.value;
    case 'contains':
      return typeof actual === 'string' && actual.includes(c.value);
    case 'in':
      return c.value.some((v) => sameType(actual, v) && actual === v);
  }
}

/** Whether an event's properties satisfy every condition. */
export function matchesProperties(properties: Record<string, unknown>, conditions: readonly PropertyCondition[]): boolean {
  return conditions.every((c) => holds(Object.hasOwn(properties, c.property) ? properties[c.property] : undefined, c));
}
