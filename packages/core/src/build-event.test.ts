import { describe, expect, it } from 'vitest';
import { buildEvent, type EventParts } from './build-event';

const parts: EventParts = { uuid: 'id-1', now: 1000, anonymousId: 'anon', identities: undefined, superProperties: undefined, context: undefined };

describe('buildEvent', () => {
  it('builds the wire event with time, anonymous id, identities, properties, tags and context', () => {
    const { event, problems } = buildEvent(
      'cl_add_to_cart',
      { cl_sku: 'A1', cl_price: 9.5, cl_gift: false, cl_note: null },
      { tags: ['shoes'] },
      { ...parts, identities: { email: 'a@b.c' }, superProperties: { channel: 'web', cl_sku: 'overridden' }, context: { locale: 'en' } },
    );
    expect(problems).toBeUndefined();
    expect(event).toEqual({
      uuid: 'id-1',
      event: 'cl_add_to_cart',
      time: 1000,
      anonymousId: 'anon',
      identities: { email: 'a@b.c' },
      properties: { channel: 'web', cl_sku: 'A1', cl_price: 9.5, cl_gift: false, cl_note: null },
      tags: ['shoes'],
      context: { locale: 'en' },
    });
  });

  it.each([['Add To Cart'], [''], [42], [undefined], ['x'.repeat(65)]])('gives no event for the id %j, and says why', (id) => {
    const { event, problems } = buildEvent(id, undefined, undefined, parts);
    expect(event).toBeUndefined();
    expect(problems?.[0]).toMatchObject({ name: 'InvalidEventError', code: 'invalid_event_id' });
  });

  it('leaves out values the wire cannot carry and names each, keeps the rest', () => {
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    const { event, problems } = buildEvent('cl_x', { cl_ok: 1, cl_nan: NaN, cl_obj: circular as never, cl_fn: (() => 1) as never, cl_skip: undefined }, undefined, parts);
    expect(event?.properties).toEqual({ cl_ok: 1 });
    expect(problems?.map((p) => p.path)).toEqual(['properties.cl_nan', 'properties.cl_obj', 'properties.cl_fn']);
    expect(() => JSON.stringify(event)).not.toThrow();
  });

  it('turns Dates into ISO strings and takes a given time', () => {
    const when = new Date('2025-03-01T10:00:00Z');
    const { event } = buildEvent('cl_x', { cl_at: when }, { time: when }, parts);
    expect(event?.properties?.cl_at).toBe('2025-03-01T10:00:00.000Z');
    expect(event?.time).toBe(when.getTime());
  });

  it('keeps now for an unreadable time, and only the string tags', () => {
    const { event, problems } = buildEvent('cl_x', undefined, { time: 'not a date', tags: ['a', 3 as never] }, parts);
    expect(event).toMatchObject({ time: 1000, tags: ['a'] });
    expect(problems?.map((p) => p.code)).toEqual(['invalid_time', 'invalid_tags']);
  });
});
