import Sqlite from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { propertyConditionsSql } from '../store/queries/property-condition-sql';
import { sqliteJsonDialect } from '../store/sqlite/sqlite-json-dialect';
import { matchesProperties, propertyConditionsSchema, type PropertyCondition } from './property-condition';

const db = new Kysely<{ t: { properties: string } }>({ dialect: new SqliteDialect({ database: new Sqlite(':memory:') }) });
afterAll(() => db.destroy());

const props = { channel: 'wechat', amount: 42, vip: true, page: 'WeChat article', code: '1' };

// Each expectation checked by hand; both the JS matcher (triggers) and the SQL form (queries) must give it.
const cases: [PropertyCondition, boolean][] = [
  [{ property: 'channel', op: '=', value: 'wechat' }, true],
  [{ property: 'channel', op: '=', value: 'WeChat' }, false],
  [{ property: 'amount', op: '=', value: 42 }, true],
  [{ property: 'code', op: '=', value: 1 }, false],
  [{ property: 'amount', op: '=', value: '42' }, false],
  [{ property: 'vip', op: '=', value: true }, true],
  [{ property: 'vip', op: '=', value: false }, false],
  [{ property: 'amount', op: '=', value: true }, false],
  [{ property: 'channel', op: '!=', value: 'web' }, true],
  [{ property: 'missing', op: '!=', value: 'web' }, true],
  [{ property: 'channel', op: '!=', value: 'wechat' }, false],
  [{ property: 'amount', op: '>', value: 41.5 }, true],
  [{ property: 'amount', op: '>', value: 42 }, false],
  [{ property: 'amount', op: '<', value: 100 }, true],
  [{ property: 'channel', op: '>', value: 5 }, false],
  [{ property: 'page', op: '>', value: 'V' }, true],
  [{ property: 'page', op: 'contains', value: 'Chat a' }, true],
  [{ property: 'page', op: 'contains', value: 'chat' }, false],
  [{ property: 'amount', op: 'contains', value: '4' }, false],
  [{ property: 'channel', op: 'in', value: ['web', 'wechat'] }, true],
  [{ property: 'amount', op: 'in', value: ['42', 43] }, false],
  [{ property: 'vip', op: 'in', value: [true] }, true],
  [{ property: 'missing', op: 'in', value: ['x'] }, false],
];

describe('property conditions', () => {
  it.each(cases)('%o → %s in JS and in SQLite', async (condition, expected) => {
    expect(matchesProperties(props, [condition])).toBe(expected);
    const row = await sql<{ ok: number }>`select ${propertyConditionsSql(sqliteJsonDialect, 'p', [condition])} as ok from (select ${JSON.stringify(props)} as p)`.execute(db);
    expect(Boolean(row.rows[0]!.ok)).toBe(expected);
  });

  it('a list means all of them', () => {
    expect(matchesProperties(props, [cases[0]![0], cases[2]![0]])).toBe(true);
    expect(matchesProperties(props, [cases[0]![0], cases[1]![0]])).toBe(false);
    expect(matchesProperties(props, [])).toBe(true);
  });

  it('takes only property ids that can go into a JSON path', () => {
    expect(propertyConditionsSchema.safeParse([{ property: 'cl_amount', op: '>', value: 1 }]).success).toBe(true);
    expect(propertyConditionsSchema.safeParse([{ property: "a'.b", op: '=', value: 1 }]).success).toBe(false);
    expect(propertyConditionsSchema.safeParse([{ property: 'a', op: 'in', value: [] }]).success).toBe(false);
  });
});
