import type { PropertyValue } from '@eventline/protocol';

/**
 * A value as the wire carries it, or undefined when it cannot be one (objects, functions, NaN):
 * such values are left out with a debug warning instead of making the collector reject the event.
 */
export function toPropertyValue(value: unknown): PropertyValue | undefined {
  const type = typeof value;
  if (type === 'string' || type === 'boolean' || value === null || (type === 'number' && isFinite(value as number))) return value as PropertyValue;
  // datetime properties are ISO-8601 strings on the wire; an invalid Date's time is NaN.
  if (value instanceof Date && !isNaN(value.getTime())) return value.toISOString();
  return undefined;
}
