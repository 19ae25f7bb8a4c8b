export type PropertyValue = string | number | boolean;

/**
 * One test on an event property, as the store evaluates it in SQL (queries/property-condition-sql.ts).
 * A list of them means all must hold; a value only compares with a value of the same JSON type.
 */
export type PropertyCondition =
  | { property: string; op: '=' | '!='; value: PropertyValue }
  | { property: string; op: '>' | '<'; value: string | number }
  | { property: string; op: 'contains'; value: string }
  | { property: string; op: 'in'; value: PropertyValue[] };
