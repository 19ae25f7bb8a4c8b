import { describe, expect, it } from 'vitest';
import { buildEvent, type EventParts } from './build-event';
import type { InvalidEventError } from './errors/invalid-event-error';

const parts: EventParts = { uuid: 'id-1', now: 1000, anonymousId: 'anon', identities: undefined, superProperties: undefined, context: undefined };
const build = (...args: [unknown, Parameters<typeof buildEvent>[1], Parameters<typeof buildEvent>[2], EventParts?]) => {
  const problems: InvalidEventError[] = [];
  const event = buildEvent(args[0], args[1], args[2], args[3] ?? parts, (p) => problems.push(p));
  return { event, problems };
};

describe('buildEvent', () => {
  it('builds the wire event with time, anonymous id, identities, properties, tags and context', () => {
    const { event, problems } = build(
      'cl_add_to_cart',
      { cl_sku: 'A1', cl_price: 9.5, cl_gift: false, cl_note: null },
      { tags: ['shoes'] },
      { ...parts, identities: { email: 'a@b.c' }, superProperties: { channel: 'web', cl_sku: 'overridden' }, context: { locale: 'en' } },
    );
    expect(problems).toEqual([]);
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

  it('leaves properties out when there are none', () => {
    expect(build('page_view', undefined, undefined).event).not.toHaveProperty('properties');
  });

  it.each([['Add To Cart'], [''], [42], [undefined], ['x'.repeat(65)]])('gives no event for the id %j, and says why', (id) => {
    const { event, problems } = build(id, undefined, undefined);
    expect(event).toBeUndefined();
    expect(problems[0]).toMatchObject({ name: 'InvalidEventError', code: 'invalid_event_id', path: 'event' });
  });

  it('leaves out values the wire cannot carry and names each, keeps the rest', () => {
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    const { event, problems } = build('cl_x', { cl_ok: 1, cl_nan: NaN, cl_obj: circular as never, cl_fn: (() => 1) as never, cl_skip: undefined }, undefined);
    expect(event?.properties).toEqual({ cl_ok: 1 });
    expect(problems.map((p) => p.path)).toEqual(['properties.cl_nan', 'properties.cl_obj', 'properties.cl_fn']);
    expect(() => JSON.stringify(event)).not.toThrow();
  });

  it('turns Dates into ISO strings and takes a given time', () => {
    const when = new Date('2025-03-01T10:00:00Z');
    const { event } = build('cl_x', { cl_at: when }, { time: when });
    expect(event?.properties?.cl_at).toBe('2025-03-01T10:00:00.000Z');
    expect(event?.time).toBe(when.getTime());
    expect(build('cl_x', undefined, { time: '2025-03-01T10:00:00Z' }).event?.time).toBe('2025-03-01T10:00:00Z');
  });

  it('keeps now for a time JSON cannot carry, and tags as strings', () => {
    const { event } = build('cl_x', undefined, { time: 10n as never, tags: ['a', 3 as never] });
    expect(event).toMatchObject({ time: 1000, tags: ['a', '3'] });
    expect(() => JSON.stringify(event)).not.toThrow();
  });
});
