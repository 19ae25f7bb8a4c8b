import { expect, it } from 'vitest';
import { SegmentEventNames } from './segment-event-names';

const definition = (id: string, name: string) => ({ id, name });

it('takes ids as they are, exact names to their id, and leaves shared or unknown names as sent', async () => {
  const defs = [definition('cl_order', 'Order Completed'), definition('cl_a', 'Twin'), definition('cl_b', 'Twin')];
  const names = new SegmentEventNames({ list: async () => defs as never }, { get: (id) => (defs.some((d) => d.id === id) ? ({} as never) : undefined) });
  const ids = await names.resolve(['cl_order', 'Order Completed', 'order completed', 'Twin', 'Nope']);
  expect(Object.fromEntries(ids)).toEqual({ cl_order: 'cl_order', 'Order Completed': 'cl_order', 'order completed': 'order completed', Twin: 'Twin', Nope: 'Nope' });
});

it('finds a definition created since the names were read, re-reading at most once a second', async () => {
  let now = 0;
  let reads = 0;
  const defs = [definition('cl_order', 'Order Completed')];
  const store = {
    list: async () => {
      reads++;
      return [...defs] as never;
    },
  };
  const names = new SegmentEventNames(store, { get: () => undefined }, () => now);
  await names.resolve(['Order Completed']);
  defs.push(definition('cl_refund', 'Order Refunded'));
  now = 500;
  expect((await names.resolve(['Order Refunded'])).get('Order Refunded')).toBe('Order Refunded');
  now = 1_200;
  expect((await names.resolve(['Order Refunded'])).get('Order Refunded')).toBe('cl_refund');
  expect((await names.resolve(['Order Completed'])).get('Order Completed')).toBe('cl_order');
  expect(reads).toBe(2);
});
