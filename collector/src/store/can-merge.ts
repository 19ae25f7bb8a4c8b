/**
 * Whether two customers may be one person, given the identity types each holds. Each (type, value)
 * belongs to one customer, so two customers who both hold a strong type (one a person has only one of:
 * external_id, mobile…) necessarily hold different values of it: they are two people.
 */
export function canMerge(typesA: Iterable<string>, typesB: Iterable<string>, strongTypes: ReadonlySet<string>): boolean {
  const strongOfA = new Set<string>();
  for (const type of typesA) if (strongTypes.has(type)) strongOfA.add(type);
  for (const type of typesB) if (strongOfA.has(type)) return false;
  return true;
}
