import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestCollector, type TestCollector } from '../testing/test-collector';
import { DomainError } from './domain-error';
import { StorageUnavailableError } from './storage-unavailable-error';

let collector: TestCollector;
beforeEach(async () => {
  collector = await createTestCollector();
});
afterEach(() => collector.close());

/** Readiness asks the store whether it can write: the store's failure is what reaches app.ts. */
const readyWhenStoreThrows = async (error: unknown) => {
  collector.services.store.checkWritable = () => Promise.reject(error);
  return collector.app.request('/readyz');
};

describe('StorageUnavailableError', () => {
  it('is a domain error: a code and no HTTP status', () => {
    const error = new StorageUnavailableError(new Error('disk full'));
    expect(error).toBeInstanceOf(DomainError);
    expect(error.code).toBe('storage_unavailable');
    expect(error).not.toHaveProperty('status');
    expect(error).not.toHaveProperty('headers');
  });

  it('leaves the collector as 503 storage_unavailable with Retry-After', async () => {
    const res = await readyWhenStoreThrows(new StorageUnavailableError());
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    expect(await res.json()).toEqual({ error: { code: 'storage_unavailable', message: new StorageUnavailableError().message } });
  });

  it('is what a driver error meaning "cannot write now" becomes, when it escapes the store unwrapped', async () => {
    const res = await readyWhenStoreThrows(Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' }));
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('storage_unavailable');
  });

  it('does not turn any other store failure into a 503', async () => {
    const res = await readyWhenStoreThrows(Object.assign(new Error('syntax error'), { code: 'SQLITE_ERROR' }));
    expect(res.status).toBe(500);
  });
});
