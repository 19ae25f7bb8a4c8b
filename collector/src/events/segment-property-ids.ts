/**
 * Segment properties are named freely (`total`, `order_id`); a custom property of a definition must
 * start with `cl_`. So a track property that the definition does not have under its own name, but has
 * as `cl_<name>`, is taken as that one: a page keeps sending what it sent to Segment. Nothing else is
 * renamed or guessed; a property neither way is left as sent and the event is rejected unknown_property.
 */
export function segmentPropertyIds(properties: Record<string, unknown>, defined: ReadonlySet<string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(properties)) {
    const id = !defined.has(key) && defined.has(`cl_${key}`) && !(`cl_${key}` in properties) ? `cl_${key}` : key;
    // defineProperty: an assignment would take `__proto__` as the prototype and drop it unseen, while
    // the validator must see it to refuse it.
    Object.defineProperty(out, id, { value, enumerable: true, writable: true, configurable: true });
  }
  return out;
}
