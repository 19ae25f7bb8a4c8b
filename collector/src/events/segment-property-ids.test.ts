import { describe, expect, it } from 'vitest';
import { segmentPropertyIds } from './segment-property-ids';

describe('segmentPropertyIds', () => {
  const defined = new Set(['cl_total', 'cl_order_id', 'count']);

  it('takes a property the definition has only as cl_<name> as that one', () => {
    expect(segmentPropertyIds({ total: 42, order_id: 'o-1' }, defined)).toEqual({ cl_total: 42, cl_order_id: 'o-1' });
  });

  it('leaves defined ids, presets and unknown names as sent', () => {
    expect(segmentPropertyIds({ cl_total: 1, count: 2, url: 'https://shop.example/', coupon: 'SPRING' }, defined)).toEqual({
      cl_total: 1,
      count: 2,
      url: 'https://shop.example/',
      coupon: 'SPRING',
    });
  });

  it('renames nothing when both names are sent, so neither value is silently dropped', () => {
    expect(segmentPropertyIds({ total: 1, cl_total: 2 }, defined)).toEqual({ total: 1, cl_total: 2 });
  });
});
