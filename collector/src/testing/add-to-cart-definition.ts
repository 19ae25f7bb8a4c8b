/** The custom event the README's walkthrough defines, which the docs' examples and several tests send. */
export const addToCartDefinition = {
  id: 'cl_add_to_cart',
  name: 'Add to cart',
  type: 'inbound',
  score: 2,
  properties: [
    { id: 'cl_product', name: 'Product', type: 'text', required: true },
    { id: 'cl_count', name: 'Count', type: 'number' },
  ],
} as const;
