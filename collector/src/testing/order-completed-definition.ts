/** The custom event for Segment's "Order Completed" (its e-commerce spec), which the tests of Segment's own libraries send. */
export const orderCompletedDefinition = {
  id: 'cl_order_completed',
  name: 'Order Completed',
  type: 'inbound',
  score: 10,
  properties: [
    { id: 'cl_total', name: 'Total', type: 'number', required: true },
    { id: 'cl_order_id', name: 'Order id', type: 'text' },
  ],
};
