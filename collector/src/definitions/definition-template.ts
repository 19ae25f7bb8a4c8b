import type { EventDefinition } from '@eventline/protocol';
import type { Context } from 'hono';
import { toDefinitionCsv } from './definition-csv';

const example = (d: Omit<EventDefinition, 'group' | 'system'>): EventDefinition => ({ ...d, group: null, system: false });

/**
 * The batch-creation template: the fixed header and examples of what each column takes. Its ids are
 * none of the docs' own examples (the README defines cl_add_to_cart), so importing it as it is after
 * the walkthrough works.
 */
export const definitionTemplateCsv = toDefinitionCsv([
  example({
    id: 'cl_wishlist_add',
    name: 'Add to wishlist',
    type: 'inbound',
    score: 3,
    stage: 'engaged',
    properties: [
      { id: 'cl_product', name: 'Product, as named in the shop', type: 'text' },
      { id: 'cl_quantity', name: 'Quantity', type: 'number' },
      { id: 'cl_gift', name: 'Gift wrapped', type: 'boolean' },
    ],
  }),
  example({ id: 'cl_purchase', name: '购买商品', type: 'inbound', score: 10, stage: 'converted', properties: [{ id: 'cl_paid_at', name: '支付时间', type: 'datetime' }] }),
  example({ id: 'cl_coupon_sent', name: 'Coupon sent', type: 'outbound', score: null, stage: null, properties: [] }),
]);

/**
 * The template as a download. The API's GET /v1/definitions/template.csv and the console's "Download
 * the template" both answer with this, so the file a newcomer gets is the same byte for byte wherever
 * they got it.
 */
export function definitionTemplateDownload(c: Context) {
  c.header('content-type', 'text/csv; charset=utf-8');
  c.header('content-disposition', 'attachment; filename="eventline-definitions-template.csv"');
  return c.body(definitionTemplateCsv, 200);
}
