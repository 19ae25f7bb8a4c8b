/** A customer this transaction resolved to was merged by another collector since it was read: start over. */
export class CustomerMovedError extends Error {
  override readonly name = 'CustomerMovedError';
  constructor() {
    super('a customer was merged by another writer meanwhile');
  }
}
