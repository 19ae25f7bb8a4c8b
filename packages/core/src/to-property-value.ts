import type { PropertyValue } from '@eventline/protocol';

/**
 * A value as the wire carries it, or undefined when it cannot be one (objects, functions, NaN):
 * such values are left out with a debug warning instead of making the collector reject the event.
 */
export function toPropertyValue(value: unknown): PropertyValue | undefined {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) ? value : undefined;
    case 'object':
      if (value === null) return null;
      // datetime properties are ISO-8601 strings on the wire.
      if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString();
      return undefined;
    default:
      return undefined;
  }
}
