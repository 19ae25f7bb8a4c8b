import type { EventDefinition } from '@eventline/protocol';
import { describe, expect, it } from 'vitest';
import { definitionTypes } from './definition-types';

const cart: EventDefinition = {
  id: 'cl_add_to_cart',
  name: 'Add to cart',
  type: 'inbound',
  score: 2,
  stage: null,
  group: null,
  system: false,
  properties: [
    { id: 'cl_product', name: 'Product', type: 'text', required: true },
    { id: 'cl_count', name: 'Count', type: 'number' },
    { id: 'cl_gift', name: 'Gift', type: 'boolean' },
    { id: 'cl_delivery', name: 'Delivery */ date', type: 'datetime' },
  ],
};
const sent: EventDefinition = { id: 'cl_coupon_sent', name: 'Coupon sent', type: 'outbound', score: null, stage: null, group: null, system: false, properties: [] };

describe('definitionTypes', () => {
  it('writes each event with its typed properties, required ones without ?, on top of the presets', () => {
    const types = definitionTypes([cart]);
    expect(types).toContain('  cl_add_to_cart: EventlinePresetProperties & {\n');
    expect(types).toContain('    cl_product: string;\n');
    expect(types).toContain('    cl_count?: number | null | undefined;\n');
    expect(types).toContain('    cl_gift?: boolean | null | undefined;\n');
    expect(types).toContain('    cl_delivery?: string | Date | null | undefined;\n');
    expect(types).toContain('  utm_source?: string | null | undefined;\n');
    // A name cannot close the doc comment it is written in.
    expect(types).toContain('/** Delivery *\\/ date */');
  });

  it('gives the same bytes for the same definitions, whatever order they come in', () => {
    const reordered = { ...cart, properties: [...cart.properties].reverse() };
    expect(definitionTypes([sent, reordered])).toBe(definitionTypes([cart, sent]));
    expect(definitionTypes([cart, sent])).not.toBe(definitionTypes([cart]));
  });

  it('lets a property named like a preset replace it, and quotes ids that are not identifiers', () => {
    const types = definitionTypes([{ ...sent, id: 'mp-share', system: true, properties: [{ id: 'url', name: 'Shared path', type: 'number' }] }]);
    expect(types).toContain('  "mp-share": Omit<EventlinePresetProperties, "url"> & {\n');
  });
});
