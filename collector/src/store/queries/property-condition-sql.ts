import { sql, type RawBuilder } from 'kysely';
import type { PropertyCondition, PropertyValue } from '../query-model/property-condition';
import type { JsonDialect } from './json-dialect';

const jsonType = (v: PropertyValue) => (typeof v === 'boolean' ? String(v) : typeof v);

/**
 * The SQL form of a list of property conditions on the JSON column `column` (all must hold); the same
 * answers as matchesProperties. TRUE when the list is empty.
 */
export function propertyConditionsSql(json: JsonDialect, column: string, conditions: readonly PropertyCondition[]): RawBuilder<boolean> {
  if (conditions.length === 0) return sql<boolean>`1 = 1`;
  const parts = conditions.map((c) => {
    const type = json.typeOf(column, c.property);
    const value = (v: string | number) => json.value(column, c.property, typeof v === 'number' ? 'number' : 'string');
    const equals = (v: PropertyValue) => (typeof v === 'boolean' ? sql`${type} = ${jsonType(v)}` : sql`(${type} = ${jsonType(v)} and ${value(v)} = ${v})`);
    switch (c.op) {
      case '=':
        return equals(c.value);
      case '!=':
        return sql`not ${equals(c.value)}`;
      case '>':
        return sql`(${type} = ${jsonType(c.value)} and ${value(c.value)} > ${c.value})`;
      case '<':
        return sql`(${type} = ${jsonType(c.value)} and ${value(c.value)} < ${c.value})`;
      case 'contains':
        return sql`(${type} = 'string' and ${json.contains(value(c.value), c.value)})`;
      case 'in':
        return sql`(${sql.join(c.value.map(equals), sql` or `)})`;
    }
  });
  return sql<boolean>`(${sql.join(parts, sql` and `)})`;
}
